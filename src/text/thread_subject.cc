#include "text/thread_subject.h"

#include <algorithm>
#include <iterator>

namespace becguard::text {
namespace {

// Prefix words before the colon. Lower-case ASCII; the rest as NFKC writes them.
constexpr std::string_view kPrefixes[] = {
    "re",   "fw",     "fwd",  "aw",   "wg",   "sv",   "vs",   "tr", "rif",
    "antw", "doorst", "ynt",  "vl",   "odp",  "enc",  "res",  "rv", "trs",
    "返信", "転送",   "回复", "回覆", "答复", "转发", "轉寄",
};

// Longer than this a bracket is part of the subject, not a list tag.
constexpr std::size_t kMaxTagLength = 48;

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (LowerAscii(s[i]) != prefix[i]) return false;
  }
  return true;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Skips a reply counter: "[2]", "(2)", "^2", "*2".
std::string_view SkipCounter(std::string_view s) {
  if (s.empty()) return s;
  if (s.front() == '[' || s.front() == '(') {
    const char close = s.front() == '[' ? ']' : ')';
    std::size_t i = 1;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i > 1 && i < s.size() && s[i] == close) return s.substr(i + 1);
    return s;
  }
  if (s.front() == '^' || s.front() == '*') {
    std::size_t i = 1;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i > 1) return s.substr(i);
  }
  return s;
}

// Removes one "re:" style prefix; returns false when there is none.
bool StripPrefix(std::string_view& s) {
  for (std::string_view word : kPrefixes) {
    if (!StartsWithNoCase(s, word)) continue;
    std::string_view rest = SkipCounter(s.substr(word.size()));
    rest = TrimLeft(rest);  // "TR :" (French Outlook)
    if (rest.empty() || rest.front() != ':') continue;
    s = TrimLeft(rest.substr(1));
    return true;
  }
  return false;
}

// Removes one leading "[tag]"; returns false when there is none.
bool StripTag(std::string_view& s) {
  if (s.empty() || s.front() != '[') return false;
  const std::size_t close = s.find(']');
  if (close == std::string_view::npos || close > kMaxTagLength) return false;
  std::string_view rest = TrimLeft(s.substr(close + 1));
  if (rest.empty()) return false;  // "[urgent]" alone is the whole subject
  s = rest;
  return true;
}

}  // namespace

std::string NormalizeThreadSubject(std::string_view normalized_subject) {
  std::string_view s = TrimLeft(normalized_subject);
  while (StripPrefix(s) || StripTag(s)) {
  }
  return std::string(TrimRight(s));
}

bool IsReplySubject(std::string_view normalized_subject) {
  std::string_view s = TrimLeft(normalized_subject);
  while (StripTag(s)) {
  }
  return StripPrefix(s);
}

}  // namespace becguard::text
