#include "auth/auth_results_parser.h"

#include <gtest/gtest.h>

namespace becguard::auth {
namespace {

TEST(AuthResultsParserTest, Gmail) {
  auto h = ParseAuthenticationResults(
      "mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 "
      "header.b=AbCdEf12;\r\n       spf=pass (google.com: domain of billing@example.com "
      "designates 209.85.220.41 as permitted sender) smtp.mailfrom=billing@example.com;\r\n"
      "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->authserv_id, "mx.google.com");
  EXPECT_FALSE(h->malformed);
  ASSERT_EQ(h->results.size(), 3u);
  EXPECT_EQ(h->results[0].method, "dkim");
  EXPECT_EQ(h->results[0].result, "pass");
  EXPECT_EQ(h->results[0].Property("header", "i"), "@example.com");
  EXPECT_EQ(h->results[0].Property("header", "s"), "20230601");
  EXPECT_EQ(h->results[1].method, "spf");
  EXPECT_EQ(h->results[1].Property("smtp", "mailfrom"), "billing@example.com");
  EXPECT_EQ(h->results[2].method, "dmarc");
  EXPECT_EQ(h->results[2].Property("HEADER", "From"), "example.com");
  EXPECT_EQ(h->results[2].comment, "p=REJECT sp=REJECT dis=NONE");
  EXPECT_EQ(h->results[0].comment, "");
}

TEST(AuthResultsParserTest, ExchangeOnlineHasNoAuthservId) {
  auto h = ParseAuthenticationResults(
      "spf=pass (sender IP is 40.107.22.59) smtp.mailfrom=contoso.com; dkim=pass (signature "
      "was verified) header.d=contoso.com;dmarc=pass action=none "
      "header.from=contoso.com;compauth=pass reason=100");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->authserv_id, "");
  ASSERT_EQ(h->results.size(), 4u);
  EXPECT_EQ(h->results[0].method, "spf");
  EXPECT_EQ(h->results[0].Property("smtp", "mailfrom"), "contoso.com");
  EXPECT_EQ(h->results[1].Property("header", "d"), "contoso.com");
  EXPECT_EQ(h->results[2].method, "dmarc");
  EXPECT_EQ(h->results[2].Property("", "action"), "none");
  EXPECT_EQ(h->results[2].Property("header", "from"), "contoso.com");
  EXPECT_EQ(h->results[3].method, "compauth");
  EXPECT_EQ(h->results[3].reason, "100");
}

TEST(AuthResultsParserTest, PostfixOpendkimAndOpendmarc) {
  auto dkim = ParseAuthenticationResults(
      "mail.norbridge.example; dkim=pass (2048-bit key; unprotected) header.d=example.com "
      "header.i=@example.com header.a=rsa-sha256 header.s=mail header.b=\"Xy12AbCd\";\n\t"
      "dkim-atps=neutral");
  ASSERT_TRUE(dkim);
  EXPECT_EQ(dkim->authserv_id, "mail.norbridge.example");
  ASSERT_EQ(dkim->results.size(), 2u);
  EXPECT_EQ(dkim->results[0].Property("header", "b"), "Xy12AbCd");
  EXPECT_EQ(dkim->results[0].Property("header", "s"), "mail");
  EXPECT_EQ(dkim->results[1].method, "dkim-atps");

  auto dmarc = ParseAuthenticationResults(
      "mail.norbridge.example; dmarc=fail (p=reject dis=none) header.from=example.com");
  ASSERT_TRUE(dmarc);
  ASSERT_EQ(dmarc->results.size(), 1u);
  EXPECT_EQ(dmarc->results[0].result, "fail");
}

TEST(AuthResultsParserTest, Rfc8601Shapes) {
  auto none = ParseAuthenticationResults("example.org 1; none");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->authserv_id, "example.org");
  EXPECT_TRUE(none->results.empty());
  EXPECT_FALSE(none->malformed);

  auto several = ParseAuthenticationResults(
      "example.com; auth=pass (cram-md5) smtp.auth=sender@example.net; spf=pass "
      "smtp.mailfrom=example.net; sender-id=pass header.from=example.net");
  ASSERT_TRUE(several);
  ASSERT_EQ(several->results.size(), 3u);
  EXPECT_EQ(several->results[0].Property("smtp", "auth"), "sender@example.net");
  EXPECT_EQ(several->results[2].method, "sender-id");

  auto version = ParseAuthenticationResults("example.com; dkim/1=PASS header.d=EXAMPLE.net");
  ASSERT_TRUE(version);
  ASSERT_EQ(version->results.size(), 1u);
  EXPECT_EQ(version->results[0].method, "dkim");
  EXPECT_EQ(version->results[0].result, "pass");
  EXPECT_EQ(version->results[0].Property("header", "d"), "EXAMPLE.net");

  auto quoted_id = ParseAuthenticationResults("\"quoted.example\"; spf=fail smtp.helo=x.example");
  ASSERT_TRUE(quoted_id);
  EXPECT_EQ(quoted_id->authserv_id, "quoted.example");
  EXPECT_EQ(quoted_id->results[0].Property("smtp", "helo"), "x.example");
}

TEST(AuthResultsParserTest, CommentsAndQuotesAnywhere) {
  auto h = ParseAuthenticationResults(
      "example.com (our (nested) MX); spf (x) = (y) softfail (a \\) b) smtp (c) . (d) "
      "mailfrom (e) = (f) a@b.example reason=\"semi; colon\"; dkim=fail header.b=\"a b\"");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->authserv_id, "example.com");
  ASSERT_EQ(h->results.size(), 2u);
  EXPECT_EQ(h->results[0].method, "spf");
  EXPECT_EQ(h->results[0].result, "softfail");
  EXPECT_EQ(h->results[0].Property("smtp", "mailfrom"), "a@b.example");
  EXPECT_EQ(h->results[0].reason, "semi; colon");
  EXPECT_EQ(h->results[1].Property("header", "b"), "a b");
}

TEST(AuthResultsParserTest, MalformedPartsAreSkippedNeverFatal) {
  EXPECT_FALSE(ParseAuthenticationResults(""));
  EXPECT_FALSE(ParseAuthenticationResults("   (only a comment)  "));
  auto h = ParseAuthenticationResults("example.com; spf; =pass; dkim=pass header.d=ok.example");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->malformed);
  ASSERT_EQ(h->results.size(), 1u);
  EXPECT_EQ(h->results[0].method, "dkim");
  for (const char* junk :
       {";;;", "example.com; (unterminated", "example.com;\"unterminated", "a b c d; e",
        "x; spf=pass smtp.mailfrom", "x; spf=pass .=.=", "example.com; dkim=pass header.d=\\"}) {
    ParseAuthenticationResults(junk);  // must terminate without crashing
  }
  auto trailing = ParseAuthenticationResults("example.com; spf=pass smtp.mailfrom=a.example;");
  ASSERT_TRUE(trailing);
  EXPECT_EQ(trailing->results.size(), 1u);
}

TEST(AuthResultsParserTest, ArcAuthenticationResults) {
  auto h = ParseArcAuthenticationResults(
      "i=2; mx.google.com; dkim=pass header.i=@example.com; spf=pass "
      "smtp.mailfrom=x@example.com; dmarc=pass header.from=example.com");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->arc_instance, 2);
  EXPECT_EQ(h->authserv_id, "mx.google.com");
  EXPECT_EQ(h->results.size(), 3u);
  EXPECT_FALSE(ParseArcAuthenticationResults("mx.google.com; spf=pass"));
  EXPECT_FALSE(ParseArcAuthenticationResults("i=x; mx.google.com; spf=pass"));
  EXPECT_FALSE(ParseArcAuthenticationResults("i=0; mx.google.com; spf=pass"));
}

}  // namespace
}  // namespace becguard::auth
