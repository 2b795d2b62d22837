#include "frontends/milter/subject_tagger.h"

#include <gtest/gtest.h>

#include "mime/rfc2047.h"

namespace becguard::milter {
namespace {

std::string Decode(std::string_view raw) {
  mime::HeaderTextFlags flags;
  std::string out = mime::DecodeEncodedWords(mime::Unfold(raw), &flags);
  EXPECT_FALSE(flags.bad_encoded_word) << raw;
  return out;
}

TEST(SubjectTaggerTest, PrependsAsciiTag) {
  EXPECT_EQ(TagSubject("Invoice 4711", "[SUSPICIOUS]"), "[SUSPICIOUS] Invoice 4711");
  EXPECT_EQ(TagSubject("", "[SUSPICIOUS]"), "[SUSPICIOUS]");
}

TEST(SubjectTaggerTest, KeepsEncodedWordsValid) {
  // "請求書" in ISO-2022-JP, as Japanese mailers send it.
  const std::string raw = "=?ISO-2022-JP?B?GyRCQEE1YT1xGyhC?=";
  auto tagged = TagSubject(raw, "[BEC WARNING]");
  ASSERT_TRUE(tagged.has_value());
  EXPECT_EQ(*tagged, "[BEC WARNING] " + raw);
  EXPECT_EQ(Decode(*tagged), "[BEC WARNING] 請求書");
  // Folded encoded words stay as they were after the tag.
  auto folded = TagSubject("=?UTF-8?B?5pSv5omV?=\n\t=?UTF-8?B?44GE?=", "[BEC WARNING]");
  ASSERT_TRUE(folded.has_value());
  EXPECT_EQ(Decode(*folded), "[BEC WARNING] 支払い");
}

TEST(SubjectTaggerTest, NonAsciiTagBecomesAnEncodedWordWithItsSpace) {
  auto tagged = TagSubject("=?UTF-8?B?5pSv5omV?=", "[要注意]");
  ASSERT_TRUE(tagged.has_value());
  for (unsigned char c : *tagged) EXPECT_LT(c, 0x80);
  EXPECT_EQ(Decode(*tagged), "[要注意] 支払");
  EXPECT_EQ(Decode(*TagSubject("plain", "[要注意]")), "[要注意] plain");
}

TEST(SubjectTaggerTest, DoesNotTagTwice) {
  EXPECT_FALSE(TagSubject("[SUSPICIOUS] Invoice", "[SUSPICIOUS]").has_value());
  // Already tagged, but the tag sits inside an encoded word.
  EXPECT_FALSE(TagSubject("=?UTF-8?B?W+imgeazqOaEj10g5pSv5omV?=", "[要注意]").has_value());
  // A different tag, or the tag later in the subject, still gets tagged.
  EXPECT_TRUE(TagSubject("Re: [SUSPICIOUS] Invoice", "[SUSPICIOUS]").has_value());
  EXPECT_TRUE(TagSubject("[SUSPICIOUS] Invoice", "[BEC WARNING]").has_value());
}

TEST(SubjectTaggerTest, TagCannotInjectHeaders) {
  auto tagged = TagSubject("x", "[BEC]\r\nBcc: someone@example.com");
  ASSERT_TRUE(tagged.has_value());
  EXPECT_EQ(tagged->find('\n'), std::string::npos);
  EXPECT_EQ(tagged->find('\r'), std::string::npos);
}

}  // namespace
}  // namespace becguard::milter
