#include "detectors/intel_ioc.h"

#include <gtest/gtest.h>

#include <string>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

constexpr std::string_view kIocs =
    "address\tejbjebduffy@optimum.net\tCAS 2019\n"
    "ip\t155.94.251.82\tCAS 2019 ip\n"
    "domain\tsecure-mx-provider.cc\tCAS 2019 domain\n"
    "domain\tremit-desk.example\tlocal feed\n";

class IntelIocTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m) const {
    FindingSink sink;
    patterns::IntentHits hits;
    DetectorContext context{m,         hits, world_.org(), world_.lookalikes(),
                            freemail_, esp_, intel_,       testing::NoFeatures()};
    detector_->Inspect(context, sink);
    return sink.Take();
  }

  testing::World world_;
  domain::DomainList freemail_ = domain::DomainList::FromDomains({"optimum.net"});
  domain::DomainList esp_ = domain::DomainList::FromDomains({});
  intel::IntelDb intel_ = std::move(*intel::IntelDb::FromText(kIocs, ""));
  std::unique_ptr<Detector> detector_ = Build(CreateIntelIoc(toml::table{}));
};

TEST_F(IntelIocTest, KnownSenderAddressAndIp) {
  ParsedMessage m = MessageFrom(Addr("Margaret Okafor", "EJBJEBDUFFY@optimum.net"));
  m.received.push_back(ReceivedHop{"mx.larkspurtech.com", "10.0.0.5", "mx", "raw"});
  m.received.push_back(ReceivedHop{"User", "155.94.251.82", "smtp.optimum.net", "raw"});
  auto findings = Run(m);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].id, FindingId::kIocMatch);
  EXPECT_EQ(findings[0].evidence.field, "From");
  EXPECT_EQ(findings[0].evidence.observed, "ejbjebduffy@optimum.net");
  EXPECT_NE(findings[0].evidence.detail.find("CAS 2019"), std::string::npos);
  EXPECT_NE(findings[0].evidence.detail.find("address indicator"), std::string::npos);
  EXPECT_EQ(findings[1].evidence.field, "Received");
  EXPECT_EQ(findings[1].evidence.observed, "155.94.251.82");
  EXPECT_DOUBLE_EQ(findings[1].strength, 1.0);
}

TEST_F(IntelIocTest, DomainIndicatorsInEveryAddressHeaderAndLinks) {
  ParsedMessage m = MessageFrom(Addr("Accounts", "accounts@larkspurtech.com"));
  m.reply_to.push_back(Addr("billing@pay.remit-desk.example"));
  m.return_path = Addr("bounce@secure-mx-provider.cc");
  auto findings = Run(m);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].evidence.field, "Reply-To");
  EXPECT_EQ(findings[0].evidence.observed, "billing@pay.remit-desk.example");
  EXPECT_NE(findings[0].evidence.detail.find("remit-desk.example"), std::string::npos);
  EXPECT_EQ(findings[1].evidence.field, "Return-Path");

  ParsedMessage linked = MessageFrom(Addr("a@larkspurtech.com"));
  linked.links.push_back(
      Link{"https://portal.remit-desk.example/pay", "pay", "portal.remit-desk.example"});
  linked.notification_to.push_back(
      HeaderAddress{"Disposition-Notification-To", Addr("x@secure-mx-provider.cc")});
  auto more = Run(linked);
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].evidence.field, "Disposition-Notification-To");
  EXPECT_EQ(more[1].evidence.field, "link");
}

TEST_F(IntelIocTest, EachIndicatorIsReportedOnce) {
  ParsedMessage m = MessageFrom(Addr("x@secure-mx-provider.cc"));
  m.reply_to.push_back(Addr("y@secure-mx-provider.cc"));
  m.return_path = Addr("z@secure-mx-provider.cc");
  EXPECT_EQ(Run(m).size(), 1u);
}

TEST_F(IntelIocTest, CleanMailAndLookalikeSuffixesStayQuiet) {
  ParsedMessage m = MessageFrom(Addr("Someone", "someone@optimum.net"));  // the ISP is not an IOC
  m.reply_to.push_back(Addr("a@notremit-desk.example"));
  m.received.push_back(ReceivedHop{"h", "155.94.251.83", "b", "raw"});
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(IntelIocTest, LinksAndReceivedCanBeSwitchedOff) {
  auto detector =
      Build(CreateIntelIoc(testing::ParseToml("check_links = false\ncheck_received_ips = false")));
  ParsedMessage m = MessageFrom(Addr("a@larkspurtech.com"));
  m.links.push_back(Link{"https://remit-desk.example", "x", "remit-desk.example"});
  m.received.push_back(ReceivedHop{"h", "155.94.251.82", "b", "raw"});
  FindingSink sink;
  patterns::IntentHits hits;
  detector->Inspect(DetectorContext{m, hits, world_.org(), world_.lookalikes(), freemail_, esp_,
                                    intel_, testing::NoFeatures()},
                    sink);
  EXPECT_TRUE(sink.findings().empty());
  EXPECT_FALSE(CreateIntelIoc(testing::ParseToml("check_urls = true")).has_value());
}

}  // namespace
}  // namespace becguard::detectors
