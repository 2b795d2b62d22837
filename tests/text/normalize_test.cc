#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>

#include "text/utf8.h"

namespace becguard::text {
namespace {

TEST(NormalizeTest, AsciiLowerCasesAndCollapsesWhitespace) {
  EXPECT_EQ(Normalize("  Please\tWIRE\r\n the   Funds  "), "please wire the funds");
  EXPECT_EQ(Normalize(""), "");
  EXPECT_EQ(Normalize(" \n\t "), "");
}

TEST(NormalizeTest, FullWidthAndHalfWidthFold) {
  // Full-width Latin and digits -> ASCII; half-width katakana -> full-width.
  EXPECT_EQ(Normalize("ＵＲＧＥＮＴ１２３"), "urgent123");
  EXPECT_EQ(Normalize("ｼｬﾁｮｳ"), "シャチョウ");
  EXPECT_EQ(Normalize("ﾊﾞﾝｸ"), "バンク");
}

TEST(NormalizeTest, CaseFoldsBeyondAscii) {
  EXPECT_EQ(Normalize("STRASSE Straße"), "strasse strasse");
  EXPECT_EQ(Normalize("ÉCOLE"), "école");
}

TEST(NormalizeTest, CollapsesUnicodeWhitespace) {
  // U+3000 ideographic space, NBSP, U+2003 em space, newlines.
  EXPECT_EQ(Normalize("佐藤\xE3\x80\x80健一"), "佐藤 健一");
  EXPECT_EQ(Normalize("a\xC2\xA0\xC2\xA0 b\xE2\x80\x83\n\n"
                      "c"),
            "a b c");
  EXPECT_EQ(Normalize("\xE3\x80\x80振込\xE3\x80\x80"), "振込");
}

TEST(NormalizeTest, RemovesZeroWidthAndBidiControls) {
  EXPECT_EQ(Normalize("pa\xE2\x80\x8Byp\xE2\x80\x8D"
                      "al"),
            "paypal");                                                           // ZWSP, ZWJ
  EXPECT_EQ(Normalize("\xE2\x80\xAEinvoice\xE2\x80\xAC"), "invoice");            // RLO ... PDF
  EXPECT_EQ(Normalize("\xEF\xBB\xBFhello\xE2\x81\xA6x\xE2\x81\xA9"), "hellox");  // BOM, LRI/PDI
  EXPECT_EQ(Normalize("a\xC2\xAD"
                      "b"),
            "ab");  // soft hyphen
}

TEST(NormalizeTest, InvalidUtf8BecomesReplacementCharacter) {
  const std::string out = Normalize(std::string("ab\xFF\xC3") + "cd");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(out.substr(0, 2), "ab");
  const std::string nul_and_garbage("\x00\x80\xFE\xED\xA0\x80", 6);
  EXPECT_TRUE(IsValidUtf8(Normalize(nul_and_garbage)));
}

TEST(NormalizeTest, ComposesCombiningMarksAfterAscii) {
  // "e" + COMBINING ACUTE becomes one "é" (the ASCII fast path must not split the pair).
  EXPECT_EQ(Normalize("Cafe\xCC\x81"), "café");
}

TEST(NormalizeTest, NfkcCompatibilityCharacters) {
  EXPECT_EQ(Normalize("㈱ｻﾝﾌﾟﾙ"), "(株)サンプル");
  EXPECT_EQ(Normalize("①"), "1");
  EXPECT_EQ(Normalize("ﬁnance"), "finance");
}

TEST(NameKeyTest, OrderAndPunctuationInsensitive) {
  EXPECT_EQ(NameKey("Okafor, Margaret"), NameKey("margaret okafor"));
  EXPECT_EQ(NameKey("佐藤 健一"), "佐藤健一");
  EXPECT_EQ(NameKey("佐藤\xE3\x80\x80健一"), NameKey("佐藤健一"));
  EXPECT_NE(NameKey("Margaret Okafor"), NameKey("Margaret Okafur"));
  EXPECT_EQ(NameKey("  "), "");
}

TEST(HasInvisibleOrBidiTest, DetectsControls) {
  EXPECT_TRUE(HasInvisibleOrBidi("CEO\xE2\x80\x8B"));      // ZWSP
  EXPECT_TRUE(HasInvisibleOrBidi("\xE2\x80\xAEgpj.exe"));  // RLO
  EXPECT_TRUE(HasInvisibleOrBidi("x\xE2\x81\xA6y"));       // LRI
  EXPECT_TRUE(HasInvisibleOrBidi("\xD8\x9C"));             // ALM U+061C
  EXPECT_TRUE(HasInvisibleOrBidi("\xEF\xBB\xBF"));         // BOM
  EXPECT_FALSE(HasInvisibleOrBidi("Margaret Okafor"));
  EXPECT_FALSE(HasInvisibleOrBidi("佐藤 健一 ①"));
  EXPECT_FALSE(HasInvisibleOrBidi(std::string("\xFF\xFE", 2)));
}

TEST(SanitizeUtf8Test, ReplacesOnlyInvalidBytes) {
  EXPECT_EQ(SanitizeUtf8("plain"), "plain");
  EXPECT_EQ(SanitizeUtf8("日本"), "日本");
  EXPECT_EQ(SanitizeUtf8("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
  EXPECT_TRUE(IsValidUtf8(SanitizeUtf8("\xE6\x97")));                               // truncated
}

}  // namespace
}  // namespace becguard::text
