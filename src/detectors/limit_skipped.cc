#include "detectors/limit_skipped.h"

#include "detectors/config_util.h"

namespace becguard::detectors {
namespace {

class LimitSkipped final : public Detector {
 public:
  std::string_view name() const override { return "limit_skipped"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    std::string kinds;
    std::string first_detail;
    for (const Defect& defect : context.message.defects) {
      if (!IsLimitDefect(defect.kind)) continue;
      if (!kinds.empty()) kinds += ", ";
      kinds += DefectKindName(defect.kind);
      if (first_detail.empty()) first_detail = defect.detail;
    }
    if (kinds.empty()) return;
    sink.Add(FindingId::kLimitSkipped, Evidence{"message", kinds, "", first_detail});
  }
};

}  // namespace

Result<std::unique_ptr<Detector>> CreateLimitSkipped(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(CheckKnownKeys(section, "[detectors.limit_skipped]", {}));
  return std::unique_ptr<Detector>(new LimitSkipped());
}

}  // namespace becguard::detectors
