#include "detectors/strength_config.h"

#include <string>

#include "detectors/config_util.h"

namespace becguard::detectors {

Result<double> ReadStrength(const toml::table& table, std::string_view where, std::string_view key,
                            double fallback) {
  auto value = ReadDouble(table, key, fallback);
  if (!value) return value;
  if (*value < 0.0 || *value > 1.0) {
    return MakeError(ErrorCode::kInvalidArgument, "config: " + std::string(where) + " " +
                                                      std::string(key) + " must be in [0, 1]");
  }
  return value;
}

}  // namespace becguard::detectors
