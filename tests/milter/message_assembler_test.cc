#include "frontends/milter/message_assembler.h"

#include <gtest/gtest.h>

namespace becguard::milter {
namespace {

TEST(MessageAssemblerTest, RebuildsHeadersWithCrlfAndLeadingSpace) {
  MessageAssembler message(1 << 20);
  // Without SMFIP_HDR_LEADSPC libmilter strips the space after the colon; folded lines are LF.
  message.AddHeader("Subject", "first\n\tsecond", false);
  message.AddHeader("X-Tab", "\tvalue", true);  // with LEADSPC: exact
  message.EndOfHeaders();
  message.AppendBody("body line\r\n");
  message.AppendBody("more\r\n");
  EXPECT_EQ(message.raw(),
            "Subject: first\r\n\tsecond\r\nX-Tab:\tvalue\r\n\r\nbody line\r\nmore\r\n");
  ASSERT_EQ(message.headers().size(), 2u);
  EXPECT_EQ(message.headers()[0].value, "first\r\n\tsecond");
  EXPECT_EQ(message.headers()[1].value, "value");
  EXPECT_FALSE(message.over_limit());
}

TEST(MessageAssemblerTest, CrlfValuesAreNotDoubled) {
  MessageAssembler message(1 << 20);
  message.AddHeader("To", "a@example.com,\r\n b@example.com", false);
  message.AppendBody("x");  // body without an explicit end of headers
  EXPECT_EQ(message.raw(), "To: a@example.com,\r\n b@example.com\r\n\r\nx");
}

TEST(MessageAssemblerTest, StopsKeepingBytesOverTheLimit) {
  MessageAssembler message(40);
  message.AddHeader("Subject", "hello", false);
  message.EndOfHeaders();
  message.AppendBody(std::string(100, 'x'));
  EXPECT_TRUE(message.over_limit());
  EXPECT_LE(message.raw().size(), 40u);
  EXPECT_EQ(message.total_bytes(), 16u + 2u + 100u);  // "Subject: hello\r\n", blank line, body
}

TEST(MessageAssemblerTest, IndexesHeadersByName) {
  MessageAssembler message(1 << 20);
  message.AddHeader("X-BEC-Verdict", "clean", false);
  message.AddHeader("Received", "a", false);
  message.AddHeader("x-bec-verdict", "clean", false);
  EXPECT_EQ(message.IndexAmongSameName(0), 1);
  EXPECT_EQ(message.IndexAmongSameName(1), 1);
  EXPECT_EQ(message.IndexAmongSameName(2), 2);
}

}  // namespace
}  // namespace becguard::milter
