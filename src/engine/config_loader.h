// Parses the becguard TOML config into the typed Config plus the raw tables that detectors and
// scoring parse themselves. Unknown keys fail with a message naming them. Pure function.
#pragma once

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "becguard/config.h"
#include "becguard/result.h"

namespace becguard::engine {

struct LoadedConfig {
  Config config;
  toml::table detectors;  // [detectors]
  toml::table scoring;    // [scoring]: overrides of the scores file
};

// Relative paths in the config are resolved against base_dir. data_dir defaults to
// $BECGUARD_DATA_DIR, else the build's data directory, else /usr/share/becguard.
Result<LoadedConfig> ParseConfig(std::string_view toml_text, const std::string& base_dir);

}  // namespace becguard::engine
