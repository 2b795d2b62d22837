// Quarantine directory: stores a message becguard took out of the mail flow (quarantine mode
// "directory") as one .eml file, written to a temporary name, fsync'ed and renamed, so a file
// that exists is complete. The SMTP envelope goes in as X-BEC-Envelope-* headers on top: Bcc
// recipients are nowhere else, and releasing a message needs them. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "becguard/engine.h"
#include "becguard/result.h"
#include "frontends/milter/header_renderer.h"

namespace becguard::milter {

// The file name: a hash of the envelope, the Message-ID and the body. The same message
// offered again (the MTA retries after a lost connection, with a new queue id and Received
// line) lands on the same file instead of a second copy.
std::string QuarantineKey(const SmtpEnvelope& envelope, std::string_view raw);

// Writes the envelope headers, `headers` (becguard's own) and `raw` to <dir>/<key>.eml and
// returns the path; a file already there for the same key is kept. Creates `dir` if needed.
Result<std::string> StoreInQuarantine(const std::string& dir, std::string_view queue_id,
                                      const SmtpEnvelope& envelope,
                                      const std::vector<HeaderField>& headers,
                                      std::string_view raw);

}  // namespace becguard::milter
