#include "mime/address_parser.h"

#include <string>

#include "core/ascii.h"
#include "domain/domain_tools.h"
#include "text/normalize.h"

namespace becguard::mime {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

// One mailbox entry while it is being scanned.
struct Entry {
  std::string phrase;    // display-name text: quoted contents, atoms, comments, early <...>
  std::string unquoted;  // atoms only (addr-spec candidate when there is no <...>)
  std::string comment;   // first comment, a display name for "addr (Name)" forms
  std::string angle;     // content of the last <...>
  std::size_t angle_pos = std::string::npos;  // where the last <...> sits in phrase
  std::size_t angle_len = 0;
  bool has_angle = false;
  bool empty() const { return Trim(phrase).empty() && !has_angle && comment.empty(); }
};

std::string CleanDisplayName(std::string_view raw, HeaderTextFlags* flags) {
  std::string decoded = DecodeEncodedWords(raw, flags);
  std::string out;
  out.reserve(decoded.size());
  bool space = false;
  for (char c : decoded) {
    if (c == '\r' || c == '\n') continue;
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  // Quotes that survive decoding (an encoded word that itself holds "Name") are not the name.
  while (out.size() >= 2 && ((out.front() == '"' && out.back() == '"') ||
                             (out.front() == '\'' && out.back() == '\''))) {
    out = std::string(Trim(std::string_view(out).substr(1, out.size() - 2)));
  }
  return out;
}

class ListParser {
 public:
  explicit ListParser(std::string_view s) : s_(s) {}

  AddressList Run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      switch (c) {
        case '"':
          i = ReadQuoted(i);
          break;
        case '(':
          i = ReadComment(i);
          break;
        case '<':
          i = ReadAngle(i);
          break;
        case '[':
          i = ReadLiteral(i);
          break;
        case ',':
          Finish();
          ++i;
          break;
        case ';':
          Finish();
          in_group_ = false;
          ++i;
          break;
        case ':':
          // "Group name:" only before any address-like text; otherwise keep the colon.
          if (!in_group_ && !cur_.has_angle && cur_.unquoted.find('@') == std::string::npos) {
            in_group_ = true;
            cur_ = Entry();
          } else {
            cur_.phrase.push_back(c);
            cur_.unquoted.push_back(c);
          }
          ++i;
          break;
        default:
          cur_.phrase.push_back(c);
          cur_.unquoted.push_back(c);
          ++i;
          break;
      }
    }
    Finish();
    return std::move(result_);
  }

 private:
  std::size_t ReadQuoted(std::size_t i) {
    ++i;
    while (i < s_.size() && s_[i] != '"') {
      if (s_[i] == '\\' && i + 1 < s_.size()) ++i;
      cur_.phrase.push_back(s_[i]);
      ++i;
    }
    if (i >= s_.size()) ++result_.bad_entries;  // unterminated quoted string
    // Keep a space so "A"B do not glue when the quote sits next to an atom.
    return i + 1;
  }

  std::size_t ReadComment(std::size_t i) {
    int depth = 0;
    const std::size_t begin = i;
    std::string text;
    for (; i < s_.size(); ++i) {
      const char c = s_[i];
      if (c == '\\' && i + 1 < s_.size()) {
        text.push_back(s_[++i]);
        continue;
      }
      if (c == '(') {
        if (depth++ > 0) text.push_back(c);
      } else if (c == ')') {
        if (--depth == 0) break;
        text.push_back(c);
      } else {
        text.push_back(c);
      }
    }
    if (cur_.comment.empty()) cur_.comment = std::string(Trim(text));
    cur_.phrase.append(s_.substr(begin, (i < s_.size() ? i + 1 : i) - begin));
    return i + 1;
  }

  std::size_t ReadAngle(std::size_t i) {
    const std::size_t close = s_.find('>', i + 1);
    const std::size_t end = close == std::string_view::npos ? s_.size() : close;
    // A <...> followed by another one becomes display text: "Jane <jane@real> <x@evil>".
    cur_.angle_pos = cur_.phrase.size();
    cur_.phrase.push_back('<');
    cur_.phrase.append(s_.substr(i + 1, end - i - 1));
    cur_.phrase.push_back('>');
    cur_.angle_len = cur_.phrase.size() - cur_.angle_pos;
    cur_.angle = std::string(s_.substr(i + 1, end - i - 1));
    cur_.has_angle = true;
    return close == std::string_view::npos ? s_.size() : close + 1;
  }

  std::size_t ReadLiteral(std::size_t i) {
    const std::size_t close = s_.find(']', i + 1);
    const std::size_t end = close == std::string_view::npos ? s_.size() : close + 1;
    cur_.phrase.append(s_.substr(i, end - i));
    cur_.unquoted.append(s_.substr(i, end - i));
    return end;
  }

  void Finish() {
    Entry e = std::move(cur_);
    cur_ = Entry();
    if (e.empty()) return;
    Address a;
    bool ok = false;
    if (e.has_angle) {
      std::string display = e.phrase;
      display.erase(e.angle_pos, e.angle_len);
      a.display_name = CleanDisplayName(display, &result_.flags);
      ok = FillAddrSpec(e.angle, &a);
      // "<>" (null reverse-path) is valid and simply has no address.
      if (!ok && Trim(e.angle).empty()) {
        if (!a.display_name.empty()) {
          a.normalized_display_name = text::Normalize(a.display_name);
          result_.addresses.push_back(std::move(a));
        }
        return;
      }
    } else {
      // "Jane Doe jane@x.example" without brackets: the last token with '@' is the address.
      std::string_view spec = Trim(e.unquoted);
      std::string_view before;
      const std::size_t at = spec.rfind('@');
      if (at != std::string_view::npos) {
        std::size_t start = spec.find_last_of(" \t", at);
        if (start != std::string_view::npos && spec.find_first_of(" \t", at) == spec.npos) {
          before = spec.substr(0, start);
          spec = spec.substr(start + 1);
        }
      }
      ok = FillAddrSpec(spec, &a);
      if (ok) {
        a.display_name =
            CleanDisplayName(before.empty() ? std::string_view(e.comment) : before, &result_.flags);
      } else {
        a.display_name = CleanDisplayName(e.phrase, &result_.flags);
      }
    }
    if (!ok) ++result_.bad_entries;
    a.normalized_display_name = text::Normalize(a.display_name);
    result_.addresses.push_back(std::move(a));
  }

  std::string_view s_;
  Entry cur_;
  bool in_group_ = false;
  AddressList result_;
};

}  // namespace

bool FillAddrSpec(std::string_view spec, Address* out) {
  spec = Trim(spec);
  if (StartsWithIgnoreCase(spec, "mailto:")) spec.remove_prefix(7);
  // Obsolete source route "@a,@b:user@host".
  if (!spec.empty() && spec.front() == '@') {
    const std::size_t colon = spec.find(':');
    if (colon != std::string_view::npos) spec.remove_prefix(colon + 1);
  }
  std::string compact;
  compact.reserve(spec.size());
  for (char c : spec) {
    if (!IsSpace(c)) compact.push_back(c);
  }
  const std::size_t at = compact.rfind('@');
  if (at == std::string::npos) {
    out->local_part = compact;
    return false;
  }
  out->local_part = compact.substr(0, at);
  std::string domain = compact.substr(at + 1);
  for (char& c : domain) c = AsciiLower(c);
  while (!domain.empty() && domain.back() == '.') domain.pop_back();
  out->domain = domain;
  if (out->local_part.empty() || domain.empty()) return false;
  for (char c : domain) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == '@' || c == '"' || c == '\\') {
      return false;
    }
  }
  std::string address = out->local_part;
  for (char& c : address) c = AsciiLower(c);
  address.push_back('@');
  address += domain;
  out->address = std::move(address);
  std::string host = domain;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  out->registrable_domain = domain::RegistrableDomain(host);
  return true;
}

AddressList ParseAddressList(std::string_view value) { return ListParser(value).Run(); }

}  // namespace becguard::mime
