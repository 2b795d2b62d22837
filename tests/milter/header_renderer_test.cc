#include "frontends/milter/header_renderer.h"

#include <gtest/gtest.h>

namespace becguard::milter {
namespace {

ScanReport Report() {
  ScanReport report;
  report.score = 87;
  report.verdict = Verdict::kBec;
  ScoredFinding f;
  f.finding.id = FindingId::kReplyToMismatch;
  report.findings.push_back(f);
  return report;
}

const HeaderField* Find(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

TEST(HeaderRendererTest, RendersScoreVerdictAndFindingIds) {
  auto fields = RenderReportHeaders(Report(), "mx.example.com");
  ASSERT_NE(Find(fields, "X-BEC-Score"), nullptr);
  EXPECT_EQ(Find(fields, "X-BEC-Score")->value, "87");
  EXPECT_EQ(Find(fields, "X-BEC-Verdict")->value, "bec");
  EXPECT_EQ(Find(fields, "X-BEC-Findings")->value, "header.reply_to_mismatch");
  // No auth results: no Authentication-Results header.
  EXPECT_EQ(Find(fields, "Authentication-Results"), nullptr);
  ScanReport clean;
  EXPECT_EQ(Find(RenderReportHeaders(clean, "x"), "X-BEC-Findings")->value, "none");
}

TEST(HeaderRendererTest, RendersAuthenticationResultsFromReport) {
  ScanReport report = Report();
  report.auth.push_back({"spf", "pass", "smtp.mailfrom=vendor.example", ""});
  report.auth.push_back({"dkim", "fail", "header.d=vendor.example header.s=sel1", "bad sig"});
  report.auth.push_back({"dmarc", "fail", "header.from=vendor.example", ""});
  EXPECT_EQ(RenderAuthenticationResults("mx.example.com", report.auth),
            "mx.example.com; spf=pass smtp.mailfrom=vendor.example; dkim=fail reason=\"bad sig\" "
            "header.d=vendor.example header.s=sel1; dmarc=fail header.from=vendor.example");
  auto fields = RenderReportHeaders(report, "mx.example.com");
  const HeaderField* ar = Find(fields, "Authentication-Results");
  ASSERT_NE(ar, nullptr);
  // Folded: every line fits and continuation lines start with a tab.
  EXPECT_NE(ar->value.find("\n\t"), std::string::npos);
  std::size_t start = 0;
  while (start < ar->value.size()) {
    std::size_t nl = ar->value.find('\n', start);
    if (nl == std::string::npos) nl = ar->value.size();
    EXPECT_LE(nl - start, 78u);
    start = nl + 1;
  }
  EXPECT_TRUE(RenderAuthenticationResults("x", {}).empty());
}

TEST(HeaderRendererTest, HostileValuesCannotInjectHeadersOrMethods) {
  std::vector<AuthMethodResult> auth = {
      {"spf", "pass", "smtp.mailfrom=a.example\r\nX-Injected: yes; dkim=pass", "a\"b\r\nX: y"},
      {"dkim\r\nX-Evil", "pass", "", ""},
      {"dmarc", "pass fail", "", ""}};
  const std::string value = RenderAuthenticationResults("id\r\nX-Bad: 1", auth);
  EXPECT_EQ(value.find('\r'), std::string::npos);
  EXPECT_EQ(value.find('\n'), std::string::npos);
  // Only one method survives, and its properties cannot open a new one.
  EXPECT_EQ(value,
            "becguard; spf=pass reason=\"a\\\"b X: y\" smtp.mailfrom=a.example X-Injected: yes_ "
            "dkim=pass");
  EXPECT_EQ(SanitizeHeaderText("Hello\r\nBcc: victim@example.com\t x"),
            "Hello Bcc: victim@example.com x");
}

TEST(HeaderRendererTest, FoldsLongValuesAtSpaces) {
  std::string words;
  for (int i = 0; i < 20; ++i) words += "content.payment_change_request, ";
  const std::string folded = FoldHeaderValue("X-BEC-Findings", words);
  EXPECT_NE(folded.find("\n\t"), std::string::npos);
  std::string unfolded = folded;
  for (std::size_t p; (p = unfolded.find("\n\t")) != std::string::npos;)
    unfolded.replace(p, 2, " ");
  EXPECT_EQ(unfolded + " ", words);
}

TEST(HeaderRendererTest, OwnHeadersAreRecognised) {
  EXPECT_TRUE(IsOwnHeader("x-bec-verdict", "clean", "mx.example.com"));
  EXPECT_TRUE(IsOwnHeader("X-BEC-Score", "0", "mx.example.com"));
  EXPECT_TRUE(IsOwnHeader("Authentication-Results", "MX.example.com; spf=pass", "mx.example.com"));
  EXPECT_TRUE(IsOwnHeader("Authentication-Results", " mx.example.com 1; none", "mx.example.com"));
  EXPECT_FALSE(IsOwnHeader("Authentication-Results", "mx.google.com; spf=pass", "mx.example.com"));
  EXPECT_FALSE(IsOwnHeader("Subject", "X-BEC-Verdict", "mx.example.com"));
}

}  // namespace
}  // namespace becguard::milter
