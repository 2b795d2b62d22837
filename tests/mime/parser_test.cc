#include "mime/parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "text/utf8.h"

namespace becguard::mime {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(BECGUARD_TEST_FIXTURES) + "/mime/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ParsedMessage ParseFixture(const std::string& name) {
  const std::string raw = ReadFixture(name);
  EXPECT_FALSE(raw.empty()) << name;
  return Parse(raw, Limits{});
}

bool HasDefect(const ParsedMessage& m, DefectKind kind) {
  for (const Defect& d : m.defects) {
    if (d.kind == kind) return true;
  }
  return false;
}

TEST(ParserTest, Iso2022JpSubjectBodyAndQEncodedName) {
  const ParsedMessage m = ParseFixture("iso2022jp.eml");
  EXPECT_EQ(m.subject, "お支払いのお願い");
  EXPECT_EQ(m.normalized_subject, "お支払いのお願い");
  ASSERT_EQ(m.from.size(), 1u);
  EXPECT_EQ(m.from[0].display_name, "佐藤 健一");
  EXPECT_EQ(m.from[0].address, "sato@example.co.jp");
  EXPECT_EQ(m.from[0].domain, "example.co.jp");
  EXPECT_EQ(m.from[0].registrable_domain, "example.co.jp");
  EXPECT_NE(m.body_text.find("至急、下記口座へお振込みをお願いします。"), std::string::npos);
  EXPECT_EQ(m.message_id, "abc123@example.co.jp");
  ASSERT_TRUE(m.date_unix.has_value());
  EXPECT_EQ(*m.date_unix, 1709254800);
  EXPECT_FALSE(HasDefect(m, DefectKind::kCharsetFallback));
  EXPECT_EQ(m.raw_size, ReadFixture("iso2022jp.eml").size());
}

TEST(ParserTest, ShiftJisBodyWithAndWithoutLabel) {
  const ParsedMessage labelled = ParseFixture("sjis_body.eml");
  EXPECT_NE(labelled.body_text.find("振込先口座が変更になりました。①新口座"), std::string::npos);
  EXPECT_FALSE(HasDefect(labelled, DefectKind::kCharsetFallback));

  const ParsedMessage unlabelled = ParseFixture("sjis_nolabel.eml");
  EXPECT_EQ(unlabelled.body_text, labelled.body_text);
  EXPECT_TRUE(HasDefect(unlabelled, DefectKind::kCharsetFallback));
}

TEST(ParserTest, EucJpBody) {
  const ParsedMessage m = ParseFixture("eucjp_body.eml");
  EXPECT_NE(m.body_text.find("本日中に送金してください"), std::string::npos);
  EXPECT_FALSE(HasDefect(m, DefectKind::kCharsetFallback));
}

TEST(ParserTest, Utf8QuotedPrintable) {
  const ParsedMessage m = ParseFixture("utf8_qp.eml");
  EXPECT_EQ(m.subject, "Virement urgent — confidentiel");
  ASSERT_EQ(m.from.size(), 1u);
  EXPECT_EQ(m.from[0].display_name, "François Dupont");
  EXPECT_EQ(m.from[0].normalized_display_name, "françois dupont");
  EXPECT_EQ(m.body_text, "Café déjà vu — please wire €5,000 today.\nMerci.\n");
  EXPECT_EQ(m.body_text.find('\r'), std::string::npos);
}

TEST(ParserTest, EncodedSubjectWithPaddingInEarlyWords) {
  const ParsedMessage m = ParseFixture("subject_padding.eml");
  EXPECT_EQ(m.subject, "【重要】お支払い口座変更のお知らせ（至急ご確認ください）");
  EXPECT_EQ(m.normalized_subject, "【重要】お支払い口座変更のお知らせ(至急ご確認ください)");
  EXPECT_FALSE(HasDefect(m, DefectKind::kBadEncodedWord));
}

TEST(ParserTest, EncodedWordInsideQuotedDisplayNameKeepsInnerAddress) {
  const ParsedMessage m = ParseFixture("phishkit_display.eml");
  ASSERT_EQ(m.from.size(), 1u);
  EXPECT_EQ(m.from[0].display_name,
            "経理部 <ceo@realcorp.co.jp> secured by [mailto:ceo@realcorp.co.jp]");
  EXPECT_EQ(m.from[0].address, "attacker@evil.example");
  EXPECT_EQ(m.from[0].registrable_domain, "evil.example");
  ASSERT_EQ(m.reply_to.size(), 1u);
  EXPECT_EQ(m.reply_to[0].display_name, "Jane <jane@real.com>");
  EXPECT_EQ(m.reply_to[0].address, "x@evil.com");
  ASSERT_EQ(m.notification_to.size(), 3u);
  EXPECT_EQ(m.notification_to[0].header, "Return-Receipt-To");
  EXPECT_EQ(m.notification_to[0].address.address, "track@evil.example");
  EXPECT_EQ(m.notification_to[1].header, "Disposition-Notification-To");
  EXPECT_EQ(m.notification_to[1].address.address, "dn@evil.example");
  EXPECT_EQ(m.notification_to[2].header, "Errors-To");
}

TEST(ParserTest, FoldedDisplayNamesAndGroups) {
  const ParsedMessage m = ParseFixture("folded_display.eml");
  ASSERT_EQ(m.from.size(), 1u);
  EXPECT_EQ(m.from[0].display_name, "Yamada Taro (Accounting)");
  EXPECT_EQ(m.from[0].address, "taro@example.jp");
  ASSERT_EQ(m.to.size(), 2u);
  EXPECT_EQ(m.to[0].display_name, "山田 Hanako");
  EXPECT_EQ(m.to[1].display_name, "Suzuki, Ichiro");
  EXPECT_EQ(m.to[1].address, "ichiro@example.jp");
  EXPECT_TRUE(m.cc.empty());  // "undisclosed-recipients:;" is an empty group, not an error
  EXPECT_FALSE(HasDefect(m, DefectKind::kBadAddress));
  const Header* from = m.FindHeader("from");
  ASSERT_NE(from, nullptr);
  EXPECT_EQ(from->value.find('\n'), std::string::npos);
  EXPECT_EQ(from->value.find('\r'), std::string::npos);
}

TEST(ParserTest, Rfc2231AndRfc2047FilenamesAndCsvText) {
  const ParsedMessage m = ParseFixture("rfc2231_filename.eml");
  EXPECT_EQ(m.body_text, "Please find the invoice attached.");
  ASSERT_EQ(m.attachments.size(), 3u);
  EXPECT_EQ(m.attachments[0].filename, "請求書_2024年3月分.pdf");
  EXPECT_EQ(m.attachments[0].content_type, "application/pdf");
  EXPECT_FALSE(m.attachments[0].is_inline);
  EXPECT_EQ(m.attachments[0].size, 48u);
  EXPECT_EQ(m.attachments[0].sha256_hex.size(), 64u);
  EXPECT_TRUE(m.attachments[0].text.empty());
  EXPECT_EQ(m.attachments[1].filename, "見積書.xlsx");
  EXPECT_EQ(m.attachments[2].filename, "fees.csv");
  EXPECT_EQ(m.attachments[2].content_type, "text/csv");
  EXPECT_NE(m.attachments[2].text.find("振込手数料,440"), std::string::npos);
}

TEST(ParserTest, Iso2022JpRfc2231ContinuationRawSjisAndEncodedNames) {
  const ParsedMessage m = ParseFixture("rfc2231_iso2022jp.eml");
  ASSERT_EQ(m.attachments.size(), 4u);
  EXPECT_EQ(m.attachments[0].filename, "御見積書（改訂版）.pdf");
  EXPECT_EQ(m.attachments[1].filename, "請求書.pdf");   // raw CP932 bytes in name=
  EXPECT_EQ(m.attachments[2].filename, "請求書2.pdf");  // raw UTF-8
  EXPECT_EQ(m.attachments[3].filename, "請求書3.pdf");  // RFC 2047 inside quotes
  EXPECT_EQ(m.attachments[1].sha256_hex, m.attachments[2].sha256_hex);
}

TEST(ParserTest, HtmlOnlyMessage) {
  const ParsedMessage m = ParseFixture("html_only.eml");
  EXPECT_TRUE(m.has_html);
  EXPECT_NE(m.body_text.find("Dear user,"), std::string::npos);
  EXPECT_NE(m.body_text.find("expires today & must be reset."), std::string::npos);
  EXPECT_EQ(m.body_text.find("ignored title"), std::string::npos);
  EXPECT_EQ(m.body_text.find("not text"), std::string::npos);
  EXPECT_EQ(m.body_text.find("color:red"), std::string::npos);
  ASSERT_GE(m.links.size(), 2u);
  EXPECT_EQ(m.links[0].href, "https://login.micros0ft-example.com/reset?u=1&t=2");
  EXPECT_EQ(m.links[0].host, "login.micros0ft-example.com");
  EXPECT_EQ(m.links[0].anchor_text, "https://portal.office.com");
  EXPECT_EQ(m.links[1].host, "example.com");  // mailto:
  ASSERT_EQ(m.images.size(), 5u);
  EXPECT_TRUE(m.images[0].hidden);  // 1x1 via attributes
  EXPECT_EQ(m.images[0].width, 1);
  EXPECT_EQ(m.images[0].host, "track.example.net");
  EXPECT_FALSE(m.images[1].hidden);  // a normal logo
  EXPECT_TRUE(m.images[2].hidden);   // display:none
  EXPECT_TRUE(m.images[3].hidden);   // 0px via style
  EXPECT_FALSE(m.images[4].hidden);  // 1em is not one pixel
}

TEST(ParserTest, PlainPreferredButLinksComeFromHtml) {
  const ParsedMessage m = ParseFixture("alternative.eml");
  EXPECT_TRUE(m.has_html);
  EXPECT_EQ(m.body_text, "Our bank details changed. See https://portal.vendor-pay.example/update.");
  ASSERT_EQ(m.links.size(), 1u);  // the plain-text URL duplicates the anchor's href
  EXPECT_EQ(m.links[0].anchor_text, "See here");
  EXPECT_EQ(m.in_reply_to, "prev-1@example.com");
  ASSERT_EQ(m.references.size(), 3u);
  EXPECT_EQ(m.references[0], "root@example.com");
  EXPECT_EQ(m.references[2], "prev-1@example.com");
  ASSERT_EQ(m.received.size(), 2u);
  EXPECT_EQ(m.received[0].from_host, "mail.vendor.example");
  EXPECT_EQ(m.received[0].from_ip, "203.0.113.7");
  EXPECT_EQ(m.received[0].by_host, "mx.example.com");
  EXPECT_EQ(m.received[1].from_ip, "10.0.0.5");
  EXPECT_EQ(m.received[1].by_host, "mail.vendor.example");
  EXPECT_TRUE(m.attachments.empty());
}

TEST(ParserTest, OutlookQuotedHistorySplit) {
  const ParsedMessage m = ParseFixture("quoted_outlook.eml");
  EXPECT_EQ(m.new_text, "Please process the attached wire today.\n\nThanks");
  EXPECT_EQ(m.quoted_text.rfind("________________________________", 0), 0u);
  EXPECT_NE(m.quoted_text.find("Do you want me to pay this vendor?"), std::string::npos);
  EXPECT_EQ(m.normalized_new_text, "please process the attached wire today. thanks");
}

TEST(ParserTest, GmailQuotedHistorySplit) {
  const ParsedMessage m = ParseFixture("quoted_gmail.eml");
  EXPECT_EQ(m.new_text, "Hi Bob,\n\nPlease use the new account below for this payment.\n\nJane");
  EXPECT_EQ(m.quoted_text.rfind("On Mon, Mar 4, 2024", 0), 0u);
  EXPECT_NE(m.quoted_text.find("> Hi Jane"), std::string::npos);
  EXPECT_EQ(m.normalized_new_text.find("invoice 4471"), std::string::npos);
  EXPECT_EQ(m.in_reply_to, "inv-4471@example.com");
}

TEST(ParserTest, DateHandling) {
  EXPECT_FALSE(Parse("From: a@example.com\n\nb\n", Limits{}).date_unix.has_value());
  const ParsedMessage bad = Parse("Date: not a date at all\nFrom: a@example.com\n\nb\n", Limits{});
  EXPECT_FALSE(bad.date_unix.has_value());
  const ParsedMessage tz = Parse("Date: Tue, 5 Mar 2024 09:00:00 +0900 (JST)\n\nb\n", Limits{});
  ASSERT_TRUE(tz.date_unix.has_value());
  EXPECT_EQ(*tz.date_unix, 1709596800);
}

TEST(ParserTest, EmptyPlainAlternativeFallsBackToHtml) {
  const ParsedMessage m = Parse(
      "From: a@example.com\nContent-Type: multipart/alternative; boundary=A\n\n--A\n"
      "Content-Type: text/plain\n\n \n--A\nContent-Type: text/html\n\n<p>Real text</p>\n--A--\n",
      Limits{});
  EXPECT_EQ(m.body_text, "Real text");
  EXPECT_TRUE(m.has_html);
}

TEST(ParserTest, HtmlCharsetFromMetaWhenPartHasNone) {
  std::string raw =
      "From: a@example.com\nContent-Type: text/html\n\n<meta charset=\"shift_jis\"><p>";
  raw += "\x93\xfa\x96\x7b\x8c\xea</p>\n";
  const ParsedMessage m = Parse(raw, Limits{});
  EXPECT_EQ(m.body_text, "日本語");
}

TEST(ParserTest, JapaneseQuotedHistorySplit) {
  const ParsedMessage m = ParseFixture("quoted_ja.eml");
  EXPECT_EQ(m.subject, "Re: 振込先変更");
  EXPECT_EQ(m.new_text, "山田様\n\n承知しました。本日中に対応します。\n\n鈴木");
  EXPECT_EQ(m.quoted_text.rfind("2024年3月1日(金)", 0), 0u);
  EXPECT_EQ(m.normalized_new_text.find("振込先を変更"), std::string::npos);
}

TEST(ParserTest, WrongCharsetLabelIsRecovered) {
  const ParsedMessage m = ParseFixture("wrong_charset.eml");
  EXPECT_NE(m.body_text.find("お振込先口座の変更をお願いします。"), std::string::npos);
  EXPECT_TRUE(HasDefect(m, DefectKind::kCharsetFallback));
}

TEST(ParserTest, TruncatedMultipartAndBadBase64) {
  const ParsedMessage m = ParseFixture("truncated_multipart.eml");
  EXPECT_TRUE(HasDefect(m, DefectKind::kTruncated));
  EXPECT_TRUE(HasDefect(m, DefectKind::kBadTransferEncoding));
  EXPECT_EQ(m.body_text.rfind("Hello", 0), 0u);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "a.bin");
  EXPECT_EQ(m.attachments[0].size, 6u);
}

TEST(ParserTest, HeadersInOrderUnfoldedAndDecoded) {
  const ParsedMessage m = ParseFixture("alternative.eml");
  ASSERT_GE(m.headers.size(), 4u);
  EXPECT_EQ(m.headers[0].name, "From");
  EXPECT_EQ(m.headers[0].value, "Vendor <billing@vendor.example>");
  const Header* refs = m.FindHeader("REFERENCES");
  ASSERT_NE(refs, nullptr);
  EXPECT_EQ(refs->value.find('\n'), std::string::npos);
  EXPECT_EQ(m.FindHeader("X-Missing"), nullptr);
}

TEST(ParserTest, MessageRfc822IsRecursedIntoAttachments) {
  const std::string raw =
      "From: a@example.com\nTo: b@example.com\nSubject: fwd\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=O\n\n--O\nContent-Type: text/plain\n\nsee below\n"
      "--O\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename=orig.eml\n\n"
      "From: ceo@example.com\nSubject: =?UTF-8?B?5oyv6L68?=\nContent-Type: text/plain; "
      "charset=utf-8\n\nPlease wire the funds today.\n--O--\n";
  const ParsedMessage m = Parse(raw, Limits{});
  EXPECT_EQ(m.body_text, "see below");
  ASSERT_EQ(m.attachments.size(), 2u);
  EXPECT_EQ(m.attachments[0].content_type, "message/rfc822");
  EXPECT_EQ(m.attachments[0].filename, "orig.eml");
  EXPECT_GT(m.attachments[0].size, 0u);
  EXPECT_EQ(m.attachments[1].content_type, "text/plain");
  EXPECT_NE(m.attachments[1].text.find("Please wire the funds today."), std::string::npos);
}

TEST(ParserTest, MultipartWithoutBoundaryKeepsItsText) {
  // The boundary parameter sits on an unindented line, so it is not part of Content-Type.
  const ParsedMessage m = Parse(
      "From: a@example.com\nContent-Type: multipart/alternative;\nboundary=\"XY\"\n\n--XY\n"
      "Content-Type: text/plain\n\nthe only text\n--XY--\n",
      Limits{});
  EXPECT_TRUE(HasDefect(m, DefectKind::kMalformedHeader));
  EXPECT_NE(m.body_text.find("the only text"), std::string::npos);
}

TEST(ParserTest, WellFormedMessageHasNoDefects) {
  const ParsedMessage m = ParseFixture("alternative.eml");
  for (const Defect& d : m.defects) ADD_FAILURE() << DefectKindName(d.kind) << ": " << d.detail;
}

TEST(ParserTest, PlainTextUrlsBecomeLinks) {
  const std::string raw =
      "From: a@example.com\nSubject: x\n\nLogin at https://Secure.Bank-Example.com/login, "
      "or (http://backup.example.org/x). Not ftp://x.example.\n";
  const ParsedMessage m = Parse(raw, Limits{});
  ASSERT_EQ(m.links.size(), 2u);
  EXPECT_EQ(m.links[0].href, "https://Secure.Bank-Example.com/login");
  EXPECT_EQ(m.links[0].host, "secure.bank-example.com");
  EXPECT_EQ(m.links[1].href, "http://backup.example.org/x");
  EXPECT_FALSE(m.has_html);
}

}  // namespace
}  // namespace becguard::mime
