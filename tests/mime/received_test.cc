#include "mime/received.h"

#include <gtest/gtest.h>

namespace becguard::mime {
namespace {

TEST(ReceivedTest, PostfixStyle) {
  const ReceivedHop h = ParseReceived(
      "from mail.vendor.example (mail.vendor.example [203.0.113.7]) by mx.example.com (Postfix) "
      "with ESMTPS id 4AB12 for <ap@example.com>; Mon, 04 Mar 2024 14:12:05 +0000");
  EXPECT_EQ(h.from_host, "mail.vendor.example");
  EXPECT_EQ(h.from_ip, "203.0.113.7");
  EXPECT_EQ(h.by_host, "mx.example.com");
  EXPECT_FALSE(h.raw.empty());
}

TEST(ReceivedTest, ExchangeIpv6InComment) {
  const ReceivedHop h = ParseReceived(
      "from CY4PEPF0000EE3A.namprd03.prod.outlook.com (2603:10b6:510:33b:cafe::2f) by "
      "PH7P220CA0177.outlook.office365.com (2603:10b6:510:33b::25) with Microsoft SMTP Server");
  EXPECT_EQ(h.from_host, "cy4pepf0000ee3a.namprd03.prod.outlook.com");
  EXPECT_EQ(h.from_ip, "2603:10b6:510:33b:cafe::2f");
  EXPECT_EQ(h.by_host, "ph7p220ca0177.outlook.office365.com");
}

TEST(ReceivedTest, IpOnlyInByClauseIsNotFromIp) {
  const ReceivedHop h = ParseReceived("from helo.example by mx.example.com [198.51.100.1]; date");
  EXPECT_EQ(h.from_host, "helo.example");
  EXPECT_EQ(h.from_ip, "");
  EXPECT_EQ(h.by_host, "mx.example.com");
}

TEST(ReceivedTest, IPv6LiteralAndTimeIsNotIp) {
  EXPECT_EQ(ParseReceived("from x ([IPv6:2001:db8::5]) by y").from_ip, "2001:db8::5");
  EXPECT_EQ(ParseReceived("from x (at 12:34:56) by y").from_ip, "");
}

TEST(ReceivedTest, ByOnlyAndGarbage) {
  const ReceivedHop h = ParseReceived("by mx.example.com with LMTP id 1; Mon, 1 Jan 2024");
  EXPECT_EQ(h.from_host, "");
  EXPECT_EQ(h.by_host, "mx.example.com");
  const ReceivedHop g = ParseReceived("((((( ;;; from");
  EXPECT_EQ(g.by_host, "");
  EXPECT_EQ(ParseReceived("").from_host, "");
  EXPECT_EQ(ParseReceived("from x (comment ending in a backslash\\").from_host, "x");
}

}  // namespace
}  // namespace becguard::mime
