#include "mime/received.h"
#include "core/ascii.h"

#include <cctype>
#include <string>

namespace becguard::mime {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string LowerHost(std::string_view s) {
  // Hosts are written bare or bracketed; strip trailing punctuation left by odd MTAs.
  while (!s.empty() && (s.back() == ';' || s.back() == ',' || s.back() == '.')) s.remove_suffix(1);
  return AsciiLower(s);
}

bool IsIpv4At(std::string_view s, std::size_t i, std::size_t* len) {
  int dots = 0, digits = 0;
  std::size_t j = i;
  for (; j < s.size(); ++j) {
    const char c = s[j];
    if (c >= '0' && c <= '9') {
      if (++digits > 3) return false;
    } else if (c == '.') {
      if (digits == 0 || ++dots > 3) break;
      digits = 0;
    } else {
      break;
    }
  }
  if (dots != 3 || digits == 0) return false;
  if (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.')) return false;
  *len = j - i;
  return true;
}

// First IP literal in the from clause: "[1.2.3.4]", "[IPv6:...]" or a bare dotted quad.
std::string FindIp(std::string_view clause) {
  for (std::size_t i = 0; i < clause.size(); ++i) {
    if (clause[i] == '[') {
      const std::size_t close = clause.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view lit = clause.substr(i + 1, close - i - 1);
      if (lit.size() > 5 && EqualsIgnoreCase(lit.substr(0, 5), "ipv6:")) lit.remove_prefix(5);
      std::size_t len = 0;
      const bool v4 = IsIpv4At(lit, 0, &len) && len == lit.size();
      bool v6 = lit.find(':') != std::string_view::npos;
      for (char c : lit) {
        if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.')) v6 = false;
      }
      if (v4 || v6) return LowerHost(lit);
      i = close;
      continue;
    }
    std::size_t len = 0;
    if (clause[i] >= '0' && clause[i] <= '9' && IsIpv4At(clause, i, &len)) {
      return std::string(clause.substr(i, len));
    }
  }
  // A bare IPv6 address in a comment, as Exchange Online writes: "(2603:10b6:5:1ad::40)".
  std::size_t i = 0;
  while (i < clause.size()) {
    const std::size_t b = clause.find_first_not_of(" \t()[],;", i);
    if (b == std::string_view::npos) break;
    std::size_t e = clause.find_first_of(" \t()[],;", b);
    if (e == std::string_view::npos) e = clause.size();
    const std::string_view tok = clause.substr(b, e - b);
    int colons = 0;
    bool ok = tok.size() >= 3;
    for (char c : tok) {
      if (c == ':') {
        ++colons;
      } else if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '.') {
        ok = false;
      }
    }
    // "12:34:56" is a time, not an address: IPv6 has "::", 3+ colons or hex letters.
    const bool hex_letter = tok.find_first_of("abcdefABCDEF") != std::string_view::npos;
    if (ok && colons >= 2 && (colons >= 3 || hex_letter || tok.find("::") != tok.npos)) {
      return LowerHost(tok);
    }
    i = e;
  }
  return {};
}

// Tokens outside comments, with the clause each starts.
struct Scanner {
  std::string_view s;
  std::size_t i = 0;

  void SkipSpaceAndComments() {
    while (i < s.size()) {
      if (IsSpace(s[i])) {
        ++i;
      } else if (s[i] == '(') {
        int depth = 0;
        for (; i < s.size(); ++i) {
          if (s[i] == '\\') {
            if (i + 1 < s.size()) ++i;  // a trailing backslash must not step past the end
          } else if (s[i] == '(') {
            ++depth;
          } else if (s[i] == ')' && --depth == 0) {
            ++i;
            break;
          }
        }
      } else {
        break;
      }
    }
  }

  std::string_view NextToken() {
    SkipSpaceAndComments();
    const std::size_t b = i;
    while (i < s.size() && !IsSpace(s[i]) && s[i] != '(' && s[i] != ';') ++i;
    return s.substr(b, i - b);
  }
};

bool IsClauseKeyword(std::string_view t) {
  return EqualsIgnoreCase(t, "by") || EqualsIgnoreCase(t, "with") || EqualsIgnoreCase(t, "id") ||
         EqualsIgnoreCase(t, "for") || EqualsIgnoreCase(t, "via");
}

}  // namespace

ReceivedHop ParseReceived(std::string_view unfolded) {
  ReceivedHop hop;
  hop.raw = std::string(unfolded);
  // The date after the last ';' is not part of any clause.
  std::string_view s = unfolded;
  if (const std::size_t semi = s.rfind(';'); semi != std::string_view::npos) s = s.substr(0, semi);
  Scanner sc{s};
  std::size_t from_clause_begin = std::string_view::npos, from_clause_end = s.size();
  while (sc.i < s.size()) {
    sc.SkipSpaceAndComments();
    const std::size_t tok_begin = sc.i;
    std::string_view tok = sc.NextToken();
    if (tok.empty()) {
      if (sc.i < s.size()) ++sc.i;  // a stray ';'
      continue;
    }
    if (EqualsIgnoreCase(tok, "from") && hop.from_host.empty() &&
        from_clause_begin == std::string_view::npos) {
      hop.from_host = LowerHost(sc.NextToken());
      from_clause_begin = tok_begin;
    } else if (EqualsIgnoreCase(tok, "by") && hop.by_host.empty()) {
      if (from_clause_begin != std::string_view::npos && from_clause_end == s.size()) {
        from_clause_end = tok_begin;
      }
      hop.by_host = LowerHost(sc.NextToken());
    } else if (IsClauseKeyword(tok) && from_clause_begin != std::string_view::npos &&
               from_clause_end == s.size()) {
      from_clause_end = tok_begin;
    }
  }
  if (from_clause_begin != std::string_view::npos) {
    hop.from_ip = FindIp(s.substr(from_clause_begin, from_clause_end - from_clause_begin));
  }
  return hop;
}

}  // namespace becguard::mime
