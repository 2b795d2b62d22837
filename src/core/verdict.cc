#include "becguard/verdict.h"

namespace becguard {

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kClean:
      return "clean";
    case Verdict::kSuspicious:
      return "suspicious";
    case Verdict::kBec:
      return "bec";
  }
  return "clean";
}

std::string ScoredFinding::Name() const {
  if (finding.id == FindingId::kComposite) return "combo." + finding.composite_name;
  return std::string(FindingName(finding.id));
}

}  // namespace becguard
