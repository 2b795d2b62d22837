#include "mime/html_attributes.h"

#include "core/ascii.h"
#include "mime/html_to_text.h"

namespace becguard::mime {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool EqualsLower(std::string_view mixed, std::string_view lower) {
  if (mixed.size() != lower.size()) return false;
  for (std::size_t i = 0; i < mixed.size(); ++i) {
    if (AsciiLower(mixed[i]) != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::size_t FindTagEnd(std::string_view html, std::size_t from) {
  for (std::size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '>') return i;
    if (c != '=') continue;
    std::size_t j = i + 1;
    while (j < html.size() && IsSpace(html[j])) ++j;
    if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
      const std::size_t close = html.find(html[j], j + 1);
      // An unterminated quote would swallow the document; fall back to the next '>'.
      if (close == std::string_view::npos) return html.find('>', j + 1);
      i = close;
    } else {
      i = j - 1;
    }
  }
  return std::string_view::npos;
}

std::optional<std::string_view> GetAttribute(std::string_view attrs, std::string_view name) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (IsSpace(attrs[i]) || attrs[i] == '/')) ++i;
    const std::size_t nb = i;
    while (i < attrs.size() && !IsSpace(attrs[i]) && attrs[i] != '=' && attrs[i] != '>' &&
           (attrs[i] != '/' || i == nb)) {
      ++i;
    }
    if (i == nb) {
      ++i;
      continue;
    }
    const std::string_view attr_name = attrs.substr(nb, i - nb);
    std::size_t j = i;
    while (j < attrs.size() && IsSpace(attrs[j])) ++j;
    std::string_view value;
    bool has_value = false;
    if (j < attrs.size() && attrs[j] == '=') {
      ++j;
      while (j < attrs.size() && IsSpace(attrs[j])) ++j;
      has_value = true;
      if (j < attrs.size() && (attrs[j] == '"' || attrs[j] == '\'')) {
        const char q = attrs[j];
        std::size_t close = attrs.find(q, j + 1);
        if (close == std::string_view::npos) close = attrs.size();
        value = attrs.substr(j + 1, close - j - 1);
        i = close + 1;
      } else {
        const std::size_t vb = j;
        while (j < attrs.size() && !IsSpace(attrs[j])) ++j;
        value = attrs.substr(vb, j - vb);
        i = j;
      }
    }
    if (EqualsLower(attr_name, name)) {
      return has_value ? value : std::string_view();
    }
  }
  return std::nullopt;
}

std::string DecodeAttributeValue(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '&') {
      const std::size_t semi = raw.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 12 &&
          DecodeEntity(raw.substr(i + 1, semi - i - 1), &out)) {
        i = semi;
        continue;
      }
    }
    if (c == '\r' || c == '\n' || c == '\t') continue;  // browsers strip these from URLs
    out.push_back(c);
  }
  std::size_t b = 0, e = out.size();
  while (b < e && out[b] == ' ') ++b;
  while (e > b && out[e - 1] == ' ') --e;
  return out.substr(b, e - b);
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

int ParseCssInt(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  long v = 0;
  const std::size_t b = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (v < 1000000) v = v * 10 + (s[i] - '0');
    ++i;
  }
  if (i == b) return -1;
  while (i < s.size() && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))) ++i;
  while (i < s.size() && IsSpace(s[i])) ++i;
  // Only pixels (or no unit) say how big the image is drawn; "1em" or "100%" do not.
  if (i < s.size() && !(s.substr(i).starts_with("px") || s.substr(i).starts_with("PX") ||
                        s[i] == ';' || s[i] == '"' || s[i] == '\'')) {
    return -1;
  }
  return static_cast<int>(v);
}

StyleFacts ParseStyle(std::string_view css) {
  StyleFacts f;
  std::string compact;
  compact.reserve(css.size());
  for (char c : css) {
    if (!IsSpace(c)) compact.push_back(AsciiLower(c));
  }
  std::size_t i = 0;
  while (i < compact.size()) {
    std::size_t end = compact.find(';', i);
    if (end == std::string::npos) end = compact.size();
    const std::string_view decl = std::string_view(compact).substr(i, end - i);
    i = end + 1;
    const std::size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view prop = decl.substr(0, colon);
    std::string_view value = decl.substr(colon + 1);
    if (const std::size_t bang = value.find('!'); bang != std::string_view::npos) {
      value = value.substr(0, bang);  // "!important"
    }
    if (prop == "display" && value.starts_with("none")) {
      f.hidden = true;
    } else if (prop == "visibility" &&
               (value.starts_with("hidden") || value.starts_with("collapse"))) {
      f.hidden = true;
    } else if (prop == "opacity") {
      bool nonzero = false, digit = false;
      for (char c : value) {
        if (c >= '1' && c <= '9') nonzero = true;
        if (c >= '0' && c <= '9') digit = true;
        if (c == '%' || c == 'e') break;
      }
      if (digit && !nonzero) f.hidden = true;
    } else if (prop == "width") {
      f.width = ParseCssInt(value);
    } else if (prop == "height") {
      f.height = ParseCssInt(value);
    } else if ((prop == "max-width" || prop == "max-height") && ParseCssInt(value) == 0) {
      f.hidden = true;
    }
  }
  return f;
}

}  // namespace becguard::mime
