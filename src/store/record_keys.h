// Keys both store backends derive from a LearnRecord in the same way, so that the in-memory and
// SQLite stores answer identically: the message key (Message-ID or a synthetic one), the
// domain part of an address, display-name keys and the SimHash bands used for near-duplicate
// lookup. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "context/learned_context.h"

namespace becguard::store {

// The Message-ID, or for mail without one "<synthetic-HEX@becguard>" from a stable 64-bit
// FNV-1a hash of date, sender and subject (stable across processes and builds, unlike
// std::hash), so re-learning the same mailbox stays idempotent.
std::string MessageKey(const context::LearnRecord& record);

// The part after the last '@' (lower-case addresses are the caller's contract). Recipients'
// registrable domains are not in a LearnRecord; this is the stand-in until they send.
std::string AddressDomain(std::string_view address);

// The sender's registrable domain: record.from_domain, else the address's domain part.
std::string SenderDomain(const context::LearnRecord& record);

// Recipients without empty addresses, each address once (first display name kept), so
// messages_to counts messages, not header occurrences.
std::vector<std::pair<std::string, std::string>> UniqueRecipients(
    const context::LearnRecord& record);

// Payment details of the record, each (kind, value) once: times_seen counts messages.
std::vector<payment::PaymentDetail> UniquePayments(const context::LearnRecord& record);

// The four 16-bit bands of a SimHash, low bits first. Two hashes within 3 bits of each other
// share at least one band (pigeonhole), so a band match finds every candidate that close.
std::array<std::uint16_t, 4> SimHashBands(std::uint64_t simhash);

// Stable text codes of payment kinds for persistent storage ("iban", ...), independent of the
// enum's order.
std::string_view PaymentKindCode(payment::DetailKind kind);
bool PaymentKindFromCode(std::string_view code, payment::DetailKind* kind);

}  // namespace becguard::store
