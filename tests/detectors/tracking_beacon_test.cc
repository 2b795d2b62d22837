#include "detectors/tracking_beacon.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using patterns::Intent;
using testing::Addr;
using testing::Build;
using testing::Intents;
using testing::MessageFrom;

Image MakeImage(std::string src, std::string host, int width = -1, int height = -1,
                bool hidden = false) {
  return Image{std::move(src), std::move(host), width, height, hidden};
}

Image SendGridPixel() {
  return MakeImage("https://u41872.ct.sendgrid.net/wf/open?upn=u001.AbC", "u41872.ct.sendgrid.net",
                   1, 1);
}

class TrackingBeaconTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m, const patterns::IntentHits& hits = {}) const {
    return world_.Run(*detector_, m, hits);
  }
  static ParsedMessage Html() {
    ParsedMessage m = MessageFrom(Addr("Cordelia Ashgrove", "relay@secure-mail-relay.net"));
    m.has_html = true;
    return m;
  }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateTrackingBeacon(toml::table{}));
};

TEST_F(TrackingBeaconTest, EspPixelInExecutiveMailIsStrong) {
  ParsedMessage m = Html();
  m.images.push_back(SendGridPixel());
  auto f = testing::Only(Run(m, Intents({Intent::kExecutiveContext})));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kTrackingBeacon);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "image");
  EXPECT_EQ(f->evidence.observed, "https://u41872.ct.sendgrid.net/wf/open?upn=u001.AbC");
  EXPECT_NE(f->evidence.detail.find("1x1 image"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("SendGrid open tracking"), std::string::npos);

  f = testing::Only(Run(m, Intents({Intent::kWireTransfer})));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
}

TEST_F(TrackingBeaconTest, PixelAloneIsWeak) {
  ParsedMessage m = Html();
  m.images.push_back(SendGridPixel());
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.3);
}

TEST_F(TrackingBeaconTest, NewslettersAndEspTransactionalMailAreNearlyFree) {
  ParsedMessage news = Html();
  testing::AddHeader(news, "List-Unsubscribe", "<https://example.com/u>");
  news.images.push_back(MakeImage("https://assoc.us21.list-manage.com/track/open.php?u=1&id=2",
                                  "assoc.us21.list-manage.com", 1, 1));
  auto f = testing::Only(Run(news, Intents({Intent::kFinancialContext})));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.1);
  EXPECT_NE(f->evidence.detail.find("Mailchimp"), std::string::npos);

  ParsedMessage ses = Html();
  ses.return_path = Addr("0101019a-00@us-west-2.amazonses.com");
  ses.images.push_back(MakeImage("https://l48.r.us-west-2.awstrack.me/I0/b3a4/PXw/318",
                                 "l48.r.us-west-2.awstrack.me"));  // no size given
  f = testing::Only(Run(ses, Intents({Intent::kFinancialContext})));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.1);
  EXPECT_NE(f->evidence.detail.find("Amazon SES"), std::string::npos);

  ParsedMessage marketing = Html();
  marketing.images.push_back(SendGridPixel());
  f = testing::Only(
      Run(marketing, Intents({Intent::kMarketingContext, Intent::kExecutiveContext})));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.1);
}

TEST_F(TrackingBeaconTest, HiddenAndZeroSizedImagesAreBeacons) {
  ParsedMessage m = Html();
  m.images.push_back(
      MakeImage("https://img.some-host.com/a.png", "img.some-host.com", 600, 200, true));
  m.images.push_back(MakeImage("https://img.some-host.com/b.png", "img.some-host.com", 0, 0));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_NE(f->evidence.detail.find("hidden image"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("2 tracking images"), std::string::npos);
}

TEST_F(TrackingBeaconTest, ManySpacerImagesAreLayoutButKnownTrackersStillCount) {
  ParsedMessage m = Html();
  for (int i = 0; i < 6; ++i) {
    m.images.push_back(
        MakeImage("https://www.some-host.com/b.gif", "www.some-host.com", 1, 7, true));
  }
  EXPECT_TRUE(Run(m, Intents({Intent::kFinancialContext})).empty());
  m.images.push_back(SendGridPixel());
  auto f = testing::Only(Run(m, Intents({Intent::kFinancialContext})));
  ASSERT_TRUE(f);
  EXPECT_NE(f->evidence.detail.find("SendGrid"), std::string::npos);
}

TEST_F(TrackingBeaconTest, OrdinaryImagesAreFine) {
  ParsedMessage m = Html();
  m.images.push_back(MakeImage("https://cdn.some-host.com/logo.png", "cdn.some-host.com", 160));
  m.images.push_back(MakeImage("cid:logo@local", "", 1, 1));
  m.images.push_back(MakeImage("https://www.beacon-supplies.com/img/logo.png",
                               "www.beacon-supplies.com", 200, 60));
  m.images.push_back(MakeImage("https://cdn.some-host.com/banner.jpg", "cdn.some-host.com"));
  EXPECT_TRUE(Run(m, Intents({Intent::kExecutiveContext})).empty());
}

TEST_F(TrackingBeaconTest, UrlShapesAloneAreEnough) {
  for (const char* src :
       {"https://t.example-co.com/e/open.aspx?id=1", "https://mail.example-co.com/o/89pQ/FO7.gif",
        "https://track.hubspot.com/__ptq.gif?a=1", "https://mailtrack.io/trace/mail/abc.png",
        "https://x.example-co.com/img/pixel.gif"}) {
    ParsedMessage m = Html();
    std::string s(src);
    const auto host_start = s.find("://") + 3;
    const std::string host = s.substr(host_start, s.find('/', host_start) - host_start);
    m.images.push_back(MakeImage(s, host));
    if (std::string_view(src).find("/o/") != std::string_view::npos) {
      // A bare "/o/" path is only Mailgun's on Mailgun hosts: not a beacon without size.
      EXPECT_TRUE(Run(m).empty()) << src;
    } else {
      EXPECT_EQ(Run(m).size(), 1u) << src;
    }
  }
}

TEST(TrackingBeaconConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseTrackingBeaconConfig(testing::ParseToml("patterns = []")));
  EXPECT_FALSE(ParseTrackingBeaconConfig(testing::ParseToml("bulk_strength = -1")));
  auto config = ParseTrackingBeaconConfig(testing::ParseToml("alone_strength = 0.4"));
  ASSERT_TRUE(config);
  EXPECT_DOUBLE_EQ(config->alone_strength, 0.4);
  EXPECT_DOUBLE_EQ(config->context_strength, 1.0);
}

}  // namespace
}  // namespace becguard::detectors
