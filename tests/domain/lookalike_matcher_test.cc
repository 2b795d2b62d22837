// One test per lookalike technique, each with the protected set an organisation would have.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/domain_tools.h"

namespace becguard::domain {
namespace {

using ::testing::HasSubstr;

LookalikeMatcher Matcher() {
  return LookalikeMatcher({"harwelldynamics.com", "harwelldynamics.co.uk",
                           "brightwater-chemicals.de", "corvane.com", "hibari-logi.com",
                           "oakridge-supply.com", "pellucidanalytics.com", "kazami-mfg.co.jp",
                           "halberdsec.com", "kestrelmarine.com.sg", "yakumo-seiko.jp",
                           "mitsumine-kasei.co.jp", "minatotech.co.jp", "b-company.com.cc",
                           "lotuspacific.com.hk", "wavecrest.com", "cloudwise.io"});
}

struct Expected {
  const char* host;
  const char* imitated;
  const char* technique;  // substring of the reported technique
};

void ExpectMatch(const LookalikeMatcher& matcher, const Expected& e) {
  SCOPED_TRACE(e.host);
  const auto match = matcher.Match(e.host);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->imitated, e.imitated);
  EXPECT_THAT(match->technique, HasSubstr(e.technique));
  EXPECT_FALSE(matcher.IsProtected(e.host));
}

TEST(LookalikeMatcherTest, MultiCharacterConfusables) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"brightwater-chernicals.de", "brightwater-chemicals.de", "rn→m"});
  ExpectMatch(matcher, {"mail.harwelldynarnics.com", "harwelldynamics.com", "rn→m"});
  ExpectMatch(matcher, {"brightvvater-chemicals.de", "brightwater-chemicals.de", "vv→w"});
  ExpectMatch(matcher, {"cloudvvise.io", "cloudwise.io", "vv→w"});
  ExpectMatch(matcher, {"clouclwise.io", "cloudwise.io", "cl→d"});
}

TEST(LookalikeMatcherTest, ConfusableDistanceIsTheLabelEditDistance) {
  const auto match = Matcher().Match("harwelldynarnics.com");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->technique, "rn→m");
  EXPECT_EQ(match->distance, 2);  // m→r plus an added n
}

TEST(LookalikeMatcherTest, DigitForLetter) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"hibari-l0gi.com", "hibari-logi.com", "digit for letter (0→o)"});
  ExpectMatch(matcher, {"harwe11dynamics.com", "harwelldynamics.com", "digit for letter (1→l)"});
  ExpectMatch(matcher, {"halberd5ec.com", "halberdsec.com", "digit for letter (5→s)"});
  const auto both = matcher.Match("hibar1-l0gi.com");
  ASSERT_TRUE(both.has_value());
  EXPECT_THAT(both->technique, HasSubstr("(1→i)"));
  EXPECT_THAT(both->technique, HasSubstr("(0→o)"));
}

TEST(LookalikeMatcherTest, LetterIForL) {
  // "HarweIl..." in a display name lower-cases to an i where the original has an l.
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"harweildynamics.com", "harwelldynamics.com", "i→l"});
  ExpectMatch(matcher, {"hibarl-logi.com", "hibari-logi.com", "l→i"});
}

TEST(LookalikeMatcherTest, AddedRemovedSwappedLetters) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"corvanne.com", "corvane.com", "added letter"});
  ExpectMatch(matcher, {"pellucidanalyticss.com", "pellucidanalytics.com", "added letter"});
  ExpectMatch(matcher, {"corvne.com", "corvane.com", "removed letter"});
  ExpectMatch(matcher, {"harwelldyanmics.com", "harwelldynamics.com", "swapped letters"});
  ExpectMatch(matcher, {"corvame.com", "corvane.com", "changed letter"});
  const auto one = matcher.Match("corvanne.com");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->technique, "added letter");
  EXPECT_EQ(one->distance, 1);
}

TEST(LookalikeMatcherTest, TwoEditsOnlyForLongLabels) {
  const auto matcher = Matcher();
  // 15-letter label: two edits still count.
  const auto long_label = matcher.Match("harwellldynamic.com");
  ASSERT_TRUE(long_label.has_value());
  EXPECT_EQ(long_label->imitated, "harwelldynamics.com");
  EXPECT_EQ(long_label->distance, 2);
  // 7-letter label: two edits are too far.
  EXPECT_FALSE(matcher.Match("corvaaner.com").has_value());
}

TEST(LookalikeMatcherTest, EditsUnderAnotherSuffixNeedALongLabel) {
  const auto matcher = Matcher();
  const auto long_label = matcher.Match("harwelldynamic.net");
  ASSERT_TRUE(long_label.has_value());
  EXPECT_EQ(long_label->imitated, "harwelldynamics.com");
  EXPECT_EQ(long_label->technique, "removed letter + TLD swap (.com → .net)");
  EXPECT_FALSE(matcher.Match("harwelldynamix.net").has_value());  // two edits and a new TLD
  EXPECT_FALSE(matcher.Match("corvanne.net").has_value());        // seven letters
  EXPECT_TRUE(matcher.Match("corvanne.com").has_value());
}

TEST(LookalikeMatcherTest, DistanceThresholdsAreConfigurable) {
  LookalikeOptions strict;
  strict.max_distance_long = 1;
  const LookalikeMatcher matcher({"harwelldynamics.com"}, strict);
  EXPECT_FALSE(matcher.Match("harwellldynamic.com").has_value());
  EXPECT_TRUE(matcher.Match("harwellldynamics.com").has_value());
}

TEST(LookalikeMatcherTest, HomoglyphIdn) {
  const auto matcher = Matcher();
  // Cyrillic о (U+043E) in place of the first Latin o, as punycode and as Unicode.
  ExpectMatch(matcher, {"xn--akridge-supply-uzl.com", "oakridge-supply.com", "homoglyph (IDN)"});
  ExpectMatch(matcher, {"mail.\xD0\xBE"
                        "akridge-supply.com",
                        "oakridge-supply.com", "homoglyph (IDN)"});
  const auto match = matcher.Match("xn--akridge-supply-uzl.com");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->technique, "homoglyph (IDN)");
  EXPECT_EQ(match->distance, 0);
  // Cyrillic а and е inside corvane, under another TLD.
  const auto swapped = matcher.Match("corv\xD0\xB0n\xD0\xB5.net");
  ASSERT_TRUE(swapped.has_value());
  EXPECT_EQ(swapped->imitated, "corvane.com");
  EXPECT_THAT(swapped->technique, HasSubstr("homoglyph (IDN)"));
  EXPECT_THAT(swapped->technique, HasSubstr("TLD swap (.com → .net)"));
}

TEST(LookalikeMatcherTest, HomoglyphIdnWithAnEdit) {
  // Greek omicron for o plus a doubled letter.
  const auto match = Matcher().Match(
      "\xCE\xBF"
      "akridge-supplly.com");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->imitated, "oakridge-supply.com");
  EXPECT_THAT(match->technique, HasSubstr("homoglyph (IDN) + added letter"));
}

TEST(LookalikeMatcherTest, HyphenAddedOrRemoved) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"yakumoseiko.jp", "yakumo-seiko.jp", "hyphen removed"});
  ExpectMatch(matcher, {"harwell-dynamics.com", "harwelldynamics.com", "hyphen added"});
  ExpectMatch(matcher, {"hibarilogi.com", "hibari-logi.com", "hyphen removed"});
  const auto with_tld = matcher.Match("yakumoseiko.com");
  ASSERT_TRUE(with_tld.has_value());
  EXPECT_EQ(with_tld->technique, "hyphen removed + TLD swap (.jp → .com)");
}

TEST(LookalikeMatcherTest, SuffixFolding) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"kestrelmarine-sg.com", "kestrelmarine.com.sg",
                        "suffix folding (.com.sg → -sg.com)"});
  ExpectMatch(matcher,
              {"kazami-mfg-co.jp", "kazami-mfg.co.jp", "suffix folding (.co.jp → -co.jp)"});
  ExpectMatch(matcher, {"b-company-cc.com", "b-company.com.cc", "suffix folding"});
  ExpectMatch(matcher, {"harwelldynamics-uk.com", "harwelldynamics.co.uk",
                        "suffix folding (.co.uk → -uk.com)"});
  ExpectMatch(matcher, {"lotuspacific-hk.com", "lotuspacific.com.hk", "suffix folding"});
  ExpectMatch(matcher, {"kestrelmarinecomsg.com", "kestrelmarine.com.sg", "suffix folding"});
  ExpectMatch(matcher, {"minatotech-co-jp.com", "minatotech.co.jp", "suffix folding"});
}

TEST(LookalikeMatcherTest, TldSwap) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"yakumo-seiko.com", "yakumo-seiko.jp", "TLD swap (.jp → .com)"});
  ExpectMatch(matcher, {"mitsumine-kasei.co", "mitsumine-kasei.co.jp", "TLD swap (.co.jp → .co)"});
  ExpectMatch(matcher, {"www.corvane.net", "corvane.com", "TLD swap (.com → .net)"});
  const auto match = matcher.Match("yakumo-seiko.com");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->distance, 0);
}

TEST(LookalikeMatcherTest, ProtectedDomainAsSubdomain) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"kestrelmarine.com.sg.remit-desk.com", "kestrelmarine.com.sg",
                        "protected domain used as subdomain"});
  ExpectMatch(matcher, {"secure.corvane.com.login-check.net", "corvane.com",
                        "protected domain used as subdomain"});
  ExpectMatch(matcher, {"harwelldynamics.com-secure.net", "harwelldynamics.com",
                        "protected domain embedded in host name"});
  // Only the label, as SaaS tenants use it, is not the whole protected domain.
  EXPECT_FALSE(matcher.Match("corvane.zendesk.com").has_value());
}

TEST(LookalikeMatcherTest, ExtraWord) {
  const auto matcher = Matcher();
  ExpectMatch(matcher, {"halberdsec-billing.com", "halberdsec.com", "extra word (-billing)"});
  ExpectMatch(matcher, {"corvane-invoice.com", "corvane.com", "extra word (-invoice)"});
  ExpectMatch(matcher, {"corvanepay.com", "corvane.com", "extra word (pay)"});
  ExpectMatch(matcher, {"secure-halberdsec.net", "halberdsec.com", "extra word (secure-)"});
  ExpectMatch(matcher,
              {"harwelldynamics-support.com", "harwelldynamics.com", "extra word (-support)"});
  // Glued without a hyphen, only known words count ("corvanetics" is another name).
  EXPECT_FALSE(matcher.Match("corvanetics.com").has_value());
}

TEST(LookalikeMatcherTest, ExtraWordNeedsALongEnoughProtectedLabel) {
  const LookalikeMatcher matcher({"abcd.com"});
  EXPECT_FALSE(matcher.Match("abcd-billing.com").has_value());
  EXPECT_FALSE(matcher.Match("abcdpay.com").has_value());
}

TEST(LookalikeMatcherTest, ShortLabelsOnlyMatchExactSkeleton) {
  const LookalikeMatcher matcher({"abc.com", "ntt.co.jp"});
  EXPECT_FALSE(matcher.Match("abd.com").has_value());  // one edit on three letters
  EXPECT_FALSE(matcher.Match("abcc.com").has_value());
  EXPECT_FALSE(matcher.Match("ab-c.com").has_value());
  EXPECT_FALSE(matcher.Match("abc-billing.com").has_value());
  EXPECT_FALSE(matcher.Match("nta.co.jp").has_value());
  const auto digit = LookalikeMatcher({"bol.com"}).Match("b0l.com");
  ASSERT_TRUE(digit.has_value());
  EXPECT_EQ(digit->technique, "digit for letter (0→o)");
  const auto tld = matcher.Match("abc.net");
  ASSERT_TRUE(tld.has_value());
  EXPECT_THAT(tld->technique, HasSubstr("TLD swap"));
}

TEST(LookalikeMatcherTest, PicksTheMostSpecificMatch) {
  // harwelldynamics-uk.com is an extra word next to .com but a folded suffix of .co.uk.
  const auto match = Matcher().Match("harwelldynamics-uk.com");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->imitated, "harwelldynamics.co.uk");
  EXPECT_THAT(match->technique, HasSubstr("suffix folding"));
}

TEST(LookalikeMatcherTest, PseudoSuffixProtectedNames) {
  // The PSL knows "cc" but not "com.cc"; the protected name as given still counts.
  const auto matcher = Matcher();
  EXPECT_TRUE(matcher.IsProtected("b-company.com.cc"));
  EXPECT_TRUE(matcher.IsProtected("mail.b-company.com.cc"));
  EXPECT_FALSE(matcher.Match("mail.b-company.com.cc").has_value());
  ExpectMatch(matcher, {"b-cornpany.com.cc", "b-company.com.cc", "rn→m"});
  EXPECT_FALSE(matcher.IsProtected("other.com.cc"));
  EXPECT_FALSE(matcher.Match("other.com.cc").has_value());
}

}  // namespace
}  // namespace becguard::domain
