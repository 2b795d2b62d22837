#include "frontends/milter/header_renderer.h"
#include "core/ascii.h"

#include <string>

namespace becguard::milter {
namespace {

// RFC 2045 token characters (what RFC 8601 uses for methods, results and authserv-ids, plus
// '.' which real ids contain).
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::string_view("()<>@,;:\\\"/[]?=").find(static_cast<char>(c)) !=
        std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::string QuoteString(std::string_view text) {
  std::string out = "\"";
  for (char c : SanitizeHeaderText(text)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::string SanitizeHeaderText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (unsigned char c : text) {
    const bool ws = c < 0x20 || c == 0x7f || c == ' ';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string FoldHeaderValue(std::string_view name, std::string_view value) {
  constexpr std::size_t kWidth = 78;
  std::string out;
  std::size_t column = name.size() + 2;  // "Name: "
  std::size_t pos = 0;
  bool first = true;
  while (pos < value.size()) {
    std::size_t end = value.find(' ', pos);
    if (end == std::string_view::npos) end = value.size();
    std::string_view word = value.substr(pos, end - pos);
    if (!first && column + 1 + word.size() > kWidth) {
      out += "\n\t";
      column = 1;
    } else if (!first) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first = false;
    pos = end + 1;
  }
  return out;
}

std::string RenderAuthenticationResults(std::string_view authserv_id,
                                        const std::vector<AuthMethodResult>& auth) {
  if (auth.empty()) return "";
  std::string id = SanitizeHeaderText(authserv_id);
  if (!IsToken(id)) id = "becguard";
  std::string out = id;
  for (const AuthMethodResult& r : auth) {
    if (!IsToken(r.method) || !IsToken(r.result)) continue;
    out += "; " + r.method + "=" + r.result;
    if (!r.reason.empty()) out += " reason=" + QuoteString(r.reason);
    // Properties are "ptype.property=value" words; a ';' would start a new method.
    std::string properties = SanitizeHeaderText(r.properties);
    for (char& c : properties) {
      if (c == ';' || c == '(' || c == ')' || c == '"' || c == '\\') c = '_';
    }
    if (!properties.empty()) out += " " + properties;
  }
  if (out == id) out += "; none";
  return out;
}

std::vector<HeaderField> RenderReportHeaders(const ScanReport& report,
                                             std::string_view authserv_id) {
  std::vector<HeaderField> out;
  out.push_back({"X-BEC-Score", std::to_string(report.score)});
  out.push_back({"X-BEC-Verdict", std::string(VerdictName(report.verdict))});
  std::string findings;
  for (const ScoredFinding& f : report.findings) {
    if (!findings.empty()) findings += ", ";
    findings += SanitizeHeaderText(f.Name());
  }
  if (findings.empty()) findings = "none";
  out.push_back({"X-BEC-Findings", FoldHeaderValue("X-BEC-Findings", findings)});
  if (!report.auth.empty()) {
    out.push_back({"Authentication-Results",
                   FoldHeaderValue("Authentication-Results",
                                   RenderAuthenticationResults(authserv_id, report.auth))});
  }
  return out;
}

bool IsOwnHeader(std::string_view name, std::string_view value, std::string_view authserv_id) {
  if (EqualsIgnoreCase(name, "X-BEC-Score") || EqualsIgnoreCase(name, "X-BEC-Verdict") ||
      EqualsIgnoreCase(name, "X-BEC-Findings")) {
    return true;
  }
  if (!EqualsIgnoreCase(name, "Authentication-Results")) return false;
  std::string clean = SanitizeHeaderText(value);
  std::string_view v = clean;
  std::size_t end = v.find_first_of("; (");
  std::string_view id = v.substr(0, end);
  return !id.empty() && EqualsIgnoreCase(id, authserv_id);
}

}  // namespace becguard::milter
