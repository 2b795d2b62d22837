// message.limit_skipped: part of the message was not inspected because it exceeded a configured
// limit (size, MIME depth, part count, header count or length, text length).
//
// Why it matters: attackers pad mail to push the payload past a scanner's limits. The finding
// keeps the verdict honest ("we did not look at everything") without failing the scan.
// False positives: very large legitimate mail (big attachments); its weight is small.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

Result<std::unique_ptr<Detector>> CreateLimitSkipped(const toml::table& section);

}  // namespace becguard::detectors
