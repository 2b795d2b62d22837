// Reading a finding strength (a number in [0, 1]) from a detector's config table.
// Stateless; thread-safe.
#pragma once

#include <string_view>

#include <toml++/toml.h>

#include "becguard/result.h"

namespace becguard::detectors {

// `key` of `table`, or `fallback` when absent; kInvalidArgument naming `where` when it is not a
// number in [0, 1].
Result<double> ReadStrength(const toml::table& table, std::string_view where, std::string_view key,
                            double fallback);

}  // namespace becguard::detectors
