// Limits and hostile input: every limit is enforced with a defect, and nothing crashes.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "mime/parser.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

bool HasDefect(const ParsedMessage& m, DefectKind kind) {
  for (const Defect& d : m.defects) {
    if (d.kind == kind) return !d.detail.empty();
  }
  return false;
}

std::string Nested(int depth) {
  std::string raw = "From: a@example.com\nSubject: deep\nMIME-Version: 1.0\n";
  for (int i = 0; i < depth; ++i) {
    raw += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
           std::to_string(i) + "\n";
  }
  raw += "Content-Type: text/plain\n\ndeepest text\n";
  for (int i = depth - 1; i >= 0; --i) raw += "--b" + std::to_string(i) + "--\n";
  return raw;
}

TEST(LimitsTest, MessageSizeCutsInputButStillParses) {
  Limits limits;
  limits.max_message_bytes = 200;
  const std::string raw = "From: Boss <boss@example.com>\nSubject: hi\n\nshort start " +
                          std::string(1000, 'x') + " TAIL\n";
  const ParsedMessage m = Parse(raw, limits);
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitMessageSize));
  EXPECT_EQ(m.raw_size, raw.size());
  ASSERT_EQ(m.from.size(), 1u);
  EXPECT_EQ(m.from[0].address, "boss@example.com");
  EXPECT_EQ(m.body_text.find("TAIL"), std::string::npos);
  EXPECT_EQ(m.body_text.rfind("short start", 0), 0u);
}

TEST(LimitsTest, MimeDepth) {
  Limits limits;
  limits.max_mime_depth = 3;
  const ParsedMessage deep = Parse(Nested(6), limits);
  EXPECT_TRUE(HasDefect(deep, DefectKind::kLimitMimeDepth));
  EXPECT_EQ(deep.subject, "deep");
  const ParsedMessage shallow = Parse(Nested(2), limits);
  EXPECT_FALSE(HasDefect(shallow, DefectKind::kLimitMimeDepth));
  EXPECT_EQ(shallow.body_text, "deepest text");
}

TEST(LimitsTest, PartCount) {
  Limits limits;
  limits.max_parts = 4;
  std::string raw =
      "From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
      "boundary=P\n\n--P\nContent-Type: text/plain\n\nbody first\n";
  for (int i = 0; i < 10; ++i) {
    raw +=
        "--P\nContent-Type: application/octet-stream; name=f" + std::to_string(i) + ".bin\n\nxx\n";
  }
  raw += "--P--\n";
  const ParsedMessage m = Parse(raw, limits);
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitPartCount));
  EXPECT_EQ(m.body_text, "body first");
  EXPECT_EQ(m.attachments.size(), 2u);  // root + body + 2 attachments = 4 parts

  limits.max_parts = 100;
  EXPECT_FALSE(HasDefect(Parse(raw, limits), DefectKind::kLimitPartCount));
}

TEST(LimitsTest, HeaderCount) {
  Limits limits;
  limits.max_headers = 5;
  std::string raw;
  for (int i = 0; i < 20; ++i) raw += "X-H" + std::to_string(i) + ": v\n";
  raw += "Subject: late\n\nbody\n";
  const ParsedMessage m = Parse(raw, limits);
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitHeaderCount));
  EXPECT_EQ(m.headers.size(), 5u);
  EXPECT_TRUE(m.subject.empty());  // beyond the limit: not read
  EXPECT_EQ(m.body_text, "body\n");
}

TEST(LimitsTest, HeaderLength) {
  Limits limits;
  limits.max_header_bytes = 100;
  const std::string raw = "Subject: " + std::string(1000, 'S') + "\nFrom: a@example.com\n\nb\n";
  const ParsedMessage m = Parse(raw, limits);
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitHeaderLength));
  EXPECT_EQ(m.subject, std::string(100, 'S'));
  EXPECT_EQ(m.from.size(), 1u);
}

TEST(LimitsTest, TextLength) {
  Limits limits;
  limits.max_text_bytes = 100;
  // Multi-byte text: the cut must not split a character.
  std::string body;
  for (int i = 0; i < 100; ++i) body += "振込";
  const std::string raw =
      "From: a@example.com\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n";
  const ParsedMessage m = Parse(raw, limits);
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitTextLength));
  EXPECT_LE(m.body_text.size(), 100u);
  EXPECT_GE(m.body_text.size(), 97u);
  EXPECT_TRUE(text::IsValidUtf8(m.body_text));
}

TEST(LimitsTest, HtmlLength) {
  Limits limits;
  limits.max_html_bytes = 64;
  const std::string raw = "From: a@example.com\nContent-Type: text/html\n\n<p>visible start</p>" +
                          std::string(200, ' ') + "<p>hidden tail</p>\n";
  const ParsedMessage m = Parse(raw, limits);
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitTextLength));
  EXPECT_NE(m.body_text.find("visible start"), std::string::npos);
  EXPECT_EQ(m.body_text.find("hidden tail"), std::string::npos);
}

TEST(LimitsTest, HostileCountsAreCutBeforeGMime) {
  Limits limits;
  limits.max_parts = 10;
  std::string raw = "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 5000; ++i) raw += "--b\n\nx\n";
  const ParsedMessage parts = Parse(raw, limits);
  EXPECT_TRUE(HasDefect(parts, DefectKind::kLimitPartCount));
  EXPECT_LE(parts.attachments.size(), 10u);

  std::string headers;
  for (int i = 0; i < 50000; ++i) headers += "X-A: b\n";
  const ParsedMessage many = Parse(headers + "Subject: late\n\nthe body\n", Limits{});
  EXPECT_TRUE(HasDefect(many, DefectKind::kLimitHeaderCount));
  EXPECT_EQ(many.headers.size(), 1000u);
  EXPECT_EQ(many.body_text, "the body\n");  // the body survives the header cut

  std::string html = "From: a@example.com\nContent-Type: text/html\n\n";
  for (int i = 0; i < 20000; ++i) html += "<a href=https://x.example/>x</a>";
  const ParsedMessage links = Parse(html, Limits{});
  EXPECT_TRUE(HasDefect(links, DefectKind::kLimitTextLength));
  EXPECT_EQ(links.links.size(), 10000u);
}

TEST(LimitsTest, WithinLimitsNoLimitDefects) {
  const ParsedMessage m = Parse("From: a@example.com\nSubject: ok\n\nhello\n", Limits{});
  for (const Defect& d : m.defects) EXPECT_FALSE(IsLimitDefect(d.kind)) << d.detail;
}

TEST(HostileInputTest, EmptyInput) {
  const ParsedMessage m = Parse("", Limits{});
  EXPECT_TRUE(m.body_text.empty());
  EXPECT_TRUE(m.headers.empty());
  EXPECT_EQ(m.raw_size, 0u);
}

TEST(HostileInputTest, HeadersOnly) {
  const ParsedMessage m = Parse("From: a@example.com\nSubject: only headers", Limits{});
  EXPECT_EQ(m.subject, "only headers");
  EXPECT_TRUE(m.body_text.empty());
}

TEST(HostileInputTest, BinaryGarbage) {
  std::mt19937 rng(42);
  for (int round = 0; round < 50; ++round) {
    std::string raw(1 + rng() % 4000, '\0');
    for (char& c : raw) c = static_cast<char>(rng() & 0xFF);
    const ParsedMessage m = Parse(raw, Limits{});
    EXPECT_TRUE(text::IsValidUtf8(m.body_text));
    EXPECT_TRUE(text::IsValidUtf8(m.subject));
    for (const Header& h : m.headers) {
      EXPECT_TRUE(text::IsValidUtf8(h.name));
      EXPECT_TRUE(text::IsValidUtf8(h.value));
    }
  }
}

TEST(HostileInputTest, TextWithoutHeadersStillGivesBody) {
  const ParsedMessage m = Parse("just some words, no headers at all\n", Limits{});
  EXPECT_NE(m.body_text.find("just some words"), std::string::npos);
}

TEST(HostileInputTest, LeadingBlankLinesAndMboxFromLine) {
  const ParsedMessage blank = Parse("\r\n\nFrom: a@example.com\nSubject: s\n\nbody\n", Limits{});
  EXPECT_EQ(blank.subject, "s");
  EXPECT_EQ(blank.body_text, "body\n");
  const ParsedMessage mbox =
      Parse("From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: m\n\nb\n",
            Limits{});
  EXPECT_EQ(mbox.subject, "m");
  ASSERT_EQ(mbox.from.size(), 1u);
}

TEST(HostileInputTest, NulBytes) {
  const std::string raw("From: a@exa\0mple.com\nSubject: n\0ul\n\nbo\0dy\n", 40);
  const ParsedMessage m = Parse(raw, Limits{});
  EXPECT_TRUE(text::IsValidUtf8(m.body_text));
  EXPECT_TRUE(text::IsValidUtf8(m.subject));
}

TEST(HostileInputTest, TenThousandHeaders) {
  std::string raw;
  for (int i = 0; i < 10000; ++i) raw += "X-Junk: " + std::to_string(i) + "\n";
  raw += "\nbody\n";
  const ParsedMessage m = Parse(raw, Limits{});
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitHeaderCount));
  EXPECT_EQ(m.headers.size(), 1000u);
}

TEST(HostileInputTest, ThousandDeepNesting) {
  const ParsedMessage m = Parse(Nested(1000), Limits{});
  EXPECT_TRUE(HasDefect(m, DefectKind::kLimitMimeDepth));
  EXPECT_EQ(m.subject, "deep");
}

TEST(HostileInputTest, BadAddressesDoNotCrash) {
  const ParsedMessage m = Parse(
      "From: <<<@@@>>>, \"unterminated\nTo: ,,,;;;:::, garbage, (comment only), @, x@\n"
      "Cc: a@b@c, <>, \"\" <>, =?utf-8?b?!!!?= <q@example.com>\nReply-To: Group: ;\n\nb\n",
      Limits{});
  EXPECT_TRUE(HasDefect(m, DefectKind::kBadAddress));
  bool found = false;
  for (const Address& a : m.cc) found |= a.address == "q@example.com";
  EXPECT_TRUE(found);
}

TEST(HostileInputTest, GarbageBase64Body) {
  const ParsedMessage m = Parse(
      "From: a@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
      "%%%%####@@@@\n\x01\x02\x03\n",
      Limits{});
  EXPECT_TRUE(HasDefect(m, DefectKind::kBadTransferEncoding));
  EXPECT_TRUE(text::IsValidUtf8(m.body_text));
}

}  // namespace
}  // namespace becguard::mime
