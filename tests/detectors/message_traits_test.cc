#include "detectors/message_traits.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::AddHeader;
using testing::Addr;
using testing::MessageFrom;

const domain::DomainList& Esp() {
  static const domain::DomainList esp = domain::DomainList::FromDomains({"sendgrid.net"});
  return esp;
}

TEST(MessageTraitsTest, MailingListHeaders) {
  for (const char* name :
       {"List-Id", "List-Post", "X-ML-Name", "Mailing-List", "X-Mailman-Version"}) {
    ParsedMessage m;
    AddHeader(m, name, "x");
    EXPECT_TRUE(IsMailingList(m)) << name;
  }
  ParsedMessage unsubscribe_only;
  AddHeader(unsubscribe_only, "List-Unsubscribe", "<https://shop.example.com/u>");
  EXPECT_FALSE(IsMailingList(unsubscribe_only));
  AddHeader(unsubscribe_only, "Precedence", " Bulk ");
  EXPECT_TRUE(IsMailingList(unsubscribe_only));
  EXPECT_FALSE(IsMailingList(ParsedMessage{}));
}

TEST(MessageTraitsTest, BulkMail) {
  ParsedMessage m;
  EXPECT_FALSE(IsBulkMail(m, Esp()));
  AddHeader(m, "List-Unsubscribe", "<mailto:u@example.com>");
  EXPECT_TRUE(IsBulkMail(m, Esp()));

  ParsedMessage junk;
  AddHeader(junk, "Precedence", "junk");
  EXPECT_TRUE(IsBulkMail(junk, Esp()));

  ParsedMessage esp;
  esp.return_path = Addr("bounces+1-2=x.com@em1.sendgrid.net");
  EXPECT_TRUE(IsBulkMail(esp, Esp()));
  esp.return_path = Addr("someone@company.example.com");
  EXPECT_FALSE(IsBulkMail(esp, Esp()));
}

TEST(MessageTraitsTest, AutoReplies) {
  ParsedMessage m;
  AddHeader(m, "X-Auto-Response-Suppress", "All");  // Outlook sets this on ordinary mail
  EXPECT_FALSE(IsAutoReply(m));
  AddHeader(m, "Auto-Submitted", "no");
  EXPECT_FALSE(IsAutoReply(m));

  for (const char* value : {"auto-replied", "auto-generated", "Auto-Replied (vacation)"}) {
    ParsedMessage a;
    AddHeader(a, "Auto-Submitted", value);
    EXPECT_TRUE(IsAutoReply(a)) << value;
  }
  ParsedMessage x;
  AddHeader(x, "X-Autoreply", "yes");
  EXPECT_TRUE(IsAutoReply(x));
  ParsedMessage p;
  AddHeader(p, "Precedence", "auto_reply");
  EXPECT_TRUE(IsAutoReply(p));
}

TEST(MessageTraitsTest, ListPostAndMungedFrom) {
  ParsedMessage m = MessageFrom(Addr("Pat Quinlan via AP-Circle", "ap-circle@lists.apcircle.org"));
  EXPECT_FALSE(IsListMungedFrom(m));  // not a list message
  AddHeader(m, "List-Post", "<mailto:AP-Circle@lists.apcircle.org>");
  EXPECT_EQ(ListPostAddress(m), "ap-circle@lists.apcircle.org");
  EXPECT_TRUE(IsListMungedFrom(m));

  ParsedMessage plain = MessageFrom(Addr("Pat Quinlan", "pat@apcircle-member.org"));
  AddHeader(plain, "List-Post", "<mailto:ap-circle@lists.apcircle.org>");
  EXPECT_FALSE(IsListMungedFrom(plain));
  ParsedMessage own = MessageFrom(Addr("AP-Circle", "ap-circle@lists.apcircle.org"));
  AddHeader(own, "List-Post", "<mailto:ap-circle@lists.apcircle.org>");
  EXPECT_TRUE(IsListMungedFrom(own));
}

TEST(MessageTraitsTest, BounceAddresses) {
  for (const char* a :
       {"bounce-mc.us21_1@mail41.mcsv.net", "bounces+12-ab=x.com@em.mailer.io",
        "SRS0=HhH=AB=example.com=user@forwarder.net", "prvs=1234=user@x.com",
        "ap-circle-bounces@lists.apcircle.org", "owner-list+user=x.com@lists.org",
        "msprvs1=abc=user@bounces.x.com", "sentto-1-2-3=me.org@returns.groups.x.com",
        "10182839.55483860.8@bounced.mailer.com", "list-errors.1.2@lists.x.com"}) {
    EXPECT_TRUE(IsBounceAddress(Addr(a))) << a;
  }
  for (const char* a : {"postmaster@vps-1.host.net", "jane.doe@company.com", "info@shop.com"}) {
    EXPECT_FALSE(IsBounceAddress(Addr(a))) << a;
  }
}

}  // namespace
}  // namespace becguard::detectors
