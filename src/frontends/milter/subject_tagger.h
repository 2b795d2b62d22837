// Subject tagging: "[SUSPICIOUS] original subject", keeping RFC 2047 encoded words valid and
// never tagging twice. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace becguard::milter {

// `raw_subject` is the Subject value as received (may hold encoded words and "\n\t" folding;
// empty when the message has none). Returns the new raw value, or nullopt when the decoded
// subject already starts with `tag`. An ASCII tag is prepended as plain text; a non-ASCII tag
// becomes a UTF-8 encoded word that carries its own trailing space (the space between two
// encoded words is not displayed).
std::optional<std::string> TagSubject(std::string_view raw_subject, std::string_view tag);

}  // namespace becguard::milter
