#include "forensics/compare.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "becguard/config.h"
#include "mime/parser.h"

namespace becguard::forensics {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(BECGUARD_TEST_FIXTURES) + "/forensics/" + name, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ParsedMessage ParseRaw(const std::string& raw) { return mime::Parse(raw, Limits{}); }

const HeaderDifference* FindHeader(const MessageComparison& c, std::string_view name) {
  for (const HeaderDifference& header : c.headers) {
    if (header.name == name) return &header;
  }
  return nullptr;
}

bool HasLine(const TextDiff& diff, DiffOp op, std::string_view needle) {
  for (const DiffHunk& hunk : diff.hunks) {
    for (const DiffLine& line : hunk.lines) {
      if (line.op == op && line.text.find(needle) != std::string::npos) return true;
    }
  }
  return false;
}

bool HasDetail(const std::vector<payment::PaymentDetail>& details, std::string_view value,
               std::string_view source) {
  return std::any_of(details.begin(), details.end(), [&](const payment::PaymentDetail& d) {
    return d.kind == payment::DetailKind::kIban && d.value == value && d.source == source;
  });
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

constexpr std::string_view kSentIban = "GB33BUKB20201555555555";
constexpr std::string_view kNewIban = "GB94BARC10201530093459";
constexpr std::string_view kStatement = "statement-INV-1042.txt";

class InterceptedInvoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sent_raw_ = ReadFixture("invoice_sent.eml");
    received_raw_ = ReadFixture("invoice_received.eml");
    ASSERT_FALSE(sent_raw_.empty());
    ASSERT_FALSE(received_raw_.empty());
    sent_ = ParseRaw(sent_raw_);
    received_ = ParseRaw(received_raw_);
    comparison_ = CompareMessages(sent_, received_);
  }
  std::string sent_raw_;
  std::string received_raw_;
  ParsedMessage sent_;
  ParsedMessage received_;
  MessageComparison comparison_;
};

TEST_F(InterceptedInvoiceTest, ShowsChangedIdentityHeaders) {
  EXPECT_FALSE(comparison_.identical());
  const HeaderDifference* from = FindHeader(comparison_, "From");
  ASSERT_NE(from, nullptr);
  EXPECT_NE(from->a.find("alice@vendor.example"), std::string::npos);
  EXPECT_NE(from->b.find("alice.vendor@outlook.example"), std::string::npos);

  const HeaderDifference* reply_to = FindHeader(comparison_, "Reply-To");
  ASSERT_NE(reply_to, nullptr);
  EXPECT_FALSE(reply_to->a_present);
  EXPECT_TRUE(reply_to->b_present);
  EXPECT_NE(reply_to->b.find("alice.vendor@outlook.example"), std::string::npos);

  EXPECT_NE(FindHeader(comparison_, "Return-Path"), nullptr);
  EXPECT_NE(FindHeader(comparison_, "Date"), nullptr);
  EXPECT_NE(FindHeader(comparison_, "Message-ID"), nullptr);
  // Unchanged headers are not reported.
  EXPECT_EQ(FindHeader(comparison_, "To"), nullptr);
  EXPECT_EQ(FindHeader(comparison_, "Cc"), nullptr);
  EXPECT_EQ(FindHeader(comparison_, "Subject"), nullptr);
  EXPECT_EQ(FindHeader(comparison_, "Sender"), nullptr);
}

TEST_F(InterceptedInvoiceTest, BodyDiffIsTheChangedSentenceAndIban) {
  ASSERT_EQ(comparison_.body.hunks.size(), 1u);
  EXPECT_TRUE(HasLine(comparison_.body, DiffOp::kRemoved, "to our usual account"));
  EXPECT_TRUE(HasLine(comparison_.body, DiffOp::kAdded, "Due to an audit of our bank"));
  EXPECT_TRUE(HasLine(comparison_.body, DiffOp::kRemoved, "GB33 BUKB"));
  EXPECT_TRUE(HasLine(comparison_.body, DiffOp::kAdded, "GB94 BARC"));
  // Unchanged lines are at most context, never edits.
  EXPECT_FALSE(HasLine(comparison_.body, DiffOp::kRemoved, "Account holder"));
  EXPECT_FALSE(HasLine(comparison_.body, DiffOp::kAdded, "Account holder"));
  EXPECT_FALSE(HasLine(comparison_.body, DiffOp::kAdded, "Dear Bob"));
}

TEST_F(InterceptedInvoiceTest, AttachmentWithSameNameIsChanged) {
  ASSERT_EQ(comparison_.attachments.size(), 1u);
  const AttachmentDifference& attachment = comparison_.attachments[0];
  EXPECT_EQ(attachment.change, AttachmentChange::kChanged);
  EXPECT_EQ(attachment.a.filename, kStatement);
  EXPECT_EQ(attachment.b.filename, kStatement);
  EXPECT_NE(attachment.a.sha256_hex, attachment.b.sha256_hex);
  EXPECT_TRUE(HasLine(attachment.text_diff, DiffOp::kRemoved, kSentIban));
  EXPECT_TRUE(HasLine(attachment.text_diff, DiffOp::kAdded, kNewIban));
  EXPECT_FALSE(HasLine(attachment.text_diff, DiffOp::kAdded, "Beneficiary"));
}

TEST_F(InterceptedInvoiceTest, PaymentDetailsSideBySide) {
  const PaymentComparison& payment = comparison_.payment;
  EXPECT_TRUE(payment.differs());
  EXPECT_TRUE(HasDetail(payment.a, kSentIban, "body"));
  EXPECT_TRUE(HasDetail(payment.a, kSentIban, kStatement));
  EXPECT_TRUE(HasDetail(payment.b, kNewIban, "body"));
  EXPECT_TRUE(HasDetail(payment.b, kNewIban, kStatement));
  ASSERT_EQ(payment.only_in_a.size(), 1u);  // body and attachment give one entry
  EXPECT_EQ(payment.only_in_a[0].value, kSentIban);
  ASSERT_EQ(payment.only_in_b.size(), 1u);
  EXPECT_EQ(payment.only_in_b[0].value, kNewIban);
}

TEST_F(InterceptedInvoiceTest, MessageComparedWithItselfIsIdentical) {
  const MessageComparison same = CompareMessages(sent_, ParseRaw(sent_raw_));
  EXPECT_TRUE(same.identical());
  EXPECT_TRUE(same.headers.empty());
  EXPECT_TRUE(same.body.empty());
  EXPECT_TRUE(same.attachments.empty());
  EXPECT_FALSE(same.payment.differs());
  EXPECT_FALSE(same.payment.a.empty());  // the details are still listed
}

TEST_F(InterceptedInvoiceTest, TransportReformattingIsNotADifference) {
  // CRLF line endings and a quoted display name: what relaying servers do to a message.
  std::string relayed = Replace(sent_raw_, "\n", "\r\n");
  relayed = Replace(relayed, "From: Alice Moreau <", "From: \"Alice Moreau\" <");
  const MessageComparison c = CompareMessages(sent_, ParseRaw(relayed));
  EXPECT_TRUE(c.headers.empty());
  EXPECT_TRUE(c.body.empty());
  EXPECT_TRUE(c.attachments.empty());  // the attachment's bytes (CRLF) differ, its text not
  EXPECT_TRUE(c.identical());
}

TEST_F(InterceptedInvoiceTest, SameIbanWrittenDifferentlyIsNotAPaymentChange) {
  std::string respaced =
      Replace(sent_raw_, "GB33 BUKB 2020 1555 5555 55", "GB33BUKB20201555555555");
  const MessageComparison c = CompareMessages(sent_, ParseRaw(respaced));
  EXPECT_FALSE(c.body.empty());  // the text did change
  EXPECT_FALSE(c.payment.differs());
  EXPECT_FALSE(c.identical());
}

TEST_F(InterceptedInvoiceTest, OnlyTheSentenceChangedLeavesPaymentAlone) {
  std::string reworded =
      Replace(sent_raw_, "to our usual account:", "to the account below, as always:");
  const MessageComparison c = CompareMessages(sent_, ParseRaw(reworded));
  EXPECT_TRUE(c.headers.empty());
  EXPECT_TRUE(HasLine(c.body, DiffOp::kAdded, "as always"));
  EXPECT_TRUE(c.attachments.empty());
  EXPECT_FALSE(c.payment.differs());
}

TEST(CompareAttachmentsTest, AddedRemovedAndRenamed) {
  auto message = [](std::string_view parts) {
    return "From: a@vendor.example\nTo: b@customer.example\nSubject: docs\n"
           "Message-ID: <1@vendor.example>\nMIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\n"
           "Content-Type: text/plain\n\nSee attached.\n" +
           std::string(parts) + "--x--\n";
  };
  auto part = [](std::string_view name, std::string_view body) {
    return "--x\nContent-Type: text/plain; name=\"" + std::string(name) +
           "\"\nContent-Disposition: attachment; filename=\"" + std::string(name) + "\"\n\n" +
           std::string(body) + "\n";
  };
  const ParsedMessage a =
      ParseRaw(message(part("terms.txt", "Net 30 days.") + part("old.txt", "obsolete")));
  const ParsedMessage b =
      ParseRaw(message(part("terms-2026.txt", "Net 30 days.") + part("new.txt", "fresh")));
  const MessageComparison c = CompareMessages(a, b);
  EXPECT_TRUE(c.headers.empty());
  EXPECT_TRUE(c.body.empty());
  ASSERT_EQ(c.attachments.size(), 3u);
  EXPECT_EQ(c.attachments[0].change, AttachmentChange::kRenamed);
  EXPECT_EQ(c.attachments[0].a.filename, "terms.txt");
  EXPECT_EQ(c.attachments[0].b.filename, "terms-2026.txt");
  EXPECT_EQ(c.attachments[1].change, AttachmentChange::kRemoved);
  EXPECT_EQ(c.attachments[1].a.filename, "old.txt");
  EXPECT_EQ(c.attachments[2].change, AttachmentChange::kAdded);
  EXPECT_EQ(c.attachments[2].b.filename, "new.txt");
  EXPECT_FALSE(c.identical());

  // Same attachments in another order: no difference.
  const ParsedMessage reordered =
      ParseRaw(message(part("old.txt", "obsolete") + part("terms.txt", "Net 30 days.")));
  EXPECT_TRUE(CompareMessages(a, reordered).attachments.empty());
}

TEST(CompareAttachmentsTest, BinaryAttachmentChangeIsReportedWithoutTextDiff) {
  auto message = [](std::string_view base64) {
    return "From: a@vendor.example\nSubject: invoice\nMIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\n"
           "Content-Type: text/plain\n\nInvoice attached.\n--x\n"
           "Content-Type: application/octet-stream; name=\"inv.bin\"\n"
           "Content-Disposition: attachment; filename=\"inv.bin\"\n"
           "Content-Transfer-Encoding: base64\n\n" +
           std::string(base64) + "\n--x--\n";
  };
  const ParsedMessage a = ParseRaw(message("AAECAwQFBgc="));
  const ParsedMessage b = ParseRaw(message("AAECAwQFBgg="));
  const MessageComparison c = CompareMessages(a, b);
  ASSERT_EQ(c.attachments.size(), 1u);
  EXPECT_EQ(c.attachments[0].change, AttachmentChange::kChanged);
  EXPECT_EQ(c.attachments[0].a.filename, "inv.bin");
  EXPECT_TRUE(c.attachments[0].text_diff.empty());
  EXPECT_TRUE(CompareMessages(a, ParseRaw(message("AAECAwQFBgc="))).identical());
}

TEST(CompareBodyTest, HugeRewriteStaysBoundedAndMarksApproximate) {
  std::string a_body;
  std::string b_body;
  for (int i = 0; i < 5000; ++i) {
    a_body += "sent line " + std::to_string(i) + "\n";
    b_body += "received line " + std::to_string(i) + "\n";
  }
  const ParsedMessage a = ParseRaw("From: a@vendor.example\nSubject: s\n\n" + a_body);
  const ParsedMessage b = ParseRaw("From: a@vendor.example\nSubject: s\n\n" + b_body);
  const MessageComparison c = CompareMessages(a, b);
  EXPECT_TRUE(c.body.approximate);
  ASSERT_EQ(c.body.hunks.size(), 1u);
  EXPECT_EQ(c.body.hunks[0].a_count, 5000u);
  EXPECT_EQ(c.body.hunks[0].b_count, 5000u);
}

TEST(CompareHeadersTest, AbsentVersusEmptyAndCcAdded) {
  const ParsedMessage a =
      ParseRaw("From: a@vendor.example\nTo: b@customer.example\nSubject: hi\n\nbody\n");
  const ParsedMessage b = ParseRaw(
      "From: a@vendor.example\nTo: b@customer.example\nCc: spy@attacker.example\n"
      "Subject: hi\n\nbody\n");
  const MessageComparison c = CompareMessages(a, b);
  ASSERT_EQ(c.headers.size(), 1u);
  EXPECT_EQ(c.headers[0].name, "Cc");
  EXPECT_FALSE(c.headers[0].a_present);
  EXPECT_NE(c.headers[0].b.find("spy@attacker.example"), std::string::npos);
  EXPECT_TRUE(c.body.empty());
}

}  // namespace
}  // namespace becguard::forensics
