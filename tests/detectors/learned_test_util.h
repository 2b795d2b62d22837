// Builders for hand-made learned-store snapshots in detector tests: a LearnedContext with
// enough history, correspondents, threads, known payments and fingerprints.
// Not thread-safe; one per test.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "context/learned_context.h"
#include "domain/domain_tools.h"
#include "payment/payment_details.h"
#include "text/normalize.h"

namespace becguard::detectors::testing {

inline constexpr std::int64_t kJan2025 = 1735776000;  // 2025-01-02T00:00:00Z

inline std::string DomainPart(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

// A snapshot of a store that has learned `messages` messages and nothing about this one.
inline context::LearnedContext Learned(std::int64_t messages = 500) {
  context::LearnedContext learned;
  learned.learned_messages = messages;
  return learned;
}

// Records mail from (and, when `to` > 0, to) an address, its domain and its display name; all
// of it vouched for (taught history) unless `vouched` is false.
inline void AddCorrespondent(context::LearnedContext& learned, std::string address,
                             std::string display_name = {}, std::int64_t from = 5,
                             std::int64_t to = 3, bool vouched = true) {
  context::Correspondent c;
  c.address = address;
  c.registrable_domain = domain::RegistrableDomain(DomainPart(address));
  if (!display_name.empty()) c.display_names.push_back(display_name);
  c.first_seen = kJan2025;
  c.last_seen = kJan2025 + 86400 * 90;
  c.messages_from = from;
  c.messages_to = to;
  if (vouched) c.vouched_messages = from + to;
  context::DomainHistory& domain = learned.domains[c.registrable_domain];
  domain.messages_from += from;
  if (vouched) domain.vouched_messages += from;
  if (!display_name.empty()) learned.name_addresses[text::NameKey(display_name)].push_back(address);
  learned.correspondents[address] = std::move(c);
}

inline context::ThreadInfo Thread(std::string subject,
                                  std::vector<std::string> participant_addresses,
                                  std::vector<std::string> participant_names) {
  context::ThreadInfo t;
  t.thread_id = "thread-1@example";
  t.normalized_subject = std::move(subject);
  t.participant_addresses = std::move(participant_addresses);
  for (std::string& n : participant_names) n = text::Normalize(n);
  t.participant_names = std::move(participant_names);
  t.first_seen = kJan2025;
  t.last_seen = kJan2025 + 86400 * 30;
  t.messages = 4;
  return t;
}

// A bank detail used `times` times, vouched for (on file) unless `vouched` is false.
inline context::KnownPayment Known(std::string address, payment::DetailKind kind, std::string value,
                                   std::int64_t times = 3, bool vouched = true) {
  context::KnownPayment p;
  p.counterparty_address = address;
  p.counterparty_domain = domain::RegistrableDomain(DomainPart(address));
  p.kind = kind;
  p.value = std::move(value);
  p.first_seen = kJan2025;
  p.last_seen = kJan2025 + 86400 * 60;
  p.times_seen = times;
  if (vouched) p.times_vouched = times;
  return p;
}

inline payment::PaymentDetail Detail(payment::DetailKind kind, std::string value,
                                     std::string source = "body") {
  payment::PaymentDetail d;
  d.kind = kind;
  d.value = std::move(value);
  d.source = std::move(source);
  return d;
}

inline context::MessageFingerprint Fingerprint(std::string message_id, std::string sender,
                                               std::uint64_t simhash,
                                               std::vector<std::string> payment_values = {}) {
  context::MessageFingerprint fp;
  fp.message_id = std::move(message_id);
  fp.sender_address = sender;
  fp.sender_domain = domain::RegistrableDomain(DomainPart(sender));
  fp.simhash = simhash;
  fp.payment_values = std::move(payment_values);
  fp.date = kJan2025;
  return fp;
}

}  // namespace becguard::detectors::testing
