#include "store/postgres/learn_writer.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "store/postgres/sql_arrays.h"
#include "store/postgres/style_rows.h"
#include "store/record_keys.h"
#include "store/snapshot_limits.h"
#include "text/normalize.h"

namespace becguard::store::postgres {
namespace {

using Record = context::LearnRecord;

// First and last sighting (message date, or learned_at) folded over several sightings the way
// one upsert per sighting folds them: 0 is unknown and never moves the first. The upserts below
// merge a batch's (first, last) into a row's by the same rule (earliest_known, see schema.cc).
struct Seen {
  std::int64_t first = 0;
  std::int64_t last = 0;
  bool any = false;
  void Add(std::int64_t date) {
    if (date != 0) first = first == 0 ? date : std::min(first, date);
    last = any ? std::max(last, date) : date;
    any = true;
  }
  void AppendTo(ArrayLiteral& first_column, ArrayLiteral& last_column) const {
    first_column.Int(first);
    last_column.Int(last);
  }
};

constexpr Sql kInsertMessages{"learn_messages", R"sql(
INSERT INTO messages (message_id, date, direction, from_address)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::text[])
ON CONFLICT (message_id) DO NOTHING
RETURNING message_id)sql"};

// Claims the thread_messages row of every id (sorted, each once) whose thread the batch looks
// up: an existing row is locked and its newest committed thread returned, a missing one is
// inserted with the placeholder thread '' (a concurrent insert of the same id waits for ours).
// Row locks, unlike advisory locks, take no room in the server's shared lock table, however
// many References a batch carries.
constexpr Sql kClaimThreadIds{"learn_claim_thread_ids", R"sql(
INSERT INTO thread_messages AS m (message_id, thread_id)
SELECT id, '' FROM unnest($1::text[]) AS id
ON CONFLICT (message_id) DO UPDATE SET thread_id = m.thread_id
RETURNING message_id, thread_id)sql"};

// The claimed placeholders get their threads.
constexpr Sql kSetThreads{"learn_set_threads", R"sql(
UPDATE thread_messages AS m SET thread_id = u.thread_id
FROM unnest($1::text[], $2::text[]) AS u(message_id, thread_id)
WHERE m.message_id = u.message_id)sql"};

constexpr Sql kUpsertThreads{"learn_threads", R"sql(
INSERT INTO threads AS t (thread_id, normalized_subject, first_seen, last_seen, messages)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
ON CONFLICT (thread_id) DO UPDATE SET
  normalized_subject = CASE WHEN t.normalized_subject = '' THEN EXCLUDED.normalized_subject
                            ELSE t.normalized_subject END,
  first_seen = earliest_known(t.first_seen, EXCLUDED.first_seen),
  last_seen = greatest(t.last_seen, EXCLUDED.last_seen),
  messages = t.messages + EXCLUDED.messages)sql"};

constexpr Sql kInsertParticipants{"learn_participants", R"sql(
INSERT INTO thread_participants (thread_id, address, name)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
ON CONFLICT (thread_id, address, name) DO NOTHING)sql"};

// EXCLUDED.registrable_domain is the batch's last sender domain, else its first sighting's.
constexpr Sql kUpsertCorrespondents{"learn_correspondents", R"sql(
INSERT INTO correspondents AS c (address, registrable_domain, first_seen, last_seen,
                                 messages_from, messages_to, vouched_messages, first_learned,
                                 last_learned)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[],
                     $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
ON CONFLICT (address) DO UPDATE SET
  registrable_domain = CASE WHEN EXCLUDED.messages_from > 0 AND EXCLUDED.registrable_domain <> ''
                            THEN EXCLUDED.registrable_domain ELSE c.registrable_domain END,
  first_seen = earliest_known(c.first_seen, EXCLUDED.first_seen),
  last_seen = greatest(c.last_seen, EXCLUDED.last_seen),
  messages_from = c.messages_from + EXCLUDED.messages_from,
  messages_to = c.messages_to + EXCLUDED.messages_to,
  vouched_messages = c.vouched_messages + EXCLUDED.vouched_messages,
  first_learned = earliest_known(c.first_learned, EXCLUDED.first_learned),
  last_learned = greatest(c.last_learned, EXCLUDED.last_learned))sql"};

constexpr Sql kUpsertNames{"learn_display_names", R"sql(
INSERT INTO display_names AS d (address, name, name_key, count)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
ON CONFLICT (address, name) DO UPDATE SET count = d.count + EXCLUDED.count)sql"};

constexpr Sql kUpsertNameAddresses{"learn_name_addresses", R"sql(
INSERT INTO name_addresses AS n (name_key, address, count)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
ON CONFLICT (name_key, address) DO UPDATE SET count = n.count + EXCLUDED.count)sql"};

constexpr Sql kUpsertDomains{"learn_domains", R"sql(
INSERT INTO domains AS d (registrable_domain, messages_from, vouched_messages, first_learned,
                         last_learned)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[])
ON CONFLICT (registrable_domain) DO UPDATE SET
  messages_from = d.messages_from + EXCLUDED.messages_from,
  vouched_messages = d.vouched_messages + EXCLUDED.vouched_messages,
  first_learned = earliest_known(d.first_learned, EXCLUDED.first_learned),
  last_learned = greatest(d.last_learned, EXCLUDED.last_learned))sql"};

constexpr Sql kUpsertPayments{"learn_payments", R"sql(
INSERT INTO payments AS p (counterparty_domain, counterparty_address, kind, value, holder,
                           first_seen, last_seen, times_seen, times_vouched, first_learned,
                           last_learned)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                     $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])
ON CONFLICT (counterparty_domain, counterparty_address, kind, value) DO UPDATE SET
  holder = CASE WHEN EXCLUDED.holder <> '' THEN EXCLUDED.holder ELSE p.holder END,
  first_seen = earliest_known(p.first_seen, EXCLUDED.first_seen),
  last_seen = greatest(p.last_seen, EXCLUDED.last_seen),
  times_seen = p.times_seen + EXCLUDED.times_seen,
  times_vouched = p.times_vouched + EXCLUDED.times_vouched,
  first_learned = earliest_known(p.first_learned, EXCLUDED.first_learned),
  last_learned = greatest(p.last_learned, EXCLUDED.last_learned))sql"};

constexpr Sql kInsertFingerprints{"learn_fingerprints", R"sql(
INSERT INTO fingerprints (message_id, sender_address, sender_domain, normalized_subject, simhash,
                          band0, band1, band2, band3, payment_values, date)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::int[],
                     $7::int[], $8::int[], $9::int[], $10::text[], $11::bigint[])
ON CONFLICT (message_id) DO NOTHING)sql"};

constexpr Sql kAddCount{"learn_count", R"sql(
INSERT INTO message_counts AS m (shard, value) VALUES (pg_backend_pid() % 16, $1)
ON CONFLICT (shard) DO UPDATE SET value = m.value + EXCLUDED.value)sql"};

// A record not learned before, with its message key.
struct Fresh {
  const Record* record;
  std::string key;
};

// Inserts the batch's message keys (sorted, each once) and returns the records that were new,
// in batch order.
std::vector<Fresh> InsertMessages(Tx& tx, std::span<const Record> records) {
  std::map<std::string, const Record*> first_of;  // sorted: the lock order
  std::vector<Fresh> candidates;
  for (const Record& record : records) {
    std::string key = MessageKey(record);
    if (first_of.emplace(key, &record).second) candidates.push_back({&record, std::move(key)});
  }
  std::array<ArrayLiteral, 4> columns;
  for (const auto& [key, record] : first_of) {
    columns[0].Text(key);
    columns[1].Int(record->date);
    columns[2].Int(static_cast<std::int64_t>(record->direction));
    columns[3].Text(record->from_address);
  }
  std::set<std::string, std::less<>> inserted;
  for (const auto& row : ExecColumns(tx, kInsertMessages, columns)) {
    inserted.insert(row[0].as<std::string>());
  }
  std::erase_if(candidates, [&](const Fresh& fresh) { return !inserted.contains(fresh.key); });
  return candidates;
}

void LearnThreads(Tx& tx, const std::vector<Fresh>& fresh) {
  std::set<std::string> claimed;  // sorted: the lock order
  for (const Fresh& item : fresh) {
    claimed.insert(item.key);
    for (const auto& reference : item.record->references) {
      if (!reference.empty()) claimed.insert(reference);
    }
  }
  ArrayLiteral ids;
  for (const std::string& id : claimed) ids.Text(id);
  std::map<std::string, std::string, std::less<>> thread_of;  // message id -> thread
  for (const auto& row : tx.Exec(kClaimThreadIds, ids.str())) {
    if (std::string thread = row[1].as<std::string>(); !thread.empty()) {
      thread_of.emplace(row[0].as<std::string>(), std::move(thread));
    }
  }

  struct ThreadChange {
    std::string subject;  // the first non-empty one
    Seen seen;
    std::int64_t messages = 0;
  };
  std::map<std::string, ThreadChange> threads;
  std::map<std::string, std::string> members;  // placeholders and their threads, sorted
  std::set<std::tuple<std::string, std::string, std::string>> seen_participants;
  std::array<ArrayLiteral, 3> participants;  // in first-seen order
  for (const Fresh& item : fresh) {
    const Record& record = *item.record;
    std::string thread = item.key;
    if (auto own = thread_of.find(item.key); own != thread_of.end()) {
      thread = own->second;
    } else {
      for (const auto& reference : record.references) {
        if (auto found = thread_of.find(reference); found != thread_of.end()) {
          thread = found->second;
          break;
        }
      }
    }
    ThreadChange& change = threads[thread];
    if (change.subject.empty()) change.subject = record.normalized_subject;
    change.seen.Add(record.date);
    ++change.messages;
    auto join = [&](const std::string& id) {
      if (!id.empty() && thread_of.emplace(id, thread).second) members.emplace(id, thread);
    };
    join(item.key);
    for (const auto& reference : record.references) join(reference);
    auto participate = [&](const std::string& address, const std::string& name) {
      std::string normalized = text::Normalize(name);
      if (!seen_participants.emplace(thread, address, normalized).second) return;
      participants[0].Text(thread);
      participants[1].Text(address);
      participants[2].Text(normalized);
    };
    if (!record.from_address.empty()) participate(record.from_address, record.from_name);
    for (const auto& [address, name] : UniqueRecipients(record)) participate(address, name);
  }

  std::array<ArrayLiteral, 2> member_columns;
  for (const auto& [id, thread] : members) {
    member_columns[0].Text(id);
    member_columns[1].Text(thread);
  }
  if (member_columns[0].size() > 0) ExecColumns(tx, kSetThreads, member_columns);
  std::array<ArrayLiteral, 5> thread_columns;
  for (const auto& [thread, change] : threads) {
    thread_columns[0].Text(thread);
    thread_columns[1].Text(change.subject);
    change.seen.AppendTo(thread_columns[2], thread_columns[3]);
    thread_columns[4].Int(change.messages);
  }
  if (thread_columns[0].size() > 0) ExecColumns(tx, kUpsertThreads, thread_columns);
  if (participants[0].size() > 0) ExecColumns(tx, kInsertParticipants, participants);
}

// Per-key counts in first-seen order: the first sighting gets the lowest id, which breaks ties
// between equal counts like SQLite's rowid.
template <typename Key>
class Counts {
 public:
  void Add(const Key& key, std::int64_t n = 1) {
    auto [it, added] = counts_.try_emplace(key, 0);
    if (added) order_.push_back(key);
    it->second += n;
  }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Key& key : order_) fn(key, counts_.at(key));
  }

 private:
  std::map<Key, std::int64_t> counts_;
  std::vector<Key> order_;
};

void LearnCorrespondents(Tx& tx, const std::vector<Fresh>& fresh) {
  struct Change {
    std::string domain;
    Seen seen;
    Seen learned;
    std::int64_t from = 0;
    std::int64_t to = 0;
    std::int64_t vouched = 0;
  };
  std::map<std::string, Change> changes;                    // sorted: the lock order
  Counts<std::pair<std::string, std::string>> names;        // (address, name)
  Counts<std::pair<std::string, std::string>> name_owners;  // (name key, address)
  struct DomainChange {
    std::int64_t messages = 0;
    std::int64_t vouched = 0;
    Seen learned;
  };
  std::map<std::string, DomainChange> domains;
  auto touch = [&](const std::string& address, const std::string& domain, const std::string& name,
                   const Record& record, bool is_sender) {
    auto [it, created] = changes.try_emplace(address);
    Change& change = it->second;
    if (created || (is_sender && !domain.empty())) change.domain = domain;
    change.seen.Add(record.date);
    change.learned.Add(record.learned_at);
    ++(is_sender ? change.from : change.to);
    if (record.vouched) ++change.vouched;
    if (name.empty()) return;
    names.Add({address, name});
    if (std::string key = text::NameKey(name); !key.empty()) name_owners.Add({key, address});
  };
  for (const Fresh& item : fresh) {
    const Record& record = *item.record;
    const std::string sender_domain = SenderDomain(record);
    if (!record.from_address.empty()) {
      touch(record.from_address, sender_domain, record.from_name, record, true);
    }
    for (const auto& [address, name] : UniqueRecipients(record)) {
      touch(address, AddressDomain(address), name, record, false);
    }
    if (sender_domain.empty()) continue;
    DomainChange& domain = domains[sender_domain];
    ++domain.messages;
    if (record.vouched) ++domain.vouched;
    domain.learned.Add(record.learned_at);
  }

  std::array<ArrayLiteral, 9> columns;
  for (const auto& [address, change] : changes) {
    columns[0].Text(address);
    columns[1].Text(change.domain);
    change.seen.AppendTo(columns[2], columns[3]);
    columns[4].Int(change.from);
    columns[5].Int(change.to);
    columns[6].Int(change.vouched);
    change.learned.AppendTo(columns[7], columns[8]);
  }
  if (columns[0].size() > 0) ExecColumns(tx, kUpsertCorrespondents, columns);
  // Display names and name owners ride on their address's correspondent row lock.
  std::array<ArrayLiteral, 4> name_columns;
  names.ForEach([&](const auto& key, std::int64_t count) {
    name_columns[0].Text(key.first);
    name_columns[1].Text(key.second);
    name_columns[2].Text(text::NameKey(key.second));
    name_columns[3].Int(count);
  });
  if (name_columns[0].size() > 0) ExecColumns(tx, kUpsertNames, name_columns);
  std::array<ArrayLiteral, 3> owner_columns;
  name_owners.ForEach([&](const auto& key, std::int64_t count) {
    owner_columns[0].Text(key.first);
    owner_columns[1].Text(key.second);
    owner_columns[2].Int(count);
  });
  if (owner_columns[0].size() > 0) ExecColumns(tx, kUpsertNameAddresses, owner_columns);
  std::array<ArrayLiteral, 5> domain_columns;
  for (const auto& [domain, change] : domains) {
    domain_columns[0].Text(domain);
    domain_columns[1].Int(change.messages);
    domain_columns[2].Int(change.vouched);
    change.learned.AppendTo(domain_columns[3], domain_columns[4]);
  }
  if (domain_columns[0].size() > 0) ExecColumns(tx, kUpsertDomains, domain_columns);
}

void LearnPayments(Tx& tx, const std::vector<Fresh>& fresh) {
  struct Change {
    std::string holder;  // the last non-empty one
    Seen seen;
    Seen learned;
    std::int64_t times = 0;
    std::int64_t vouched = 0;
  };
  // Sorted: the lock order.
  std::map<std::tuple<std::string, std::string, std::string, std::string>, Change> changes;
  for (const Fresh& item : fresh) {
    const Record& record = *item.record;
    for (const auto& detail : UniquePayments(record)) {
      Change& change = changes[{SenderDomain(record), record.from_address,
                                std::string(PaymentKindCode(detail.kind)), detail.value}];
      if (!detail.holder.empty()) change.holder = detail.holder;
      change.seen.Add(record.date);
      change.learned.Add(record.learned_at);
      ++change.times;
      if (record.vouched) ++change.vouched;
    }
  }
  std::array<ArrayLiteral, 11> columns;
  for (const auto& [key, change] : changes) {
    const auto& [domain, address, kind, value] = key;
    columns[0].Text(domain);
    columns[1].Text(address);
    columns[2].Text(kind);
    columns[3].Text(value);
    columns[4].Text(change.holder);
    change.seen.AppendTo(columns[5], columns[6]);
    columns[7].Int(change.times);
    columns[8].Int(change.vouched);
    change.learned.AppendTo(columns[9], columns[10]);
  }
  if (columns[0].size() > 0) ExecColumns(tx, kUpsertPayments, columns);
}

void LearnFingerprints(Tx& tx, const std::vector<Fresh>& fresh) {
  std::array<ArrayLiteral, 11> columns;
  for (const Fresh& item : fresh) {
    const Record& record = *item.record;
    if (record.simhash == 0) continue;
    std::vector<std::string> values;
    for (const auto& detail : UniquePayments(record)) values.push_back(detail.value);
    columns[0].Text(item.key);
    columns[1].Text(record.from_address);
    columns[2].Text(SenderDomain(record));
    columns[3].Text(record.normalized_subject);
    columns[4].Int(static_cast<std::int64_t>(record.simhash));  // bit pattern kept
    const auto bands = SimHashBands(record.simhash);
    for (std::size_t i = 0; i < bands.size(); ++i) columns[5 + i].Int(bands[i]);
    columns[9].Text(JoinPaymentValues(values));
    columns[10].Int(record.date);
  }
  if (columns[0].size() > 0) ExecColumns(tx, kInsertFingerprints, columns);
}

}  // namespace

std::int64_t WriteBatch(Tx& tx, std::span<const context::LearnRecord> records) {
  if (records.empty()) return 0;
  const std::vector<Fresh> fresh = InsertMessages(tx, records);
  if (fresh.empty()) return 0;
  LearnThreads(tx, fresh);
  LearnCorrespondents(tx, fresh);
  LearnPayments(tx, fresh);
  std::vector<const context::LearnRecord*> styled;
  for (const Fresh& item : fresh) styled.push_back(item.record);
  LearnStyle(tx, styled);
  LearnFingerprints(tx, fresh);
  const auto learned = static_cast<std::int64_t>(fresh.size());
  tx.Exec(kAddCount, learned);
  return learned;
}

}  // namespace becguard::store::postgres
