// What the organisation's own mail has taught becguard, as far as one message needs it: the
// read-only snapshot detectors see (LearnedContext), the keys the engine asks the store about
// (ContextQuery) and what is written back after the verdict (LearnRecord).
//
// Plain value types; a snapshot is taken in one read transaction, so it is consistent even
// while other processes learn. Thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context/trust.h"
#include "payment/payment_details.h"
#include "style/features.h"
#include "style/profile.h"

namespace becguard::context {

struct Correspondent {
  std::string address;  // lower-case
  std::string registrable_domain;
  std::vector<std::string> display_names;  // as seen, most frequent first (at most 8)
  std::int64_t first_seen = 0;             // unix seconds (message Date)
  std::int64_t last_seen = 0;
  std::int64_t messages_from = 0;  // messages this address sent that we saw
  std::int64_t messages_to = 0;    // messages addressed to it (To/Cc) that we saw
  // Of those, messages the organisation vouches for (LearnRecord::vouched): its own mail to or
  // from the address, and mail someone taught explicitly. See context/trust.h.
  std::int64_t vouched_messages = 0;
  // Wall-clock span over which the address was learned (LearnRecord::learned_at), unix seconds:
  // sightings an attacker sends in one afternoon do not add up to a long acquaintance.
  std::int64_t first_learned = 0;
  std::int64_t last_learned = 0;
};

// Mail from one registrable domain, counted like Correspondent.
struct DomainHistory {
  std::int64_t messages_from = 0;
  std::int64_t vouched_messages = 0;
  std::int64_t first_learned = 0;
  std::int64_t last_learned = 0;
};

struct ThreadInfo {
  std::string thread_id;           // Message-ID of the earliest known message of the thread
  std::string normalized_subject;  // without Re:/Fw:/返信: prefixes
  std::vector<std::string> participant_addresses;
  std::vector<std::string> participant_names;  // normalised display names
  std::int64_t first_seen = 0;
  std::int64_t last_seen = 0;
  std::int64_t messages = 0;
};

// A bank detail a counterparty used before.
struct KnownPayment {
  std::string counterparty_domain;  // registrable domain of the sender who used it
  std::string counterparty_address;
  payment::DetailKind kind;
  std::string value;  // canonical (see payment::PaymentDetail)
  std::string holder;
  std::int64_t first_seen = 0;
  std::int64_t last_seen = 0;
  std::int64_t times_seen = 0;
  std::int64_t times_vouched = 0;  // of times_seen, in vouched messages (context/trust.h)
  std::int64_t first_learned = 0;  // wall-clock span of learning, like Correspondent's
  std::int64_t last_learned = 0;
};

// A past message's fingerprint, for near-duplicate search.
struct MessageFingerprint {
  std::string message_id;
  std::string sender_address;
  std::string sender_domain;  // registrable
  std::string normalized_subject;
  std::uint64_t simhash = 0;  // 64-bit SimHash of the normalised new text + attachment text
  std::vector<std::string> payment_values;  // canonical values of its payment details
  std::int64_t date = 0;
};

// The keys of one message the store is asked about.
struct ContextQuery {
  std::vector<std::string> addresses;           // From, Reply-To, Sender, To, Cc, Return-Path
  std::vector<std::string> domains;             // their registrable domains
  std::vector<std::string> name_keys;           // text::NameKey of display names in From/To/Cc
  std::vector<std::string> thread_message_ids;  // In-Reply-To + References
  std::string normalized_subject;               // without reply prefixes
  // Counterparties whose payments matter; empty (nothing read) when the message carries no
  // payment details, because only payment_changed reads them and only for such a message.
  std::vector<std::string> payment_domains;
  std::uint64_t simhash = 0;
  // Writing style: the claimed sender's profile keys (StyleKeyForAddress / StyleKeyForPerson);
  // when any is given, up to style_impostors other senders' address profiles with at least
  // kStyleImpostorMinMessages messages, written in the same script, come back as impostors.
  std::vector<std::string> style_keys;
  int style_impostors = 0;
};

// Profiles with fewer messages are too noisy to stand for a writer. Fixed in the stores (the
// SQLite store indexes exactly this pool), not asked per query.
inline constexpr std::int64_t kStyleImpostorMinMessages = 20;

// Profile keys: one per address, and one per configured person (all their addresses).
std::string StyleKeyForAddress(std::string_view address);
std::string StyleKeyForPerson(std::string_view person_name);

// Impostor profiles are shared, read-only, between snapshots (store::ProfileCache).
using SharedStyleProfile = std::shared_ptr<const style::StyleProfile>;

// The snapshot detectors read. Missing keys mean "never seen".
struct LearnedContext {
  std::int64_t learned_messages = 0;  // 0: nothing learned yet; first-contact checks stay silent
  std::map<std::string, Correspondent> correspondents;             // by address
  std::map<std::string, DomainHistory> domains;                    // by registrable domain
  std::map<std::string, std::vector<std::string>> name_addresses;  // name key -> addresses used
  std::optional<ThreadInfo> thread;         // the known thread this message replies into
  std::vector<KnownPayment> payments;       // of payment_domains
  std::vector<MessageFingerprint> similar;  // candidates within a few SimHash bits
  std::map<std::string, SharedStyleProfile> style_profiles;  // by style key, of style_keys
  // Other senders' mature profiles, picked deterministically (by a hash order starting at the
  // claimed key), never the claimed sender's own.
  std::vector<SharedStyleProfile> style_impostors;
  // How much the detectors may believe what was learned from mail nobody vouched for. Set by
  // the engine from [store.trust], not by the store.
  TrustRules trust;
};

enum class Direction { kIncoming, kOutgoing, kInternal };

// What one message teaches: written after the verdict; a batch of records is written in order
// in one transaction.
struct LearnRecord {
  std::string message_id;
  std::int64_t date = 0;
  Direction direction = Direction::kIncoming;
  // The organisation vouches for this message: taught explicitly (`becguard learn`, a
  // confirmation) or its own authenticated mail. Only vouched mail makes a correspondent known
  // or bank details "on file" at once; other sightings count only slowly (context/trust.h).
  bool vouched = false;
  std::int64_t learned_at = 0;  // wall clock when learned, unix seconds
  std::string from_address;
  std::string from_domain;
  std::string from_name;                                        // display name as written
  std::vector<std::pair<std::string, std::string>> recipients;  // (address, display name)
  std::vector<std::string> references;  // In-Reply-To first, then References
  std::string normalized_subject;
  std::vector<payment::PaymentDetail> payments;
  std::uint64_t simhash = 0;
  // The sender's writing style (empty: nothing of their own text) and the profile keys it
  // teaches (the From address, and the configured person owning it).
  style::StyleSample style;
  std::vector<std::string> style_keys;
};

}  // namespace becguard::context
