#include "mime/url.h"

#include <unordered_set>
#include "core/ascii.h"

namespace becguard::mime {
namespace {

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

bool EndsUrl(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u >= 0x7F || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' ||
         c == '{' || c == '}' || c == '|' || c == '^';
}

}  // namespace

std::string UrlHost(std::string_view href) {
  while (!href.empty() && (href.front() == ' ' || href.front() == '\t' || href.front() == '\n' ||
                           href.front() == '\r')) {
    href.remove_prefix(1);
  }
  std::string host;
  if (StartsWithIgnoreCase(href, "mailto:")) {
    std::string_view rest = href.substr(7);
    rest = rest.substr(0, rest.find_first_of("?,;"));
    const std::size_t at = rest.rfind('@');
    if (at == std::string_view::npos) return {};
    rest = rest.substr(at + 1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '>')) rest.remove_suffix(1);
    host.assign(rest);
  } else {
    std::size_t skip = 0;
    if (StartsWithIgnoreCase(href, "https:")) {
      skip = 6;
    } else if (StartsWithIgnoreCase(href, "http:")) {
      skip = 5;
    } else {
      return {};
    }
    std::string_view rest = href.substr(skip);
    // Browsers accept any number of '/' or '\' after the scheme.
    while (!rest.empty() && (rest.front() == '/' || rest.front() == '\\')) rest.remove_prefix(1);
    const std::size_t end = rest.find_first_of("/\\?#");
    std::string_view authority = rest.substr(0, end);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
      authority.remove_prefix(at + 1);  // "https://bank.com@evil.example/" -> evil.example
    }
    if (!authority.empty() && authority.front() == '[') {
      const std::size_t close = authority.find(']');
      authority =
          authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1);
    } else if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
      authority = authority.substr(0, colon);
    }
    host.assign(authority);
  }
  for (char& c : host) c = AsciiLower(c);
  while (!host.empty() && host.back() == '.') host.pop_back();
  for (char c : host) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>') return {};
  }
  return host;
}

void FindTextUrls(std::string_view text, std::vector<Link>* links) {
  std::unordered_set<std::string_view> seen;
  for (const Link& l : *links) seen.insert(l.href);
  std::vector<Link> found;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t h = text.find_first_of("hH", pos);
    if (h == std::string_view::npos) break;
    std::string_view rest = text.substr(h);
    std::size_t scheme = 0;
    if (StartsWithIgnoreCase(rest, "https://")) {
      scheme = 8;
    } else if (StartsWithIgnoreCase(rest, "http://")) {
      scheme = 7;
    } else {
      pos = h + 1;
      continue;
    }
    std::size_t end = scheme;
    while (end < rest.size() && !EndsUrl(rest[end])) ++end;
    std::string_view url = rest.substr(0, end);
    // Sentence punctuation and a closing bracket that belongs to the prose, not the URL.
    while (url.size() > scheme) {
      const char c = url.back();
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ']' ||
          (c == ')' && url.find('(') == std::string_view::npos)) {
        url.remove_suffix(1);
      } else {
        break;
      }
    }
    pos = h + end;
    if (url.size() <= scheme) continue;
    if (!seen.insert(url).second) continue;
    if (links->size() + found.size() >= kMaxLinks) break;
    Link link;
    link.href = std::string(url);
    link.anchor_text = link.href;
    link.host = UrlHost(link.href);
    found.push_back(std::move(link));
  }
  for (Link& l : found) links->push_back(std::move(l));
}

}  // namespace becguard::mime
