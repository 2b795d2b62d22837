// MessageComparison / CompareMessages: what differs between the message a company sent and the
// copy its customer received (the intercepted-invoice case): address and identity headers, body
// text, attachments (matched by file name, then by content hash) and the payment details found in
// each. Pure functions over two ParsedMessages; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "becguard/message.h"
#include "forensics/text_diff.h"
#include "payment/payment_details.h"

namespace becguard::forensics {

// A compared header whose values differ. An absent header has an empty value (and present=false).
struct HeaderDifference {
  std::string name;  // canonical, e.g. "Reply-To"
  std::string a;
  std::string b;
  bool a_present = false;
  bool b_present = false;
};

enum class AttachmentChange {
  kAdded,    // only in b
  kRemoved,  // only in a
  kChanged,  // same file name, different content
  kRenamed,  // same content (SHA-256), different file name
};

std::string_view AttachmentChangeName(AttachmentChange change);  // "added", "removed", ...

struct AttachmentSide {
  std::string filename;  // as decoded; "(unnamed <content type>)" for parts without a name
  std::string content_type;
  std::size_t size = 0;
  std::string sha256_hex;
};

struct AttachmentDifference {
  AttachmentChange change;
  AttachmentSide a;    // empty for kAdded
  AttachmentSide b;    // empty for kRemoved
  TextDiff text_diff;  // for kChanged when either side has extracted text
};

struct PaymentComparison {
  std::vector<payment::PaymentDetail> a;  // all details in a: body first, then attachments
  std::vector<payment::PaymentDetail> b;
  // Details (by kind + value) found in one message and nowhere in the other, each once.
  std::vector<payment::PaymentDetail> only_in_a;
  std::vector<payment::PaymentDetail> only_in_b;

  bool differs() const { return !only_in_a.empty() || !only_in_b.empty(); }
};

struct MessageComparison {
  std::vector<HeaderDifference> headers;  // in a fixed order: From, Sender, Reply-To, ...
  TextDiff body;                          // of the whole body text (quoted history included)
  std::vector<AttachmentDifference> attachments;
  PaymentComparison payment;

  bool identical() const {
    return headers.empty() && body.empty() && attachments.empty() && !payment.differs();
  }
};

// a is the message as sent, b as received. Compared headers: From, Sender, Reply-To, To, Cc,
// Return-Path, Subject, Date, Message-ID; address headers are compared by mailbox and display
// name, so quoting and folding differences do not count.
MessageComparison CompareMessages(const ParsedMessage& a, const ParsedMessage& b,
                                  const DiffLimits& limits = {});

// The payment details of one message: its body text (source "body") and every attachment's
// extracted text (source: the file name).
std::vector<payment::PaymentDetail> CollectPaymentDetails(const ParsedMessage& message);

}  // namespace becguard::forensics
