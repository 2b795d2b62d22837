#include "auth/auth_results_parser.h"
#include "core/ascii.h"

namespace becguard::auth {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  void Advance() { ++i_; }
  std::size_t position() const { return i_; }
  void Reset(std::size_t position) { i_ = position; }

  // Whitespace and comments, nested, with quoted-pairs.
  void SkipCfws() {
    while (!AtEnd()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i_;
      } else if (c == '(') {
        int depth = 0;
        while (!AtEnd()) {
          const char d = s_[i_++];
          if (d == '\\') {
            if (!AtEnd()) ++i_;
          } else if (d == '(') {
            ++depth;
          } else if (d == ')' && --depth == 0) {
            break;
          }
        }
      } else {
        return;
      }
    }
  }

  // A token up to whitespace, a comment, ';' or one of `stops`.
  std::string Token(std::string_view stops) {
    const std::size_t begin = i_;
    while (!AtEnd()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ';' || c == '"' ||
          stops.find(c) != std::string_view::npos) {
        break;
      }
      ++i_;
    }
    return std::string(s_.substr(begin, i_ - begin));
  }

  void SkipSpace() {
    while (!AtEnd() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
  }

  // The text of the comment at the scanner (outer parentheses removed); "" when none. The
  // scanner stays put: SkipCfws steps over it.
  std::string PeekComment() const {
    if (Peek() != '(') return {};
    std::string out;
    int depth = 0;
    for (std::size_t j = i_; j < s_.size(); ++j) {
      const char c = s_[j];
      if (c == '\\' && j + 1 < s_.size()) {
        out += s_[++j];
        continue;
      }
      if (c == '(' && depth++ == 0) continue;
      if (c == ')' && --depth == 0) break;
      out += c;
    }
    return out;
  }

  // A quoted-string (unescaped) or a token.
  std::string Value(std::string_view stops) {
    if (Peek() != '"') return Token(stops);
    ++i_;
    std::string out;
    while (!AtEnd()) {
      const char c = s_[i_++];
      if (c == '\\' && !AtEnd()) {
        out += s_[i_++];
      } else if (c == '"') {
        break;
      } else {
        out += c;
      }
    }
    return out;
  }

  // Skips to just after the next ';' outside comments and quotes (recovery after bad input).
  void SkipResinfo() {
    while (!AtEnd()) {
      SkipCfws();
      if (AtEnd()) return;
      if (Peek() == ';') return;
      if (Peek() == '"') {
        Value("");
      } else {
        ++i_;
      }
    }
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// One resinfo after its ';': method[/version]=result [reason=...] [ptype.property=value ...].
// False when it is not a method result (the scanner then stands at the next ';' or the end).
bool ParseResinfo(Scanner& in, MethodResult& out) {
  in.SkipCfws();
  out.method = AsciiLower(in.Token("=/."));
  in.SkipCfws();
  if (in.Peek() == '/') {
    in.Advance();
    in.SkipCfws();
    in.Token("=");
    in.SkipCfws();
  }
  if (out.method.empty() || in.Peek() != '=') return false;
  in.Advance();
  in.SkipCfws();
  out.result = AsciiLower(in.Token("="));
  if (out.result.empty()) return false;
  in.SkipSpace();
  out.comment = in.PeekComment();
  while (true) {
    in.SkipCfws();
    if (in.AtEnd() || in.Peek() == ';') return true;
    const std::size_t start = in.position();
    std::string name = in.Token("=.");
    in.SkipCfws();
    AuthProperty property;
    if (in.Peek() == '.') {
      in.Advance();
      in.SkipCfws();
      property.ptype = AsciiLower(name);
      property.property = AsciiLower(in.Token("="));
      in.SkipCfws();
    } else {
      property.property = AsciiLower(name);
    }
    if (in.Peek() != '=' || property.property.empty()) {
      // Not a property: step over one character so the loop always moves on.
      if (in.position() == start) in.Advance();
      continue;
    }
    in.Advance();
    in.SkipCfws();
    property.value = in.Value("");
    if (property.ptype.empty() && property.property == "reason") {
      out.reason = property.value;
    } else {
      out.properties.push_back(std::move(property));
    }
  }
}

std::optional<AuthResultsHeader> Parse(Scanner& in) {
  AuthResultsHeader header;
  in.SkipCfws();
  if (in.AtEnd()) return std::nullopt;
  const std::size_t start = in.position();
  std::string first = in.Value("=/");
  in.SkipCfws();
  if (in.Peek() == '=' || in.Peek() == '/') {
    in.Reset(start);  // no authserv-id: the header starts with a result (Exchange Online)
  } else {
    header.authserv_id = AsciiLower(first);
    if (header.authserv_id.empty()) header.malformed = true;
    if (in.Peek() >= '0' && in.Peek() <= '9') {  // authres-version
      in.Token("");
      in.SkipCfws();
    }
    if (in.AtEnd()) return header;
    if (in.Peek() != ';') {
      header.malformed = true;
      in.SkipResinfo();
    }
  }
  bool first_item = header.authserv_id.empty();
  while (!in.AtEnd()) {
    if (!first_item) {
      if (in.Peek() != ';') break;
      in.Advance();
    }
    first_item = false;
    in.SkipCfws();
    if (in.AtEnd()) break;
    const std::size_t item = in.position();
    std::string word = in.Token("=");
    in.SkipCfws();
    if (EqualsIgnoreCase(word, "none") && (in.AtEnd() || in.Peek() == ';')) continue;
    in.Reset(item);
    MethodResult result;
    if (ParseResinfo(in, result)) {
      header.results.push_back(std::move(result));
    } else {
      header.malformed = true;
      in.SkipResinfo();
    }
  }
  if (header.authserv_id.empty() && header.results.empty()) return std::nullopt;
  return header;
}

}  // namespace

std::string MethodResult::Property(std::string_view ptype, std::string_view property) const {
  for (const AuthProperty& p : properties) {
    if (EqualsIgnoreCase(p.ptype, ptype) && EqualsIgnoreCase(p.property, property)) return p.value;
  }
  return {};
}

std::optional<AuthResultsHeader> ParseAuthenticationResults(std::string_view value) {
  Scanner in(value);
  return Parse(in);
}

std::optional<AuthResultsHeader> ParseArcAuthenticationResults(std::string_view value) {
  Scanner in(value);
  in.SkipCfws();
  const std::string tag = in.Token("=");
  in.SkipCfws();
  if (!EqualsIgnoreCase(tag, "i") || in.Peek() != '=') return std::nullopt;
  in.Advance();
  in.SkipCfws();
  const std::string number = in.Token("");
  int instance = 0;
  for (char c : number) {
    if (c < '0' || c > '9' || instance > 1000) return std::nullopt;
    instance = instance * 10 + (c - '0');
  }
  in.SkipCfws();
  if (instance <= 0 || in.Peek() != ';') return std::nullopt;
  in.Advance();
  auto header = Parse(in);
  if (header) header->arc_instance = instance;
  return header;
}

}  // namespace becguard::auth
