#include "mime/html_to_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/ascii.h"
#include "mime/html_attributes.h"
#include "mime/url.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},     {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013},  {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"sbquo", 0x201A},  {"bdquo", 0x201E}, {"bull", 0x2022},  {"middot", 0xB7},
    {"euro", 0x20AC},  {"yen", 0xA5},      {"pound", 0xA3},   {"cent", 0xA2},    {"laquo", 0xAB},
    {"raquo", 0xBB},   {"zwnj", 0x200C},   {"zwj", 0x200D},   {"shy", 0xAD},     {"ensp", 0x2002},
    {"emsp", 0x2003},  {"thinsp", 0x2009}, {"times", 0xD7},   {"divide", 0xF7},  {"deg", 0xB0},
    {"para", 0xB6},    {"sect", 0xA7},     {"iexcl", 0xA1},   {"iquest", 0xBF},  {"auml", 0xE4},
    {"ouml", 0xF6},    {"uuml", 0xFC},     {"Auml", 0xC4},    {"Ouml", 0xD6},    {"Uuml", 0xDC},
    {"szlig", 0xDF},   {"eacute", 0xE9},   {"egrave", 0xE8},  {"Eacute", 0xC9},  {"aacute", 0xE1},
    {"agrave", 0xE0},  {"oacute", 0xF3},   {"iacute", 0xED},  {"uacute", 0xFA},  {"ntilde", 0xF1},
    {"ccedil", 0xE7},  {"atilde", 0xE3},   {"otilde", 0xF5},  {"ecirc", 0xEA},   {"acirc", 0xE2},
    {"ocirc", 0xF4},   {"rarr", 0x2192},   {"larr", 0x2190},  {"check", 0x2713}, {"lrm", 0x200E},
    {"rlm", 0x200F},   {"ordm", 0xBA},     {"ordf", 0xAA},
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// `needle` starts with a non-letter ('<'), so an exact find of its first byte is enough.
std::size_t FindIgnoreCase(std::string_view hay, std::string_view needle, std::size_t from) {
  for (std::size_t i = hay.find(needle[0], from); i != std::string_view::npos;
       i = hay.find(needle[0], i + 1)) {
    if (i + needle.size() > hay.size()) break;
    if (EqualsIgnoreCase(hay.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

bool IsBlockTag(std::string_view n) {
  static constexpr std::string_view kBlocks[] = {
      "p",       "div",    "tr",     "li",     "h1",    "h2",         "h3", "h4",
      "h5",      "h6",     "table",  "ul",     "ol",    "blockquote", "hr", "section",
      "article", "header", "footer", "center", "pre",   "dt",         "dd", "form",
      "address", "tbody",  "thead",  "nav",    "aside", "main",       "dl", "figure"};
  for (std::string_view b : kBlocks) {
    if (n == b) return true;
  }
  return false;
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) { r_.text.reserve(s.size() / 3); }

  HtmlText Run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '<') {
        i = Tag(i);
      } else if (c == '&') {
        i = Entity(i);
      } else if (IsSpace(c)) {
        if (pre_depth_ > 0) {
          if (c != '\r') r_.text.push_back(c == '\f' ? '\n' : c);
        } else {
          pending_space_ = true;
        }
        ++i;
      } else {
        const std::size_t b = i;
        while (i < s_.size() && s_[i] != '<' && s_[i] != '&' && !IsSpace(s_[i])) ++i;
        Emit(s_.substr(b, i - b));
      }
    }
    CloseLink();
    while (!r_.text.empty() && (r_.text.back() == '\n' || r_.text.back() == ' ')) {
      r_.text.pop_back();
    }
    return std::move(r_);
  }

 private:
  void Emit(std::string_view t) {
    std::string& out = r_.text;
    if (pending_space_ && !out.empty() && out.back() != '\n' && out.back() != ' ') {
      out.push_back(' ');
    }
    pending_space_ = false;
    out.append(t);
  }

  // Ensures the text ends with at least `count` (1 or 2) line breaks; br adds one more.
  void Newline(int count) {
    std::string& out = r_.text;
    pending_space_ = false;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.empty()) return;
    int have = 0;
    for (std::size_t i = out.size(); i > 0 && out[i - 1] == '\n' && have < 2; --i) ++have;
    const int want = count < 0 ? std::min(2, have + 1) : count;
    for (; have < want; ++have) out.push_back('\n');
  }

  std::size_t Entity(std::size_t i) {
    const std::size_t limit = std::min(s_.size(), i + 40);
    std::size_t j = i + 1;
    while (j < limit && s_[j] != ';' && s_[j] != '&' && s_[j] != '<' && !IsSpace(s_[j])) ++j;
    std::string decoded;
    if (j < limit && s_[j] == ';' && DecodeEntity(s_.substr(i + 1, j - i - 1), &decoded)) {
      EmitEntity(decoded);
      return j + 1;
    }
    // Legacy forms without ';' ("&nbsp", "&#39") that browsers still accept.
    std::size_t k = i + 1;
    while (k < j && ((s_[k] >= 'a' && s_[k] <= 'z') || (s_[k] >= 'A' && s_[k] <= 'Z') ||
                     (s_[k] >= '0' && s_[k] <= '9') || s_[k] == '#')) {
      ++k;
    }
    for (std::size_t len = k - i - 1; len >= 2; --len) {
      decoded.clear();
      if (DecodeEntity(s_.substr(i + 1, len), &decoded)) {
        EmitEntity(decoded);
        return i + 1 + len;
      }
    }
    Emit("&");
    return i + 1;
  }

  void EmitEntity(const std::string& decoded) {
    if (decoded == "\xC2\xA0") {
      pending_space_ = true;
    } else {
      Emit(decoded);
    }
  }

  std::size_t Tag(std::size_t i) {
    if (i + 1 >= s_.size()) {
      Emit("<");
      return i + 1;
    }
    const char n = s_[i + 1];
    if (n == '!') {
      if (s_.substr(i, 4) == "<!--") {
        const std::size_t end = s_.find("-->", i + 4);
        return end == std::string_view::npos ? s_.size() : end + 3;
      }
      const std::size_t end = s_.find('>', i + 2);
      return end == std::string_view::npos ? s_.size() : end + 1;
    }
    if (n == '?') {
      const std::size_t end = s_.find('>', i + 2);
      return end == std::string_view::npos ? s_.size() : end + 1;
    }
    const bool closing = n == '/';
    std::size_t p = i + (closing ? 2 : 1);
    if (p >= s_.size() || !((s_[p] >= 'a' && s_[p] <= 'z') || (s_[p] >= 'A' && s_[p] <= 'Z'))) {
      Emit("<");
      return i + 1;
    }
    const std::size_t name_begin = p;
    while (p < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[p])) || s_[p] == ':' || s_[p] == '-')) {
      ++p;
    }
    std::string name(s_.substr(name_begin, p - name_begin));
    for (char& c : name) c = AsciiLower(c);
    const std::size_t end = FindTagEnd(s_, p);
    if (end == std::string_view::npos) return s_.size();  // the document ends inside a tag
    const std::string_view attrs = s_.substr(p, end - p);
    HandleTag(name, closing, attrs);
    std::size_t next = end + 1;
    if (!closing && (name == "script" || name == "style" || name == "title" || name == "template" ||
                     name == "xml")) {
      const std::size_t close = FindIgnoreCase(s_, "</" + name, next);
      if (close == std::string_view::npos) return s_.size();
      const std::size_t gt = s_.find('>', close);
      next = gt == std::string_view::npos ? s_.size() : gt + 1;
    } else if (!closing && name == "head") {
      // Only skipped when it visibly ends: phishing kits often leave <head> unclosed and put
      // the whole message inside it.
      const std::size_t end_head =
          std::min(FindIgnoreCase(s_, "</head", next), FindIgnoreCase(s_, "<body", next));
      if (end_head != std::string_view::npos) next = end_head;
    }
    return next;
  }

  void HandleTag(const std::string& name, bool closing, std::string_view attrs) {
    if (name == "br") {
      Newline(-1);
    } else if (name == "a" || name == "area") {
      CloseLink();
      if (closing) return;
      const auto href = GetAttribute(attrs, "href");
      if (!href) return;
      if (r_.links.size() >= kMaxLinks) {
        r_.dropped_links = true;
        return;
      }
      Link link;
      link.href = DecodeAttributeValue(*href);
      link.host = UrlHost(link.href);
      if (name == "area") {
        if (const auto alt = GetAttribute(attrs, "alt")) link.anchor_text = CollapseSpaces(*alt);
        r_.links.push_back(std::move(link));
        return;
      }
      r_.links.push_back(std::move(link));
      open_link_ = r_.links.size() - 1;
      link_text_begin_ = r_.text.size();
    } else if (name == "img") {
      if (!closing) AddImage(attrs);
    } else if (name == "td" || name == "th") {
      pending_space_ = true;
    } else if (name == "pre") {
      pre_depth_ = closing ? std::max(0, pre_depth_ - 1) : pre_depth_ + 1;
      Newline(1);
    } else if (name == "p" || name == "h1" || name == "h2" || name == "h3" || name == "table") {
      Newline(2);
    } else if (IsBlockTag(name)) {
      Newline(1);
    }
  }

  void CloseLink() {
    if (open_link_ == kNone) return;
    const std::size_t b = std::min(link_text_begin_, r_.text.size());
    r_.links[open_link_].anchor_text = CollapseSpaces(std::string_view(r_.text).substr(b));
    open_link_ = kNone;
  }

  void AddImage(std::string_view attrs) {
    const auto src = GetAttribute(attrs, "src");
    if (!src) return;
    if (r_.images.size() >= kMaxImages) {
      r_.dropped_images = true;
      return;
    }
    Image img;
    img.src = DecodeAttributeValue(*src);
    img.host = UrlHost(img.src);
    if (const auto w = GetAttribute(attrs, "width")) img.width = ParseCssInt(*w);
    if (const auto h = GetAttribute(attrs, "height")) img.height = ParseCssInt(*h);
    bool hidden = false;
    if (const auto style = GetAttribute(attrs, "style")) {
      const StyleFacts f = ParseStyle(*style);
      hidden = f.hidden;
      if (f.width >= 0) img.width = f.width;
      if (f.height >= 0) img.height = f.height;
    }
    if (img.width == 0 || img.width == 1 || img.height == 0 || img.height == 1) hidden = true;
    img.hidden = hidden;
    r_.images.push_back(std::move(img));
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::string_view s_;
  HtmlText r_;
  bool pending_space_ = false;
  int pre_depth_ = 0;
  std::size_t open_link_ = kNone;
  std::size_t link_text_begin_ = 0;
};

}  // namespace

bool DecodeEntity(std::string_view name, std::string* out) {
  if (name.empty()) return false;
  if (name[0] == '#') {
    std::uint32_t cp = 0;
    std::size_t i = 1;
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    if (hex) ++i;
    if (i >= name.size()) return false;
    for (; i < name.size(); ++i) {
      const char c = name[i];
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        v = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        v = c - 'A' + 10;
      } else {
        return false;
      }
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate; becomes U+FFFD
    }
    if (cp == 0) cp = text::kReplacementChar;
    text::AppendUtf8(static_cast<char32_t>(cp), out);
    return true;
  }
  for (const NamedEntity& e : kEntities) {
    if (e.name == name) {
      text::AppendUtf8(e.cp, out);
      return true;
    }
  }
  return false;
}

HtmlText HtmlToText(std::string_view html) { return Scanner(html).Run(); }

}  // namespace becguard::mime
