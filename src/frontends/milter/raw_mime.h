// RawMimeMap: where each leaf part's content lies in the raw bytes of a message, so the banner
// inserter can change one part and leave every other byte as it was. A deliberately strict
// reader: anything it is unsure about (no closing boundary, too deep) makes Map fail, and the
// caller then leaves the body alone. Stateless; thread-safe (GMime parses header values only).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace becguard::milter {

struct RawPart {
  std::string media_type;         // lower-case "text/plain"
  std::string charset;            // lower-case content-type charset, "" when absent
  std::string encoding;           // lower-case Content-Transfer-Encoding, "" when absent
  bool attachment = false;        // Content-Disposition: attachment, or a file name is given
  std::size_t content_begin = 0;  // offsets into the raw message of the (encoded) content
  std::size_t content_end = 0;
};

struct RawMimeMap {
  std::size_t body_begin = 0;   // first byte after the header / body separator
  std::string eol;              // "\r\n" or "\n", as the message's header lines end
  std::vector<RawPart> leaves;  // depth-first, message order; message/rfc822 is a leaf
};

// nullopt when the structure is not one this reader can be sure of.
std::optional<RawMimeMap> MapRawMime(std::string_view raw, int max_depth);

}  // namespace becguard::milter
