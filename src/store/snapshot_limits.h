// How much of its history a snapshot carries, the same for every backend (the store contract
// suite checks them alike). Each bound keeps what the detectors need most: the most used names
// and addresses, the first participants of a thread, a counterparty's most recent bank details
// and the newest near-duplicate candidates. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "context/learned_context.h"

namespace becguard::store {

// Display names of one address, most used first.
inline constexpr std::int64_t kMaxDisplayNames = 8;
// Addresses that wore one display name, most used first: a stranger wearing a known name is
// told apart from the name's real owners by the most frequent ones.
inline constexpr std::int64_t kMaxNameAddresses = 16;
// Distinct participants (addresses, names) of a thread, first seen first; read from its first
// kMaxThreadParticipantRows participant rows. A hijacker is new to the thread either way.
inline constexpr std::int64_t kMaxThreadParticipants = 64;
inline constexpr std::int64_t kMaxThreadParticipantRows = 512;
// Bank details over all asked counterparties, most recently used first.
inline constexpr std::int64_t kMaxPayments = 200;
// Near-duplicate candidates, newest first (per band and subject lookup, then merged).
inline constexpr std::int64_t kMaxSimilar = 50;

// Sorts by last_seen (newest first; ties by domain, address, kind, value) and keeps
// kMaxPayments.
void KeepRecentPayments(std::vector<context::KnownPayment>& payments);

// Drops repeated message ids, sorts newest first (ties by message id) and keeps kMaxSimilar.
void KeepNewestSimilar(std::vector<context::MessageFingerprint>& similar);

// A fingerprint's payment values as stored: newline-separated (canonical values have none).
std::string JoinPaymentValues(const std::vector<std::string>& values);
std::vector<std::string> SplitPaymentValues(std::string_view joined);

}  // namespace becguard::store
