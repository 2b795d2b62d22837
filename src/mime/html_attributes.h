// Helpers for reading HTML start-tag attributes and inline CSS (what html_to_text needs to
// know about links and tracking images). Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace becguard::mime {

// Index of the '>' closing a tag whose attributes start at `from` (quotes respected), or npos.
std::size_t FindTagEnd(std::string_view html, std::size_t from);

// Raw (entity-encoded) value of attribute `name` (lower-case) in a tag's attribute text.
std::optional<std::string_view> GetAttribute(std::string_view attrs, std::string_view name);

// Entity-decodes an attribute value and trims surrounding whitespace.
std::string DecodeAttributeValue(std::string_view raw);

// Collapses whitespace runs to one space and trims.
std::string CollapseSpaces(std::string_view s);

// Leading integer of "1", "1px", " 0 "; -1 when none (e.g. "auto", "100%").
int ParseCssInt(std::string_view s);

struct StyleFacts {
  bool hidden = false;  // display:none, visibility:hidden or opacity:0
  int width = -1;
  int height = -1;
};

StyleFacts ParseStyle(std::string_view css);

}  // namespace becguard::mime
