#include "engine/learning.h"

#include <algorithm>

#include "payment/payment_details.h"
#include "style/features.h"
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

detectors::MessageFeatures ComputeFeatures(const ParsedMessage& message, bool with_style) {
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
  if (with_style) AddStyleSample(message, features);
  return features;
}

void AddStyleSample(const ParsedMessage& message, detectors::MessageFeatures& features) {
  features.style = style::ExtractMessageStyle(message.new_text);
}

std::vector<std::string> StyleKeys(const ParsedMessage& message, const context::OrgDirectory& org,
                                   bool all_addresses) {
  std::vector<std::string> keys;
  const Address* from = message.header_from();
  if (from == nullptr || from->address.empty()) return keys;
  keys.push_back(context::StyleKeyForAddress(from->address));
  for (const context::KnownPerson& known : org.FindByAddress(from->address)) {
    AddUnique(keys, context::StyleKeyForPerson(known.person->name));
    if (!all_addresses) continue;
    for (const std::string& address : known.person->addresses) {
      AddUnique(keys, context::StyleKeyForAddress(text::Normalize(address)));
    }
  }
  return keys;
}

context::ContextQuery BuildQuery(const ParsedMessage& message,
                                 const detectors::MessageFeatures& features,
                                 const domain::LookalikeMatcher& lookalikes,
                                 const context::OrgDirectory* org) {
  context::ContextQuery query;
  // Bank details of counterparties are read only for a message that carries some: nothing else
  // compares with them (payment_changed), and they are the largest part of a snapshot.
  const bool with_payments = !features.payments.empty();
  for (const Address* a : Parties(message)) {
    AddUnique(query.addresses, a->address);
    AddUnique(query.domains, a->registrable_domain);
    if (!with_payments) continue;
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
  if (org != nullptr && !message.new_text.empty()) {
    query.style_keys = StyleKeys(message, *org, true);
    query.style_impostors = kStyleImpostors;
  }
  return query;
}

context::LearnRecord BuildLearnRecord(const ParsedMessage& message,
                                      const detectors::MessageFeatures& features,
                                      const context::OrgDirectory& org, LearnSource source,
                                      std::int64_t learned_at) {
  context::LearnRecord record;
  record.learned_at = learned_at;
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
  // DMARC pass: the From domain (ours, since outgoing) authenticated, aligned.
  record.vouched = source == LearnSource::kTaught || (outgoing && features.auth.DmarcPass());
  if (!message.in_reply_to.empty()) record.references.push_back(message.in_reply_to);
  for (const std::string& id : message.references) AddUnique(record.references, id);
  record.normalized_subject = text::NormalizeThreadSubject(message.normalized_subject);
  record.payments = features.payments;
  record.simhash = features.simhash;
  record.style = features.style;
  if (!record.style.empty()) record.style_keys = StyleKeys(message, org, false);
  return record;
}

}  // namespace becguard::engine
