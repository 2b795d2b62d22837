// Helpers for detector config tables: unknown keys fail, typed reads with defaults.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "becguard/result.h"

namespace becguard::detectors {

// kInvalidArgument naming the first key of `table` not in `allowed` ("enabled" is always allowed).
Result<void> CheckKnownKeys(const toml::table& table, std::string_view where,
                            std::initializer_list<std::string_view> allowed);

Result<double> ReadDouble(const toml::table& table, std::string_view key, double fallback);
Result<bool> ReadBool(const toml::table& table, std::string_view key, bool fallback);
Result<std::vector<std::string>> ReadStrings(const toml::table& table, std::string_view key,
                                             std::vector<std::string> fallback);

}  // namespace becguard::detectors
