// HTML -> plain text for detectors, plus the links and remote images of the document.
// A small forgiving scanner (no DOM): script/style/title dropped, block tags become line
// breaks, entities decoded. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "becguard/message.h"
#include "mime/url.h"

namespace becguard::mime {

struct HtmlText {
  std::string text;  // UTF-8, lines separated by '\n'
  std::vector<Link> links;
  std::vector<Image> images;
  bool dropped_links = false;   // more than kMaxLinks anchors; the rest were not collected
  bool dropped_images = false;  // likewise for images
};

inline constexpr std::size_t kMaxImages = 10000;

// `html` must already be UTF-8.
HtmlText HtmlToText(std::string_view html);

// Appends the UTF-8 of an HTML entity body ("amp", "#39", "#x27") to out; false if unknown.
bool DecodeEntity(std::string_view name, std::string* out);

}  // namespace becguard::mime
