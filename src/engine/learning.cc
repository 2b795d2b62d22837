#include "engine/learning.h"

#include <algorithm>

#include "payment/payment_details.h"
#include "text/normalize.h"
#include "text/simhash.h"
#include "text/thread_subject.h"

namespace becguard::engine {
namespace {

void AddUnique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

// Every address of the message that names a party of the conversation.
std::vector<const Address*> Parties(const ParsedMessage& message) {
  std::vector<const Address*> parties;
  for (const auto* list : {&message.from, &message.reply_to, &message.to, &message.cc}) {
    for (const Address& a : *list) parties.push_back(&a);
  }
  if (message.sender) parties.push_back(&*message.sender);
  if (message.return_path) parties.push_back(&*message.return_path);
  return parties;
}

}  // namespace

detectors::MessageFeatures ComputeFeatures(const ParsedMessage& message) {
  detectors::MessageFeatures features;
  features.payments = payment::ExtractPaymentDetails(message.new_text, "body");
  std::string fingerprint_text = message.normalized_new_text;
  for (const Attachment& attachment : message.attachments) {
    if (attachment.text.empty()) continue;
    const std::string source =
        attachment.filename.empty() ? attachment.content_type : attachment.filename;
    for (payment::PaymentDetail& detail : payment::ExtractPaymentDetails(attachment.text, source)) {
      const bool seen = std::any_of(features.payments.begin(), features.payments.end(),
                                    [&](const payment::PaymentDetail& d) {
                                      return d.kind == detail.kind && d.value == detail.value;
                                    });
      if (!seen) features.payments.push_back(std::move(detail));
    }
    fingerprint_text += ' ';
    fingerprint_text += text::Normalize(attachment.text);
  }
  features.simhash = text::SimHash(fingerprint_text);
  return features;
}

context::ContextQuery BuildQuery(const ParsedMessage& message,
                                 const detectors::MessageFeatures& features,
                                 const domain::LookalikeMatcher& lookalikes) {
  context::ContextQuery query;
  for (const Address* a : Parties(message)) {
    AddUnique(query.addresses, a->address);
    AddUnique(query.domains, a->registrable_domain);
    AddUnique(query.payment_domains, a->registrable_domain);
    if (!a->domain.empty()) {
      if (auto imitated = lookalikes.Match(a->domain)) {
        AddUnique(query.payment_domains, imitated->imitated);
      }
    }
  }
  for (const auto* list : {&message.from, &message.to, &message.cc}) {
    for (const Address& a : *list) AddUnique(query.name_keys, text::NameKey(a.display_name));
  }
  AddUnique(query.thread_message_ids, message.in_reply_to);
  for (const std::string& id : message.references) AddUnique(query.thread_message_ids, id);
  query.normalized_subject = text::NormalizeThreadSubject(message.normalized_subject);
  query.simhash = features.simhash;
  return query;
}

context::LearnRecord BuildLearnRecord(const ParsedMessage& message,
                                      const detectors::MessageFeatures& features,
                                      const context::OrgDirectory& org) {
  context::LearnRecord record;
  record.message_id = message.message_id;
  record.date = message.date_unix.value_or(0);
  if (const Address* from = message.header_from()) {
    record.from_address = from->address;
    record.from_domain = from->registrable_domain;
    record.from_name = from->display_name;
  }
  bool all_internal = !message.to.empty() || !message.cc.empty();
  for (const auto* list : {&message.to, &message.cc}) {
    for (const Address& a : *list) {
      if (a.address.empty()) continue;
      record.recipients.emplace_back(a.address, a.display_name);
      all_internal = all_internal && org.IsOrgDomain(a.registrable_domain);
    }
  }
  const bool outgoing = org.IsOrgDomain(record.from_domain);
  record.direction = !outgoing      ? context::Direction::kIncoming
                     : all_internal ? context::Direction::kInternal
                                    : context::Direction::kOutgoing;
  if (!message.in_reply_to.empty()) record.references.push_back(message.in_reply_to);
  for (const std::string& id : message.references) AddUnique(record.references, id);
  record.normalized_subject = text::NormalizeThreadSubject(message.normalized_subject);
  record.payments = features.payments;
  record.simhash = features.simhash;
  return record;
}

}  // namespace becguard::engine
