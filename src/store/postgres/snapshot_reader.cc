#include "store/postgres/snapshot_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include "store/postgres/sql_arrays.h"
#include "store/postgres/style_rows.h"
#include "store/record_keys.h"

namespace becguard::store::postgres {
namespace {

constexpr std::int64_t kMaxDisplayNames = 8;
constexpr std::int64_t kMaxNameAddresses = 16;
constexpr std::int64_t kMaxPayments = 200;
constexpr std::int64_t kMaxSimilar = 50;

constexpr Sql kCount{"read_count", "SELECT coalesce(sum(value), 0) FROM message_counts"};

// The message count rides along with the domain lookup: one round trip for both.
constexpr Sql kCountAndDomains{"read_count_domains", R"sql(
SELECT NULL, coalesce(sum(value), 0) FROM message_counts
UNION ALL
SELECT registrable_domain, messages_from FROM domains
WHERE registrable_domain = ANY($1::text[]))sql"};

constexpr Sql kCorrespondents{"read_correspondents", R"sql(
SELECT c.address, c.registrable_domain, c.first_seen, c.last_seen, c.messages_from,
       c.messages_to,
       ARRAY(SELECT d.name FROM display_names d WHERE d.address = c.address
             ORDER BY d.count DESC, d.id LIMIT $2)
FROM correspondents c WHERE c.address = ANY($1::text[]))sql"};

constexpr Sql kNameAddresses{"read_name_addresses", R"sql(
SELECT k.key,
       ARRAY(SELECT d.address FROM display_names d WHERE d.name_key = k.key
             GROUP BY d.address ORDER BY sum(d.count) DESC, min(d.id) LIMIT $2)
FROM unnest($1::text[]) AS k(key))sql"};

// The first of the ids (in the query's order) that a learned thread knows.
constexpr Sql kThread{"read_thread", R"sql(
WITH hit AS (
  SELECT m.thread_id FROM unnest($1::text[]) WITH ORDINALITY AS q(id, n)
  JOIN thread_messages m ON m.message_id = q.id ORDER BY q.n LIMIT 1)
SELECT t.thread_id, t.normalized_subject, t.first_seen, t.last_seen, t.messages,
       ARRAY(SELECT p.address FROM thread_participants p WHERE p.thread_id = t.thread_id
             GROUP BY p.address ORDER BY min(p.id)),
       ARRAY(SELECT p.name FROM thread_participants p
             WHERE p.thread_id = t.thread_id AND p.name <> ''
             GROUP BY p.name ORDER BY min(p.id))
FROM hit JOIN threads t ON t.thread_id = hit.thread_id)sql"};

// The most recent payments of each counterparty domain, then of all of them.
constexpr Sql kPayments{"read_payments", R"sql(
SELECT p.counterparty_domain, p.counterparty_address, p.kind, p.value, p.holder, p.first_seen,
       p.last_seen, p.times_seen
FROM unnest($1::text[]) WITH ORDINALITY AS q(domain, n)
CROSS JOIN LATERAL (
  SELECT * FROM payments WHERE counterparty_domain = q.domain
  ORDER BY last_seen DESC, id LIMIT $2) p
ORDER BY p.last_seen DESC, q.n, p.id LIMIT $2)sql"};

// Bands only guarantee a shared band up to 3 differing bits; a reminder whose bank details
// changed can differ by 10. The same thread subject brings those candidates in too. Each
// branch is an index range cut at the limit, newest first.
constexpr Sql kSimilar{"read_similar", R"sql(
SELECT message_id, sender_address, sender_domain, normalized_subject, simhash, payment_values,
       date
FROM (
  (SELECT * FROM fingerprints WHERE band0 = $1 ORDER BY date DESC LIMIT $5)
  UNION (SELECT * FROM fingerprints WHERE band1 = $2 ORDER BY date DESC LIMIT $5)
  UNION (SELECT * FROM fingerprints WHERE band2 = $3 ORDER BY date DESC LIMIT $5)
  UNION (SELECT * FROM fingerprints WHERE band3 = $4 ORDER BY date DESC LIMIT $5)
  UNION (SELECT * FROM fingerprints WHERE $6 <> '' AND normalized_subject = $6
         ORDER BY date DESC LIMIT $5)) f
ORDER BY date DESC, message_id LIMIT $5)sql"};

ArrayLiteral Texts(const std::vector<std::string>& values) {
  ArrayLiteral out;
  for (const auto& value : values) out.Text(value);
  return out;
}

void ReadCountAndDomains(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out) {
  for (const auto& row : tx.Exec(kCountAndDomains, Texts(query.domains).str())) {
    if (row[0].is_null()) {
      out.learned_messages = row[1].as<std::int64_t>();
    } else {
      out.domain_messages[row[0].as<std::string>()] = row[1].as<std::int64_t>();
    }
  }
}

void ReadCorrespondents(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out) {
  if (query.addresses.empty()) return;
  for (const auto& row : tx.Exec(kCorrespondents, Texts(query.addresses).str(), kMaxDisplayNames)) {
    context::Correspondent correspondent;
    correspondent.address = row[0].as<std::string>();
    correspondent.registrable_domain = row[1].as<std::string>();
    correspondent.first_seen = row[2].as<std::int64_t>();
    correspondent.last_seen = row[3].as<std::int64_t>();
    correspondent.messages_from = row[4].as<std::int64_t>();
    correspondent.messages_to = row[5].as<std::int64_t>();
    correspondent.display_names = ParseTextArray(row[6]);
    out.correspondents[correspondent.address] = std::move(correspondent);
  }
}

void ReadNames(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out) {
  ArrayLiteral keys;
  for (const auto& key : query.name_keys) {
    if (!key.empty()) keys.Text(key);
  }
  if (keys.size() == 0) return;
  for (const auto& row : tx.Exec(kNameAddresses, keys.str(), kMaxNameAddresses)) {
    auto addresses = ParseTextArray(row[1]);
    if (!addresses.empty()) out.name_addresses[row[0].as<std::string>()] = std::move(addresses);
  }
}

void ReadThread(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out) {
  if (query.thread_message_ids.empty()) return;
  const auto rows = tx.Exec(kThread, Texts(query.thread_message_ids).str());
  if (rows.empty()) return;
  const auto& row = rows[0];
  context::ThreadInfo thread;
  thread.thread_id = row[0].as<std::string>();
  thread.normalized_subject = row[1].as<std::string>();
  thread.first_seen = row[2].as<std::int64_t>();
  thread.last_seen = row[3].as<std::int64_t>();
  thread.messages = row[4].as<std::int64_t>();
  thread.participant_addresses = ParseTextArray(row[5]);
  thread.participant_names = ParseTextArray(row[6]);
  out.thread = std::move(thread);
}

void ReadPayments(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out) {
  std::vector<std::string> domains;  // each once, in the query's order
  for (const auto& domain : query.payment_domains) {
    if (std::find(domains.begin(), domains.end(), domain) == domains.end()) {
      domains.push_back(domain);
    }
  }
  if (domains.empty()) return;
  for (const auto& row : tx.Exec(kPayments, Texts(domains).str(), kMaxPayments)) {
    context::KnownPayment payment;
    if (!PaymentKindFromCode(row[2].as<std::string>(), &payment.kind)) continue;  // a newer kind
    payment.counterparty_domain = row[0].as<std::string>();
    payment.counterparty_address = row[1].as<std::string>();
    payment.value = row[3].as<std::string>();
    payment.holder = row[4].as<std::string>();
    payment.first_seen = row[5].as<std::int64_t>();
    payment.last_seen = row[6].as<std::int64_t>();
    payment.times_seen = row[7].as<std::int64_t>();
    out.payments.push_back(std::move(payment));
  }
}

void ReadSimilar(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out) {
  if (query.simhash == 0) return;
  const auto bands = SimHashBands(query.simhash);
  const auto rows = tx.Exec(kSimilar, int{bands[0]}, int{bands[1]}, int{bands[2]}, int{bands[3]},
                            kMaxSimilar, query.normalized_subject);
  for (const auto& row : rows) {
    context::MessageFingerprint fingerprint;
    fingerprint.message_id = row[0].as<std::string>();
    fingerprint.sender_address = row[1].as<std::string>();
    fingerprint.sender_domain = row[2].as<std::string>();
    fingerprint.normalized_subject = row[3].as<std::string>();
    fingerprint.simhash = static_cast<std::uint64_t>(row[4].as<std::int64_t>());
    const std::string values = row[5].as<std::string>();
    for (std::size_t start = 0; start < values.size();) {
      const auto end = std::min(values.find('\n', start), values.size());
      fingerprint.payment_values.push_back(values.substr(start, end - start));
      start = end + 1;
    }
    fingerprint.date = row[6].as<std::int64_t>();
    out.similar.push_back(std::move(fingerprint));
  }
}

}  // namespace

std::int64_t ReadMessageCount(Tx& tx) { return tx.Exec(kCount)[0][0].as<std::int64_t>(); }

context::LearnedContext ReadSnapshot(Tx& tx, const context::ContextQuery& query) {
  context::LearnedContext out;
  ReadCountAndDomains(tx, query, out);
  ReadCorrespondents(tx, query, out);
  ReadNames(tx, query, out);
  ReadThread(tx, query, out);
  ReadPayments(tx, query, out);
  ReadSimilar(tx, query, out);
  ReadStyle(tx, query, out);
  return out;
}

}  // namespace becguard::store::postgres
