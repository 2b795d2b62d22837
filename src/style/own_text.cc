// OwnText: the part of a message's new text that its sender typed.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "style/features.h"

namespace becguard::style {
namespace {

bool ContainsIgnoreCase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < needle.size() && match; ++k) {
      const char a = static_cast<char>(std::tolower(static_cast<unsigned char>(hay[i + k])));
      match = a == needle[k];
    }
    if (match) return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Phone numbers, addresses and links: a signature's contact block, not prose.
bool IsContactLine(std::string_view line) {
  int digits = 0;
  for (char c : line) digits += (c >= '0' && c <= '9') ? 1 : 0;
  if (digits >= 7) return true;
  for (std::string_view marker :
       {"@", "www.", "http", "tel:", "tel.", "phone", "fax", "mobile", "cell:", "direct:"}) {
    if (ContainsIgnoreCase(line, marker)) return true;
  }
  for (std::string_view marker : {"電話", "ＴＥＬ", "ＦＡＸ", "〒", "携帯"}) {
    if (line.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

// Text the quote splitter may leave: a forwarded block or an embedded original further down.
bool StartsForeignBlock(std::string_view line) {
  if (line.starts_with("---") || line.starts_with("___") || line.starts_with("===")) {
    return ContainsIgnoreCase(line, "forward") || ContainsIgnoreCase(line, "original") ||
           line.find("転送") != line.npos || line.find("元のメッセージ") != line.npos;
  }
  return ContainsIgnoreCase(line, "forwarded by") || ContainsIgnoreCase(line, "begin forwarded");
}

}  // namespace

std::string OwnText(std::string_view new_text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= new_text.size()) {
    std::size_t end = new_text.find('\n', start);
    if (end == std::string_view::npos) end = new_text.size();
    std::string_view line = new_text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view trimmed = Trim(line);
    if (line == "-- " || trimmed == "--" || StartsForeignBlock(trimmed)) break;
    if (!trimmed.starts_with(">") && !trimmed.starts_with("＞")) lines.push_back(line);
    start = end + 1;
  }
  // Drop the trailing contact block (and the blank lines around it), keeping the name above it.
  while (!lines.empty() && (Trim(lines.back()).empty() || IsContactLine(lines.back()))) {
    lines.pop_back();
  }
  while (!lines.empty() && Trim(lines.front()).empty()) lines.erase(lines.begin());
  std::string out;
  for (std::string_view line : lines) {
    out.append(line);
    out.push_back('\n');
  }
  return out;
}

}  // namespace becguard::style
