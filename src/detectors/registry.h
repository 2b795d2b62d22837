// The explicit list of detectors and how to build them from config.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct DetectorEntry {
  std::string_view name;  // the [detectors.<name>] table and the output name
  // Builds the detector from its table (an empty table means all defaults).
  Result<std::unique_ptr<Detector>> (*create)(const toml::table& section);
};

std::span<const DetectorEntry> DetectorRegistry();

// Builds every detector; `detectors` is the [detectors] table of the config (may be empty).
// A section may hold `enabled = false`. Unknown detector names fail.
Result<std::vector<std::unique_ptr<Detector>>> BuildDetectors(const toml::table& detectors);

}  // namespace becguard::detectors
