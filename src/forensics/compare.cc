#include "forensics/compare.h"

#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace becguard::forensics {
namespace {

std::string FormatAddress(const Address& address) {
  const std::string& mailbox =
      address.address.empty()
          ? address.local_part + (address.domain.empty() ? "" : "@") + address.domain
          : address.address;
  if (address.display_name.empty()) return "<" + mailbox + ">";
  return "\"" + address.display_name + "\" <" + mailbox + ">";
}

std::string FormatAddresses(const std::vector<Address>& addresses) {
  std::string out;
  for (const Address& address : addresses) {
    if (!out.empty()) out += ", ";
    out += FormatAddress(address);
  }
  return out;
}

struct HeaderValue {
  std::string value;
  bool present = false;
};

HeaderValue RawHeader(const ParsedMessage& message, std::string_view name) {
  const Header* header = message.FindHeader(name);
  if (header == nullptr) return {};
  return {header->value, true};
}

// Parsed address lists are compared (not the raw text) so that only a change of mailbox or
// display name counts; the header's presence comes from the raw header list.
HeaderValue AddressHeader(const ParsedMessage& message, std::string_view name,
                          const std::vector<Address>& parsed) {
  HeaderValue raw = RawHeader(message, name);
  if (!raw.present) return {};
  if (parsed.empty()) return raw;  // unparsable: show what was written
  return {FormatAddresses(parsed), true};
}

void CompareHeader(std::string_view name, HeaderValue a, HeaderValue b,
                   std::vector<HeaderDifference>& out) {
  if (a.present == b.present && a.value == b.value) return;
  out.push_back({std::string(name), std::move(a.value), std::move(b.value), a.present, b.present});
}

std::vector<Address> Single(const std::optional<Address>& address) {
  if (!address) return {};
  return {*address};
}

std::vector<HeaderDifference> CompareHeaders(const ParsedMessage& a, const ParsedMessage& b) {
  std::vector<HeaderDifference> out;
  CompareHeader("From", AddressHeader(a, "From", a.from), AddressHeader(b, "From", b.from), out);
  CompareHeader("Sender", AddressHeader(a, "Sender", Single(a.sender)),
                AddressHeader(b, "Sender", Single(b.sender)), out);
  CompareHeader("Reply-To", AddressHeader(a, "Reply-To", a.reply_to),
                AddressHeader(b, "Reply-To", b.reply_to), out);
  CompareHeader("To", AddressHeader(a, "To", a.to), AddressHeader(b, "To", b.to), out);
  CompareHeader("Cc", AddressHeader(a, "Cc", a.cc), AddressHeader(b, "Cc", b.cc), out);
  CompareHeader("Return-Path", AddressHeader(a, "Return-Path", Single(a.return_path)),
                AddressHeader(b, "Return-Path", Single(b.return_path)), out);
  auto subject = [](const ParsedMessage& m) {
    HeaderValue raw = RawHeader(m, "Subject");
    return raw.present ? HeaderValue{m.subject, true} : raw;
  };
  CompareHeader("Subject", subject(a), subject(b), out);
  CompareHeader("Date", RawHeader(a, "Date"), RawHeader(b, "Date"), out);
  auto message_id = [](const ParsedMessage& m) {
    HeaderValue raw = RawHeader(m, "Message-ID");
    return raw.present && !m.message_id.empty() ? HeaderValue{m.message_id, true} : raw;
  };
  CompareHeader("Message-ID", message_id(a), message_id(b), out);
  return out;
}

AttachmentSide Side(const Attachment& attachment) {
  AttachmentSide side;
  side.filename = attachment.filename.empty() ? "(unnamed " + attachment.content_type + ")"
                                              : attachment.filename;
  side.content_type = attachment.content_type;
  side.size = attachment.size;
  side.sha256_hex = attachment.sha256_hex;
  return side;
}

std::vector<AttachmentDifference> CompareAttachments(const ParsedMessage& a, const ParsedMessage& b,
                                                     const DiffLimits& limits) {
  const std::vector<Attachment>& as = a.attachments;
  const std::vector<Attachment>& bs = b.attachments;
  std::vector<std::optional<std::size_t>> match(as.size());  // a index -> b index
  std::vector<bool> b_used(bs.size(), false);
  // Pass 1: same file name (the usual case: the same invoice, maybe altered). Pass 2: same
  // content under another name.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < as.size(); ++i) {
      if (match[i]) continue;
      for (std::size_t j = 0; j < bs.size(); ++j) {
        if (b_used[j]) continue;
        const bool same = pass == 0
                              ? !as[i].filename.empty() && as[i].filename == bs[j].filename
                              : !as[i].sha256_hex.empty() && as[i].sha256_hex == bs[j].sha256_hex;
        if (!same) continue;
        match[i] = j;
        b_used[j] = true;
        break;
      }
    }
  }

  std::vector<AttachmentDifference> out;
  for (std::size_t i = 0; i < as.size(); ++i) {
    if (!match[i]) {
      out.push_back({AttachmentChange::kRemoved, Side(as[i]), {}, {}});
      continue;
    }
    const Attachment& other = bs[*match[i]];
    if (as[i].sha256_hex != other.sha256_hex) {
      AttachmentDifference diff{AttachmentChange::kChanged, Side(as[i]), Side(other), {}};
      const bool both_text = !as[i].text.empty() && !other.text.empty();
      if (!as[i].text.empty() || !other.text.empty()) {
        diff.text_diff = DiffText(as[i].text, other.text, limits);
      }
      // Text parts are re-encoded in transit (CRLF, trailing blanks), which changes the hash but
      // not the text: only a change an analyst could see counts.
      if (both_text && as[i].content_type == other.content_type && diff.text_diff.empty() &&
          !diff.text_diff.truncated) {
        continue;
      }
      out.push_back(std::move(diff));
    } else if (as[i].filename != other.filename) {
      out.push_back({AttachmentChange::kRenamed, Side(as[i]), Side(other), {}});
    }
  }
  for (std::size_t j = 0; j < bs.size(); ++j) {
    if (!b_used[j]) out.push_back({AttachmentChange::kAdded, {}, Side(bs[j]), {}});
  }
  return out;
}

using DetailKey = std::pair<payment::DetailKind, std::string>;

std::set<DetailKey> Keys(const std::vector<payment::PaymentDetail>& details) {
  std::set<DetailKey> keys;
  for (const payment::PaymentDetail& detail : details) keys.emplace(detail.kind, detail.value);
  return keys;
}

std::vector<payment::PaymentDetail> OnlyIn(const std::vector<payment::PaymentDetail>& details,
                                           const std::set<DetailKey>& other) {
  std::vector<payment::PaymentDetail> out;
  std::set<DetailKey> seen;
  for (const payment::PaymentDetail& detail : details) {
    DetailKey key{detail.kind, detail.value};
    if (other.count(key) != 0 || !seen.insert(key).second) continue;
    out.push_back(detail);
  }
  return out;
}

}  // namespace

std::string_view AttachmentChangeName(AttachmentChange change) {
  switch (change) {
    case AttachmentChange::kAdded:
      return "added";
    case AttachmentChange::kRemoved:
      return "removed";
    case AttachmentChange::kChanged:
      return "changed";
    case AttachmentChange::kRenamed:
      return "renamed";
  }
  return "unknown";
}

std::vector<payment::PaymentDetail> CollectPaymentDetails(const ParsedMessage& message) {
  std::vector<payment::PaymentDetail> details =
      payment::ExtractPaymentDetails(message.body_text, "body");
  for (const Attachment& attachment : message.attachments) {
    if (attachment.text.empty()) continue;
    std::vector<payment::PaymentDetail> found =
        payment::ExtractPaymentDetails(attachment.text, Side(attachment).filename);
    details.insert(details.end(), std::make_move_iterator(found.begin()),
                   std::make_move_iterator(found.end()));
  }
  return details;
}

MessageComparison CompareMessages(const ParsedMessage& a, const ParsedMessage& b,
                                  const DiffLimits& limits) {
  MessageComparison comparison;
  comparison.headers = CompareHeaders(a, b);
  comparison.body = DiffText(a.body_text, b.body_text, limits);
  comparison.attachments = CompareAttachments(a, b, limits);
  comparison.payment.a = CollectPaymentDetails(a);
  comparison.payment.b = CollectPaymentDetails(b);
  comparison.payment.only_in_a = OnlyIn(comparison.payment.a, Keys(comparison.payment.b));
  comparison.payment.only_in_b = OnlyIn(comparison.payment.b, Keys(comparison.payment.a));
  return comparison;
}

}  // namespace becguard::forensics
