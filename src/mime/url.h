// URL helpers: host extraction and plain-text URL finding. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "becguard/message.h"

namespace becguard::mime {

// Links kept per message; more than this is an attack on memory, not mail.
inline constexpr std::size_t kMaxLinks = 10000;

// Lower-case host of an http(s) URL (userinfo and port removed) or the domain of a mailto:
// address; empty for other schemes and relative references.
std::string UrlHost(std::string_view href);

// Appends every http:// and https:// URL found in plain text (anchor_text = the URL) whose
// href is not already in `links`.
void FindTextUrls(std::string_view text, std::vector<Link>* links);

}  // namespace becguard::mime
