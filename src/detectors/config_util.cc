#include "detectors/config_util.h"

#include <algorithm>

namespace becguard::detectors {

Result<void> CheckKnownKeys(const toml::table& table, std::string_view where,
                            std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : table) {
    std::string_view name = key.str();
    if (name == "enabled") continue;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config: unknown key '" + std::string(name) + "' in " + std::string(where));
    }
  }
  return {};
}

Result<double> ReadDouble(const toml::table& table, std::string_view key, double fallback) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  if (auto v = node->value<double>()) return *v;
  return MakeError(ErrorCode::kInvalidArgument,
                   "config: '" + std::string(key) + "' must be a number");
}

Result<bool> ReadBool(const toml::table& table, std::string_view key, bool fallback) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  if (auto v = node->value_exact<bool>()) return *v;
  return MakeError(ErrorCode::kInvalidArgument,
                   "config: '" + std::string(key) + "' must be true or false");
}

Result<std::vector<std::string>> ReadStrings(const toml::table& table, std::string_view key,
                                             std::vector<std::string> fallback) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "config: '" + std::string(key) + "' must be an array of strings");
  }
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    auto s = item.value<std::string>();
    if (!s) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config: '" + std::string(key) + "' must be an array of strings");
    }
    out.push_back(*s);
  }
  return out;
}

}  // namespace becguard::detectors
