#include "mime/rfc2047.h"

#include <gtest/gtest.h>

#include "text/utf8.h"

namespace becguard::mime {
namespace {

std::string Decode(std::string_view s, HeaderTextFlags* flags = nullptr) {
  HeaderTextFlags local;
  return DecodeEncodedWords(s, flags != nullptr ? flags : &local);
}

TEST(Rfc2047Test, BasicBAndQ) {
  EXPECT_EQ(Decode("=?UTF-8?B?5pel5pys6Kqe?="), "日本語");
  EXPECT_EQ(Decode("=?iso-8859-1?q?caf=E9_cr=E8me?="), "café crème");
  EXPECT_EQ(Decode("plain text"), "plain text");
}

TEST(Rfc2047Test, WhitespaceBetweenAdjacentWordsIsDropped) {
  EXPECT_EQ(Decode("=?UTF-8?Q?a?= =?UTF-8?Q?b?="), "ab");
  EXPECT_EQ(Decode("=?UTF-8?Q?a?=  x =?UTF-8?Q?b?="), "a  x b");
  EXPECT_EQ(Decode("Re: =?UTF-8?Q?hello?= world"), "Re: hello world");
}

TEST(Rfc2047Test, CharacterSplitAcrossWordsAndPadding) {
  // "日本" split after the first byte of 本; each word padded with '='.
  EXPECT_EQ(Decode("=?UTF-8?B?5pel5g==?= =?UTF-8?B?nKw=?="), "日本");
}

TEST(Rfc2047Test, Iso2022JpWordsShareEscapeState) {
  // "こんにちは" (ESC $ B ... ESC ( B) split across two words mid-sequence.
  EXPECT_EQ(Decode("=?ISO-2022-JP?B?GyRCJDMkcyRLGyhC?= =?ISO-2022-JP?B?GyRCJEEkTxsoQg==?="),
            "こんにちは");
}

TEST(Rfc2047Test, ShiftJisAndEucJpWords) {
  EXPECT_EQ(Decode("=?Shift_JIS?B?k/qWe4zq?="), "日本語");
  EXPECT_EQ(Decode("=?EUC-JP?B?xvzL3Ljs?="), "日本語");
}

TEST(Rfc2047Test, WordsInsideQuotedStringsAreDecoded) {
  EXPECT_EQ(Decode("\"=?UTF-8?B?5pel5pys?= <a@b.example>\" <x@y.example>"),
            "\"日本 <a@b.example>\" <x@y.example>");
}

TEST(Rfc2047Test, UnknownCharsetFallsBackAndFlags) {
  HeaderTextFlags flags;
  const std::string out = Decode("=?x-bogus-cs?B?5pel5pys?=", &flags);
  EXPECT_EQ(out, "日本");
  EXPECT_TRUE(flags.bad_encoded_word);
  EXPECT_TRUE(flags.charset_fallback);
}

TEST(Rfc2047Test, MalformedWordsStayTextAndNeverBreakUtf8) {
  HeaderTextFlags flags;
  EXPECT_EQ(Decode("=?UTF-8?X?abc?=", &flags), "=?UTF-8?X?abc?=");
  EXPECT_EQ(Decode("=?UTF-8?B?unterminated", &flags), "=?UTF-8?B?unterminated");
  EXPECT_TRUE(text::IsValidUtf8(Decode("=?UTF-8?B?/w==?=", &flags)));  // 0xFF
  std::string hostile;
  for (int i = 0; i < 20000; ++i) hostile += "=?";
  EXPECT_EQ(Decode(hostile), hostile);  // must stay linear, not quadratic
}

TEST(Rfc2047Test, Raw8BitHeaderText) {
  HeaderTextFlags flags;
  EXPECT_EQ(Decode("日本語 subject", &flags), "日本語 subject");  // RFC 6532 UTF-8
  EXPECT_FALSE(flags.charset_fallback);
  EXPECT_EQ(Decode("\x93\xfa\x96\x7b\x8c\xea", &flags), "日本語");  // raw Shift_JIS
  EXPECT_TRUE(flags.charset_fallback);
}

TEST(UnfoldTest, RemovesLineBreaksAndTrims) {
  EXPECT_EQ(Unfold(" a\r\n b\n\tc \r\n"), "a b\tc");
  EXPECT_EQ(Unfold("\"Yamada\r\n Taro\""), "\"Yamada Taro\"");
}

}  // namespace
}  // namespace becguard::mime
