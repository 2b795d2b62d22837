#include "store/sqlite/snapshot_reader.h"

#include <algorithm>
#include <string>

#include "store/record_keys.h"
#include "store/sqlite/style_rows.h"

namespace becguard::store::sqlite {
namespace {

constexpr std::int64_t kMaxDisplayNames = 8;
constexpr std::int64_t kMaxNameAddresses = 16;
constexpr std::size_t kMaxPayments = 200;
constexpr std::int64_t kMaxSimilar = 50;

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
  for (const auto& address : query.addresses) {
    auto row = db.Prepare(
        "SELECT registrable_domain, first_seen, last_seen, messages_from, messages_to "
        "FROM correspondents WHERE address = ?1");
    if (!row) return tl::unexpected(row.error());
    row->Bind(1, address);
    auto found = row->Step();
    if (!found) return tl::unexpected(found.error());
    if (!*found) continue;
    context::Correspondent correspondent;
    correspondent.address = address;
    correspondent.registrable_domain = row->Text(0);
    correspondent.first_seen = row->Int(1);
    correspondent.last_seen = row->Int(2);
    correspondent.messages_from = row->Int(3);
    correspondent.messages_to = row->Int(4);
    auto names = db.Prepare(
        "SELECT name FROM display_names WHERE address = ?1 ORDER BY count DESC, rowid LIMIT ?2");
    if (!names) return tl::unexpected(names.error());
    names->Bind(1, address).Bind(2, kMaxDisplayNames);
    auto list = Strings(*names);
    if (!list) return tl::unexpected(list.error());
    correspondent.display_names = std::move(*list);
    out.correspondents[address] = std::move(correspondent);
  }
  return {};
}

Result<void> ReadDomainsAndNames(Connection& db, const context::ContextQuery& query,
                                 context::LearnedContext& out) {
  for (const auto& domain : query.domains) {
    auto row = db.Prepare("SELECT messages_from FROM domains WHERE registrable_domain = ?1");
    if (!row) return tl::unexpected(row.error());
    row->Bind(1, domain);
    auto found = row->Step();
    if (!found) return tl::unexpected(found.error());
    if (*found) out.domain_messages[domain] = row->Int(0);
  }
  for (const auto& key : query.name_keys) {
    if (key.empty()) continue;
    auto rows = db.Prepare(
        "SELECT address FROM display_names WHERE name_key = ?1 GROUP BY address "
        "ORDER BY sum(count) DESC, min(rowid) LIMIT ?2");
    if (!rows) return tl::unexpected(rows.error());
    rows->Bind(1, key).Bind(2, kMaxNameAddresses);
    auto list = Strings(*rows);
    if (!list) return tl::unexpected(list.error());
    if (!list->empty()) out.name_addresses[key] = std::move(*list);
  }
  return {};
}

Result<void> ReadThread(Connection& db, const context::ContextQuery& query,
                        context::LearnedContext& out) {
  std::string thread_id;
  for (const auto& id : query.thread_message_ids) {
    auto row = db.Prepare("SELECT thread_id FROM thread_messages WHERE message_id = ?1");
    if (!row) return tl::unexpected(row.error());
    row->Bind(1, id);
    auto found = row->Step();
    if (!found) return tl::unexpected(found.error());
    if (*found) {
      thread_id = row->Text(0);
      break;
    }
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

  auto addresses = db.Prepare(
      "SELECT address FROM thread_participants WHERE thread_id = ?1 GROUP BY address "
      "ORDER BY min(rowid)");
  if (!addresses) return tl::unexpected(addresses.error());
  addresses->Bind(1, thread_id);
  auto address_list = Strings(*addresses);
  if (!address_list) return tl::unexpected(address_list.error());
  thread.participant_addresses = std::move(*address_list);

  auto names = db.Prepare(
      "SELECT name FROM thread_participants WHERE thread_id = ?1 AND name <> '' GROUP BY name "
      "ORDER BY min(rowid)");
  if (!names) return tl::unexpected(names.error());
  names->Bind(1, thread_id);
  auto name_list = Strings(*names);
  if (!name_list) return tl::unexpected(name_list.error());
  thread.participant_names = std::move(*name_list);
  out.thread = std::move(thread);
  return {};
}

Result<void> ReadPayments(Connection& db, const context::ContextQuery& query,
                          context::LearnedContext& out) {
  std::vector<std::string_view> done;
  for (const auto& domain : query.payment_domains) {
    if (std::find(done.begin(), done.end(), domain) != done.end()) continue;
    done.push_back(domain);
    auto rows = db.Prepare(
        "SELECT counterparty_address, kind, value, holder, first_seen, last_seen, times_seen "
        "FROM payments WHERE counterparty_domain = ?1 ORDER BY last_seen DESC LIMIT ?2");
    if (!rows) return tl::unexpected(rows.error());
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
      out.payments.push_back(std::move(payment));
    }
  }
  std::stable_sort(out.payments.begin(), out.payments.end(),
                   [](const auto& a, const auto& b) { return a.last_seen > b.last_seen; });
  if (out.payments.size() > kMaxPayments) out.payments.resize(kMaxPayments);
  return {};
}

Result<void> ReadSimilar(Connection& db, const context::ContextQuery& query,
                         context::LearnedContext& out) {
  if (query.simhash == 0) return {};
  auto rows = db.Prepare(R"sql(
SELECT message_id, sender_address, sender_domain, normalized_subject, simhash, payment_values,
       date
FROM fingerprints
WHERE band0 = ?1 OR band1 = ?2 OR band2 = ?3 OR band3 = ?4
   OR (?6 <> '' AND normalized_subject = ?6)
ORDER BY date DESC LIMIT ?5)sql");
  if (!rows) return tl::unexpected(rows.error());
  const auto bands = SimHashBands(query.simhash);
  for (int i = 0; i < 4; ++i) rows->Bind(1 + i, std::int64_t{bands[i]});
  rows->Bind(5, kMaxSimilar);
  // Bands only guarantee a shared band up to 3 differing bits; a reminder whose bank details
  // changed can differ by 10. The same thread subject brings those candidates in too.
  rows->Bind(6, query.normalized_subject);
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
    const std::string values = rows->Text(5);
    for (std::size_t start = 0; start < values.size();) {
      const auto end = std::min(values.find('\n', start), values.size());
      fingerprint.payment_values.push_back(values.substr(start, end - start));
      start = end + 1;
    }
    fingerprint.date = rows->Int(6);
    out.similar.push_back(std::move(fingerprint));
  }
  return {};
}

}  // namespace

Result<std::int64_t> ReadMessageCount(Connection& db) {
  return db.QueryInt("SELECT value FROM counters WHERE name = 'messages'");
}

Result<context::LearnedContext> ReadSnapshot(Connection& db, const context::ContextQuery& query) {
  context::LearnedContext out;
  auto count = ReadMessageCount(db);
  if (!count) return tl::unexpected(count.error());
  out.learned_messages = *count;
  BECGUARD_RETURN_IF_ERROR(ReadCorrespondents(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadDomainsAndNames(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadThread(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadPayments(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadSimilar(db, query, out));
  BECGUARD_RETURN_IF_ERROR(ReadStyle(db, query, out));
  return out;
}

}  // namespace becguard::store::sqlite
