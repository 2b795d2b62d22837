// Renders the headers the milter adds (X-BEC-Score, X-BEC-Verdict, X-BEC-Findings and an RFC 8601
// Authentication-Results line) and decides which incoming headers are ours to replace, so a
// sender cannot pre-set "X-BEC-Verdict: clean". Everything that came from the message is
// sanitised: no CR, LF or control character reaches a header. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "becguard/verdict.h"

namespace becguard::milter {

struct HeaderField {
  std::string name;
  std::string value;  // without the leading space; folded lines are joined with "\n\t"
};

// Control characters (CR and LF included) become spaces; runs of whitespace collapse to one.
std::string SanitizeHeaderText(std::string_view text);

// Folds `value` at spaces so that "Name: value" lines stay within 78 columns where possible.
// Lines are separated by "\n\t" (libmilter's convention; the MTA writes CRLF).
std::string FoldHeaderValue(std::string_view name, std::string_view value);

// "becguard; spf=pass smtp.mailfrom=example.com; dkim=fail reason=\"bad sig\" header.d=x.com".
// Empty when `auth` is empty. Methods or results that are not RFC 8601 tokens are left out.
std::string RenderAuthenticationResults(std::string_view authserv_id,
                                        const std::vector<AuthMethodResult>& auth);

// X-BEC-Score, X-BEC-Verdict, X-BEC-Findings, and Authentication-Results when report.auth is
// not empty; values folded.
std::vector<HeaderField> RenderReportHeaders(const ScanReport& report,
                                             std::string_view authserv_id);

// True for an incoming header the milter owns and removes before adding its own: any
// X-BEC-Score / X-BEC-Verdict / X-BEC-Findings, and Authentication-Results whose authserv-id is
// ours (RFC 8601 section 5).
bool IsOwnHeader(std::string_view name, std::string_view value, std::string_view authserv_id);

}  // namespace becguard::milter
