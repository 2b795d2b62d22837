#include "store/sqlite/learn_writer.h"

#include <string>

#include "store/record_keys.h"
#include "store/snapshot_limits.h"
#include "store/sqlite/style_rows.h"
#include "text/normalize.h"

namespace becguard::store::sqlite {
namespace {

// Date 0 means "unknown" and never moves first/last seen (same rule as the memory store); the
// same holds for learned_at 0 and first/last learned.
constexpr char kUpsertCorrespondent[] = R"sql(
INSERT INTO correspondents (address, registrable_domain, first_seen, last_seen, messages_from,
                            messages_to, vouched_messages, first_learned, last_learned)
VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?7)
ON CONFLICT (address) DO UPDATE SET
  registrable_domain = CASE WHEN ?4 > 0 AND ?2 <> '' THEN ?2 ELSE registrable_domain END,
  first_seen = CASE WHEN ?3 = 0 THEN first_seen WHEN first_seen = 0 THEN ?3
                    ELSE min(first_seen, ?3) END,
  last_seen = max(last_seen, ?3),
  messages_from = messages_from + ?4,
  messages_to = messages_to + ?5,
  vouched_messages = vouched_messages + ?6,
  first_learned = CASE WHEN ?7 = 0 THEN first_learned WHEN first_learned = 0 THEN ?7
                       ELSE min(first_learned, ?7) END,
  last_learned = max(last_learned, ?7))sql";

constexpr char kBindName[] = R"sql(
INSERT INTO display_names (address, name, name_key, count) VALUES (?1, ?2, ?3, 1)
ON CONFLICT (address, name) DO UPDATE SET count = count + 1)sql";

constexpr char kBindNameKey[] = R"sql(
INSERT INTO name_addresses (name_key, address, count) VALUES (?1, ?2, 1)
ON CONFLICT (name_key, address) DO UPDATE SET count = count + 1)sql";

Result<void> TouchCorrespondent(Connection& db, const std::string& address,
                                const std::string& domain, const std::string& name,
                                const context::LearnRecord& record, bool is_sender) {
  auto upsert = db.Prepare(kUpsertCorrespondent);
  if (!upsert) return tl::unexpected(upsert.error());
  upsert->Bind(1, address).Bind(2, domain).Bind(3, record.date);
  upsert->Bind(4, std::int64_t{is_sender ? 1 : 0}).Bind(5, std::int64_t{is_sender ? 0 : 1});
  upsert->Bind(6, std::int64_t{record.vouched ? 1 : 0}).Bind(7, record.learned_at);
  BECGUARD_RETURN_IF_ERROR(upsert->Run());
  if (name.empty()) return {};
  const std::string key = text::NameKey(name);
  auto bind = db.Prepare(kBindName);
  if (!bind) return tl::unexpected(bind.error());
  bind->Bind(1, address).Bind(2, name).Bind(3, key);
  BECGUARD_RETURN_IF_ERROR(bind->Run());
  if (key.empty()) return {};
  auto bind_key = db.Prepare(kBindNameKey);
  if (!bind_key) return tl::unexpected(bind_key.error());
  bind_key->Bind(1, key).Bind(2, address);
  return bind_key->Run();
}

Result<std::string> FindThread(Connection& db, const std::string& key,
                               const context::LearnRecord& record) {
  auto find = db.Prepare("SELECT thread_id FROM thread_messages WHERE message_id = ?1");
  if (!find) return tl::unexpected(find.error());
  auto lookup = [&](const std::string& id) -> Result<std::string> {
    Statement& statement = *find;
    statement.Bind(1, id);
    auto row = statement.Step();
    if (!row) return tl::unexpected(row.error());
    std::string thread = *row ? statement.Text(0) : "";
    statement.Reset();
    return thread;
  };
  auto own = lookup(key);
  if (!own || !own->empty()) return own;
  for (const auto& reference : record.references) {
    auto found = lookup(reference);
    if (!found || !found->empty()) return found;
  }
  return key;
}

Result<void> LearnThread(Connection& db, const std::string& key,
                         const context::LearnRecord& record) {
  auto thread_id = FindThread(db, key, record);
  if (!thread_id) return tl::unexpected(thread_id.error());
  auto upsert = db.Prepare(R"sql(
INSERT INTO threads (thread_id, normalized_subject, first_seen, last_seen, messages)
VALUES (?1, ?2, ?3, ?3, 1)
ON CONFLICT (thread_id) DO UPDATE SET
  normalized_subject = CASE WHEN normalized_subject = '' THEN ?2 ELSE normalized_subject END,
  first_seen = CASE WHEN ?3 = 0 THEN first_seen WHEN first_seen = 0 THEN ?3
                    ELSE min(first_seen, ?3) END,
  last_seen = max(last_seen, ?3),
  messages = messages + 1)sql");
  if (!upsert) return tl::unexpected(upsert.error());
  upsert->Bind(1, *thread_id).Bind(2, record.normalized_subject).Bind(3, record.date);
  BECGUARD_RETURN_IF_ERROR(upsert->Run());

  auto member =
      db.Prepare("INSERT OR IGNORE INTO thread_messages (message_id, thread_id) VALUES (?1, ?2)");
  if (!member) return tl::unexpected(member.error());
  auto add_member = [&](const std::string& id) -> Result<void> {
    if (id.empty()) return {};
    member->Bind(1, id).Bind(2, *thread_id);
    return member->Run();
  };
  BECGUARD_RETURN_IF_ERROR(add_member(key));
  for (const auto& reference : record.references) BECGUARD_RETURN_IF_ERROR(add_member(reference));

  auto participant = db.Prepare(
      "INSERT OR IGNORE INTO thread_participants (thread_id, address, name) VALUES (?1, ?2, ?3)");
  if (!participant) return tl::unexpected(participant.error());
  auto add_participant = [&](const std::string& address, const std::string& name) {
    participant->Bind(1, *thread_id).Bind(2, address).Bind(3, text::Normalize(name));
    return participant->Run();
  };
  if (!record.from_address.empty()) {
    BECGUARD_RETURN_IF_ERROR(add_participant(record.from_address, record.from_name));
  }
  for (const auto& [address, name] : UniqueRecipients(record)) {
    BECGUARD_RETURN_IF_ERROR(add_participant(address, name));
  }
  return {};
}

Result<void> LearnPayments(Connection& db, const std::string& sender_domain,
                           const context::LearnRecord& record) {
  auto upsert = db.Prepare(R"sql(
INSERT INTO payments (counterparty_domain, counterparty_address, kind, value, holder, first_seen,
                      last_seen, times_seen, times_vouched, first_learned, last_learned)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1, ?7, ?8, ?8)
ON CONFLICT (counterparty_domain, counterparty_address, kind, value) DO UPDATE SET
  holder = CASE WHEN ?5 <> '' THEN ?5 ELSE holder END,
  first_seen = CASE WHEN ?6 = 0 THEN first_seen WHEN first_seen = 0 THEN ?6
                    ELSE min(first_seen, ?6) END,
  last_seen = max(last_seen, ?6),
  times_seen = times_seen + 1,
  times_vouched = times_vouched + ?7,
  first_learned = CASE WHEN ?8 = 0 THEN first_learned WHEN first_learned = 0 THEN ?8
                       ELSE min(first_learned, ?8) END,
  last_learned = max(last_learned, ?8))sql");
  if (!upsert) return tl::unexpected(upsert.error());
  for (const auto& detail : UniquePayments(record)) {
    upsert->Bind(1, sender_domain).Bind(2, record.from_address);
    upsert->Bind(3, PaymentKindCode(detail.kind)).Bind(4, detail.value);
    upsert->Bind(5, detail.holder).Bind(6, record.date);
    upsert->Bind(7, std::int64_t{record.vouched ? 1 : 0}).Bind(8, record.learned_at);
    BECGUARD_RETURN_IF_ERROR(upsert->Run());
  }
  return {};
}

Result<void> LearnFingerprint(Connection& db, const std::string& key,
                              const std::string& sender_domain,
                              const context::LearnRecord& record) {
  if (record.simhash == 0) return {};
  auto insert = db.Prepare(R"sql(
INSERT OR IGNORE INTO fingerprints (message_id, sender_address, sender_domain,
    normalized_subject, simhash, band0, band1, band2, band3, payment_values, date)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql");
  if (!insert) return tl::unexpected(insert.error());
  std::vector<std::string> values;
  for (const auto& detail : UniquePayments(record)) values.push_back(detail.value);
  const auto bands = SimHashBands(record.simhash);
  insert->Bind(1, key).Bind(2, record.from_address).Bind(3, sender_domain);
  insert->Bind(4, record.normalized_subject);
  insert->Bind(5, static_cast<std::int64_t>(record.simhash));  // bit pattern kept
  for (int i = 0; i < 4; ++i) insert->Bind(6 + i, std::int64_t{bands[i]});
  insert->Bind(10, JoinPaymentValues(values)).Bind(11, record.date);
  return insert->Run();
}

}  // namespace

Result<void> WriteRecord(Connection& db, const context::LearnRecord& record,
                         PendingProfiles& pending) {
  const std::string key = MessageKey(record);
  auto insert = db.Prepare(
      "INSERT OR IGNORE INTO messages (message_id, date, direction, from_address) "
      "VALUES (?1, ?2, ?3, ?4)");
  if (!insert) return tl::unexpected(insert.error());
  insert->Bind(1, key).Bind(2, record.date);
  insert->Bind(3, static_cast<std::int64_t>(record.direction)).Bind(4, record.from_address);
  BECGUARD_RETURN_IF_ERROR(insert->Run());
  if (db.Changes() == 0) return {};  // already learned
  auto count = db.Prepare("UPDATE counters SET value = value + 1 WHERE name = 'messages'");
  if (!count) return tl::unexpected(count.error());
  BECGUARD_RETURN_IF_ERROR(count->Run());

  const std::string sender_domain = SenderDomain(record);
  if (!record.from_address.empty()) {
    BECGUARD_RETURN_IF_ERROR(
        TouchCorrespondent(db, record.from_address, sender_domain, record.from_name, record, true));
  }
  for (const auto& [address, name] : UniqueRecipients(record)) {
    BECGUARD_RETURN_IF_ERROR(
        TouchCorrespondent(db, address, AddressDomain(address), name, record, false));
  }
  if (!sender_domain.empty()) {
    auto domain = db.Prepare(R"sql(
INSERT INTO domains (registrable_domain, messages_from, vouched_messages, first_learned,
                     last_learned)
VALUES (?1, 1, ?2, ?3, ?3)
ON CONFLICT (registrable_domain) DO UPDATE SET
  messages_from = messages_from + 1,
  vouched_messages = vouched_messages + ?2,
  first_learned = CASE WHEN ?3 = 0 THEN first_learned WHEN first_learned = 0 THEN ?3
                       ELSE min(first_learned, ?3) END,
  last_learned = max(last_learned, ?3))sql");
    if (!domain) return tl::unexpected(domain.error());
    domain->Bind(1, sender_domain).Bind(2, std::int64_t{record.vouched ? 1 : 0});
    domain->Bind(3, record.learned_at);
    BECGUARD_RETURN_IF_ERROR(domain->Run());
  }
  BECGUARD_RETURN_IF_ERROR(LearnThread(db, key, record));
  BECGUARD_RETURN_IF_ERROR(LearnPayments(db, sender_domain, record));
  BECGUARD_RETURN_IF_ERROR(LearnStyle(db, record, pending));
  return LearnFingerprint(db, key, sender_domain, record);
}

}  // namespace becguard::store::sqlite
