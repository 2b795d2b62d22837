#include "store/sqlite/snapshot_reader.h"

#include <algorithm>
#include <string>

#include "store/record_keys.h"
#include "store/snapshot_limits.h"
#include "store/sqlite/style_rows.h"

namespace becguard::store::sqlite {
namespace {

// Every query below reads one index range of bounded length (docs/STORE.md#cost): a key
// lookup, or an index walk ended by LIMIT in the index's own order.

// Runs a single-column text query and collects its rows.
Result<std::vector<std::string>> Strings(Statement& statement) {
  std::vector<std::string> out;
  while (true) {
    auto row = statement.Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    out.push_back(statement.Text(0));
  }
}

Result<void> ReadCorrespondents(Connection& db, const context::ContextQuery& query,
                                context::LearnedContext& out) {
  if (query.addresses.empty()) return {};
  auto row = db.Prepare(
      "SELECT registrable_domain, first_seen, last_seen, messages_from, messages_to, "
      "vouched_messages, first_learned, last_learned FROM correspondents WHERE address = ?1");
  if (!row) return tl::unexpected(row.error());
  auto names = db.Prepare(
      "SELECT name FROM display_names WHERE address = ?1 ORDER BY count DESC, rowid LIMIT ?2");
  if (!names) return tl::unexpected(names.error());
  for (const auto& address : query.addresses) {
    row->Bind(1, address);
    auto found = row->Step();
    if (!found) return tl::unexpected(found.error());
    if (!*found) {
      row->Reset();
      continue;
    }
    context::Correspondent correspondent;
    correspondent.address = address;
    correspondent.registrable_domain = row->Text(0);
    correspondent.first_seen = row->Int(1);
    correspondent.last_seen = row->Int(2);
    correspondent.messages_from = row->Int(3);
    correspondent.messages_to = row->Int(4);
    correspondent.vouched_messages = row->Int(5);
    correspondent.first_learned = row->Int(6);
    correspondent.last_learned = row->Int(7);
    row->Reset();
    names->Bind(1, address).Bind(2, kMaxDisplayNames);
    auto list = Strings(*names);
    if (!list) return tl::unexpected(list.error());
    names->Reset();
    correspondent.display_names = std::move(*list);
    out.correspondents[address] = std::move(correspondent);
  }
  return {};
}

Result<void> ReadDomainsAndNames(Connection& db, const context::ContextQuery& query,
                                 context::LearnedContext& out) {
  auto row = db.Prepare(
      "SELECT messages_from, vouched_messages, first_learned, last_learned FROM domains "
      "WHERE registrable_domain = ?1");
  if (!row) return tl::unexpected(row.error());
  for (const auto& domain : query.domains) {
    row->Bind(1, domain);
    auto found = row->Step();
    if (!found) return tl::unexpected(found.error());
    if (*found) {
      out.domains[domain] =
          context::DomainHistory{row->Int(0), row->Int(1), row->Int(2), row->Int(3)};
    }
    row->Reset();
  }
  auto rows = db.Prepare(
      "SELECT address FROM name_addresses WHERE name_key = ?1 ORDER BY count DESC, rowid "
      "LIMIT ?2");
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& key : query.name_keys) {
    if (key.empty()) continue;
    rows->Bind(1, key).Bind(2, kMaxNameAddresses);
    auto list = Strings(*rows);
    if (!list) return tl::unexpected(list.error());
    rows->Reset();
    if (!list->empty()) out.name_addresses[key] = std::move(*list);
  }
  return {};
}

// The first `kMaxThreadParticipants` distinct values of one participant column, in first-seen
// order, read from at most kMaxThreadParticipantRows rows.
Result<std::vector<std::string>> ReadParticipants(Connection& db, const std::string& thread_id,
                                                  bool names) {
  auto rows = db.Prepare(names ? R"sql(
SELECT name FROM (SELECT name, rowid AS r FROM thread_participants WHERE thread_id = ?1
                  ORDER BY rowid LIMIT ?2)
WHERE name <> '' GROUP BY name ORDER BY min(r) LIMIT ?3)sql"
                               : R"sql(
SELECT address FROM (SELECT address, rowid AS r FROM thread_participants WHERE thread_id = ?1
                     ORDER BY rowid LIMIT ?2)
GROUP BY address ORDER BY min(r) LIMIT ?3)sql");
  if (!rows) return tl::unexpected(rows.error());
  rows->Bind(1, thread_id).Bind(2, kMaxThreadParticipantRows).Bind(3, kMaxThreadParticipants);
  return Strings(*rows);
}

Result<void> ReadThread(Connection& db, const context::ContextQuery& query,
                        context::LearnedContext& out) {
  std::string thread_id;
  auto member = db.Prepare("SELECT thread_id FROM thread_messages WHERE message_id = ?1");
  if (!member) return tl::unexpected(member.error());
  for (const auto& id : query.thread_message_ids) {
    member->Bind(1, id);
    auto found = member->Step();
    if (!found) return tl::unexpected(found.error());
    if (*found) thread_id = member->Text(0);
    member->Reset();
    if (!thread_id.empty()) break;
  }
  if (thread_id.empty()) return {};
  auto row = db.Prepare(
      "SELECT normalized_subject, first_seen, last_seen, messages FROM threads "
      "WHERE thread_id = ?1");
  if (!row) return tl::unexpected(row.error());
  row->Bind(1, thread_id);
  auto found = row->Step();
  if (!found) return tl::unexpected(found.error());
  if (!*found) return MakeError(ErrorCode::kInternal, "thread " + thread_id + " has no row");
  context::ThreadInfo thread;
  thread.thread_id = thread_id;
  thread.normalized_subject = row->Text(0);
  thread.first_seen = row->Int(1);
  thread.last_seen = row->Int(2);
  thread.messages = row->Int(3);
  row->Reset();

  auto addresses = ReadParticipants(db, thread_id, false);
  if (!addresses) return tl::unexpected(addresses.error());
  thread.participant_addresses = std::move(*addresses);
  auto names = ReadParticipants(db, thread_id, true);
  if (!names) return tl::unexpected(names.error());
  thread.participant_names = std::move(*names);
  out.thread = std::move(thread);
  return {};
}

Result<void> ReadPayments(Connection& db, const context::ContextQuery& query,
                          context::LearnedContext& out) {
  if (query.payment_domains.empty()) return {};
  auto rows = db.Prepare(
      "SELECT counterparty_address, kind, value, holder, first_seen, last_seen, times_seen, "
      "times_vouched, first_learned, last_learned "
      "FROM payments WHERE counterparty_domain = ?1 ORDER BY last_seen DESC LIMIT ?2");
  if (!rows) return tl::unexpected(rows.error());
  std::vector<std::string_view> done;
  for (const auto& domain : query.payment_domains) {
    if (std::find(done.begin(), done.end(), domain) != done.end()) continue;
    done.push_back(domain);
    rows->Bind(1, domain).Bind(2, static_cast<std::int64_t>(kMaxPayments));
    while (true) {
      auto row = rows->Step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      context::KnownPayment payment;
      if (!PaymentKindFromCode(rows->Text(1), &payment.kind)) continue;  // a newer kind
      payment.counterparty_domain = domain;
      payment.counterparty_address = rows->Text(0);
      payment.value = rows->Text(2);
      payment.holder = rows->Text(3);
      payment.first_seen = rows->Int(4);
      payment.last_seen = rows->Int(5);
      payment.times_seen = rows->Int(6);
      payment.times_vouched = rows->Int(7);
      payment.first_learned = rows->Int(8);
      payment.last_learned = rows->Int(9);
      out.payments.push_back(std::move(payment));
    }
    rows->Reset();
  }
  KeepRecentPayments(out.payments);
  return {};
}

// One bounded lookup per SimHash band and one per subject (an OR over five indexes would
// collect every match before sorting); merged, newest first.
Result<void> ReadSimilar(Connection& db, const context::ContextQuery& query,
                         context::LearnedContext& out) {
  if (query.simhash == 0) return {};
  static constexpr std::string_view kLookups[] = {
      "SELECT message_id, sender_address, sender_domain, normalized_subject, simhash, "
      "payment_values, "
      "date FROM fingerprints WHERE band0 = ?1 ORDER BY date DESC LIMIT ?2",
      "SELECT message_id, sender_address, sender_domain, normalized_subject, simhash, "
      "payment_values, "
      "date FROM fingerprints WHERE band1 = ?1 ORDER BY date DESC LIMIT ?2",
      "SELECT message_id, sender_address, sender_domain, normalized_subject, simhash, "
      "payment_values, "
      "date FROM fingerprints WHERE band2 = ?1 ORDER BY date DESC LIMIT ?2",
      "SELECT message_id, sender_address, sender_domain, normalized_subject, simhash, "
      "payment_values, "
      "date FROM fingerprints WHERE band3 = ?1 ORDER BY date DESC LIMIT ?2",
      "SELECT message_id, sender_address, sender_domain, normalized_subject, simhash, "
      "payment_values, "
      "date FROM fingerprints WHERE normalized_subject = ?1 ORDER BY date DESC LIMIT ?2",
  };
  const auto bands = SimHashBands(query.simhash);
  for (int i = 0; i < 5; ++i) {
    // Bands only guarantee a shared band up to 3 differing bits; a reminder whose bank details
    // changed can differ by 10. The same thread subject brings those candidates in too.
    if (i == 4 && query.normalized_subject.empty()) break;
    auto rows = db.Prepare(kLookups[i]);
    if (!rows) return tl::unexpected(rows.error());
    if (i < 4) {
      rows->Bind(1, std::int64_t{bands[i]});
    } else {
      rows->Bind(1, query.normalized_subject);
    }
    rows->Bind(2, kMaxSimilar);
    while (true) {
      auto row = rows->Step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      context::MessageFingerprint fingerprint;
      fingerprint.message_id = rows->Text(0);
      fingerprint.sender_address = rows->Text(1);
      fingerprint.sender_domain = rows->Text(2);
      fingerprint.normalized_subject = rows->Text(3);
      fingerprint.simhash = static_cast<std::uint64_t>(rows->Int(4));
      fingerprint.payment_values = SplitPaymentValues(rows->Text(5));
      fingerprint.date = rows->Int(6);
      out.similar.push_back(std::move(fingerprint));
    }
  }
  KeepNewestSimilar(out.similar);
  return {};
}

}  // namespace

Result<std::int64_t> ReadMessageCount(Connection& db) {
  return db.QueryInt("SELECT value FROM counters WHERE name = 'messages'");
}

Result<context::LearnedContext> ReadSnapshot(Connection& db, const context::ContextQuery& query,
                                             ProfileCache& profiles) {
  context::LearnedContext out;
  auto count = ReadMessageCount(db);
  if (!count) return tl::unexpected(count.error());
  out.learned_messages = *count;
  BECGUARD_RETURN_IF_ERROR(ReadCorrespondents(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadDomainsAndNames(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadThread(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadPayments(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadSimilar(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadStyle(db, query, profiles, out));
  return out;
}

}  // namespace becguard::store::sqlite
