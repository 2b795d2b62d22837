// Quarantine directory: stores a message becguard took out of the mail flow (quarantine mode
// "directory") as one .eml file, written to a temporary name, fsync'ed and renamed, so a file
// that exists is complete. Thread-safe (every call writes its own unique file).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "becguard/result.h"
#include "frontends/milter/header_renderer.h"

namespace becguard::milter {

// Writes `headers` (becguard's own) followed by `raw` to <dir>/<unix time>.<queue id>.<n>.eml
// and returns the path. Creates `dir` if needed.
Result<std::string> StoreInQuarantine(const std::string& dir, std::string_view queue_id,
                                      const std::vector<HeaderField>& headers,
                                      std::string_view raw);

}  // namespace becguard::milter
