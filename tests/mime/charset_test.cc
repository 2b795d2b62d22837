#include "mime/charset.h"

#include <gtest/gtest.h>

#include "text/utf8.h"

namespace becguard::mime {
namespace {

TEST(CharsetTest, DeclaredCharsetsConvert) {
  EXPECT_EQ(ToUtf8("\x93\xfa\x96\x7b\x8c\xea", "Shift_JIS").utf8, "日本語");
  EXPECT_EQ(ToUtf8("\x87\x40", "shift_jis").utf8, "①");  // CP932 extension
  EXPECT_EQ(ToUtf8("\xc6\xfc\xcb\xdc", "euc-jp").utf8, "日本");
  EXPECT_EQ(ToUtf8("\x1b$BF|K\\\x1b(B", "ISO-2022-JP").utf8, "日本");
  EXPECT_EQ(ToUtf8("caf\xe9", "ISO-8859-1").utf8, "café");
  EXPECT_EQ(ToUtf8("\x93quoted\x94", "windows-1252").utf8, "\u201cquoted\u201d");
  EXPECT_EQ(ToUtf8("\xcf\xf0\xe8\xe2\xe5\xf2", "windows-1251").utf8, "Привет");
  EXPECT_EQ(ToUtf8("z\xb3ote", "iso-8859-2").utf8, "złote");
  EXPECT_FALSE(ToUtf8("\x93\xfa\x96\x7b\x8c\xea", "Shift_JIS").guessed);
}

TEST(CharsetTest, HalfWidthKatakanaInIso2022Jp) {
  // ESC ( I selects JIS X 0201 katakana: "ｱｲ".
  EXPECT_EQ(ToUtf8("\x1b(I12\x1b(B", "iso-2022-jp").utf8, "ｱｲ");
}

TEST(CharsetTest, MissingOrWrongLabelsAreGuessed) {
  const DecodedText jis = ToUtf8("\x1b$BF|K\\\x1b(B", "us-ascii");
  EXPECT_EQ(jis.utf8, "日本");
  EXPECT_TRUE(jis.guessed);
  const DecodedText sjis = ToUtf8("\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd", "");
  EXPECT_EQ(sjis.utf8, "こんにちは");
  EXPECT_TRUE(sjis.guessed);
  const DecodedText euc = ToUtf8("\xa4\xb3\xa4\xf3\xa4\xcb\xa4\xc1\xa4\xcf", "");
  EXPECT_EQ(euc.utf8, "こんにちは");
  const DecodedText utf8_as_latin = ToUtf8("caf\xc3\xa9", "iso-8859-1");
  EXPECT_EQ(utf8_as_latin.utf8, "café");
  EXPECT_TRUE(utf8_as_latin.guessed);
  const DecodedText sjis_as_utf8 = ToUtf8("\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd", "utf-8");
  EXPECT_EQ(sjis_as_utf8.utf8, "こんにちは");
  EXPECT_TRUE(sjis_as_utf8.guessed);
  const DecodedText bogus = ToUtf8("\xe6\x97\xa5", "x-no-such-charset");
  EXPECT_EQ(bogus.utf8, "日");
  EXPECT_TRUE(bogus.bad_label);
}

TEST(CharsetTest, LabelsWithOptionsOrPathsAreNotPassedToIcu) {
  const DecodedText opt = ToUtf8("\xe6\x97\xa5", "UTF-8,swaplfnl");
  EXPECT_EQ(opt.utf8, "日");
  EXPECT_TRUE(opt.bad_label);
  EXPECT_TRUE(ToUtf8("\xe6\x97\xa5", "../../tmp/x").bad_label);
}

TEST(CharsetTest, LatinFallbackForNonJapaneseBytes) {
  const DecodedText d = ToUtf8("na\xefve r\xe9sum\xe9", "");
  EXPECT_EQ(d.utf8, "naïve résumé");
  EXPECT_TRUE(d.guessed);
}

TEST(CharsetTest, AsciiFastPathIsNotAGuess) {
  const DecodedText d = ToUtf8("plain ascii", "");
  EXPECT_EQ(d.utf8, "plain ascii");
  EXPECT_FALSE(d.guessed);
  EXPECT_FALSE(ToUtf8("plain", "us-ascii").guessed);
  EXPECT_FALSE(ToUtf8("plain", "iso-2022-jp").guessed);
  EXPECT_FALSE(ToUtf8("日本", "UTF-8").guessed);
}

TEST(CharsetTest, Utf16NeedsConversionEvenWithoutHighBytes) {
  EXPECT_EQ(ToUtf8(std::string("h\0i\0", 4), "utf-16le").utf8, "hi");
}

TEST(CharsetTest, AlwaysValidUtf8) {
  const char* labels[] = {"",       "utf-8",        "us-ascii", "iso-2022-jp", "shift_jis",
                          "euc-jp", "windows-1252", "bogus",    "utf-16",      "utf-7"};
  const std::string junk("\xff\xfe\x1b$B\x80\x81\x00\xc3\x28\xe3\x81", 13);
  for (const char* l : labels) EXPECT_TRUE(text::IsValidUtf8(ToUtf8(junk, l).utf8)) << l;
}

}  // namespace
}  // namespace becguard::mime
