#include "store/postgres/snapshot_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include "store/postgres/sql_arrays.h"
#include "store/postgres/style_rows.h"
#include "store/record_keys.h"
#include "store/snapshot_limits.h"

namespace becguard::store::postgres {
namespace {

// What each row of the snapshot statement is.
enum Part : int {
  kCount = 0,
  kDomain = 1,
  kCorrespondent = 2,
  kNameAddresses = 3,
  kThread = 4,
  kPayment = 5,
  kSimilar = 6,
  kStyleProfile = 7,
  kImpostorAfter = 8,   // impostors from the claimed key's place in the order to the end
  kImpostorBefore = 9,  // then around from the start
};

// The whole snapshot in ONE statement: a statement reads one MVCC snapshot, so the parts are
// consistent with each other without a BEGIN/COMMIT pair, and a scan pays one round trip per
// message. Each part is a branch of a UNION ALL with the same generic columns:
//   part, seq (order within the part), t1..t5 text, n1..n7 bigint, l1, l2 text[]
// Style profiles come as key and version (message count) only; their blobs come from the
// process's ProfileCache.
// Every branch is an index lookup whose result is bounded (store/snapshot_limits.h); where a
// key can have many rows, the index's own order ends the walk at the LIMIT.
//   $1 addresses  $2 domains  $3 name keys  $4 thread message ids  $5 payment domains
//   $6..$9 SimHash bands  $10 subject  $11 similar wanted  $12 style keys
//   $13 impostor rows wanted  $14 the claimed key's impostor order
//   $15 display names  $16 addresses per name  $17 thread participants  $18 participant rows
//   $19 payments per domain  $20 similar per lookup
constexpr Sql kSnapshot{"read_snapshot", R"sql(
WITH claimed AS (
  SELECT s.script FROM unnest($12::text[]) WITH ORDINALITY AS a(key, n)
  JOIN style_profiles s ON s.key = a.key ORDER BY a.n LIMIT 1)
SELECT 0 AS part, 0::bigint AS seq, NULL::text AS t1, NULL::text AS t2, NULL::text AS t3,
       NULL::text AS t4, NULL::text AS t5, coalesce(sum(value), 0)::bigint AS n1,
       NULL::bigint AS n2, NULL::bigint AS n3, NULL::bigint AS n4, NULL::bigint AS n5,
       NULL::bigint AS n6, NULL::bigint AS n7, NULL::text[] AS l1, NULL::text[] AS l2
FROM message_counts
UNION ALL
SELECT 1, 0, registrable_domain, NULL, NULL, NULL, NULL, messages_from, vouched_messages,
       first_learned, last_learned, NULL, NULL, NULL, NULL, NULL
FROM domains WHERE registrable_domain = ANY($2::text[])
UNION ALL
SELECT 2, 0, c.address, c.registrable_domain, NULL, NULL, NULL, c.first_seen, c.last_seen,
       c.messages_from, c.messages_to, c.vouched_messages, c.first_learned, c.last_learned,
       ARRAY(SELECT d.name FROM display_names d WHERE d.address = c.address
             ORDER BY d.count DESC, d.id LIMIT $15),
       NULL
FROM correspondents c WHERE c.address = ANY($1::text[])
UNION ALL
SELECT 3, 0, k.key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       k.addresses, NULL
FROM (SELECT key, ARRAY(SELECT n.address FROM name_addresses n WHERE n.name_key = key
                        ORDER BY n.count DESC, n.id LIMIT $16) AS addresses
      FROM unnest($3::text[]) AS key) k
WHERE cardinality(k.addresses) > 0
UNION ALL
SELECT 4, 0, t.thread_id, t.normalized_subject, NULL, NULL, NULL, t.first_seen, t.last_seen,
       t.messages, NULL, NULL, NULL, NULL,
       ARRAY(SELECT p.address FROM (SELECT address, id FROM thread_participants
                                    WHERE thread_id = t.thread_id ORDER BY id LIMIT $18) p
             GROUP BY p.address ORDER BY min(p.id) LIMIT $17),
       ARRAY(SELECT p.name FROM (SELECT name, id FROM thread_participants
                                 WHERE thread_id = t.thread_id ORDER BY id LIMIT $18) p
             WHERE p.name <> '' GROUP BY p.name ORDER BY min(p.id) LIMIT $17)
FROM (SELECT m.thread_id FROM unnest($4::text[]) WITH ORDINALITY AS q(id, n)
      JOIN thread_messages m ON m.message_id = q.id ORDER BY q.n LIMIT 1) hit
JOIN threads t ON t.thread_id = hit.thread_id
UNION ALL
SELECT 5, 0, p.counterparty_domain, p.counterparty_address, p.kind, p.value, p.holder,
       p.first_seen, p.last_seen, p.times_seen, p.times_vouched, p.first_learned,
       p.last_learned, NULL, NULL, NULL
FROM unnest($5::text[]) AS q(domain)
CROSS JOIN LATERAL (SELECT * FROM payments WHERE counterparty_domain = q.domain
                    ORDER BY last_seen DESC, id LIMIT $19) p
UNION ALL
SELECT 6, 0, f.message_id, f.sender_address, f.sender_domain, f.normalized_subject,
       f.payment_values, f.simhash, f.date, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM ((SELECT * FROM fingerprints WHERE $11 AND band0 = $6 ORDER BY date DESC LIMIT $20)
      UNION ALL (SELECT * FROM fingerprints WHERE $11 AND band1 = $7 ORDER BY date DESC LIMIT $20)
      UNION ALL (SELECT * FROM fingerprints WHERE $11 AND band2 = $8 ORDER BY date DESC LIMIT $20)
      UNION ALL (SELECT * FROM fingerprints WHERE $11 AND band3 = $9 ORDER BY date DESC LIMIT $20)
      UNION ALL (SELECT * FROM fingerprints WHERE $11 AND $10 <> '' AND normalized_subject = $10
                 ORDER BY date DESC LIMIT $20)) f
UNION ALL
SELECT 7, a.n, s.key, NULL, NULL, NULL, NULL, s.messages, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL
FROM unnest($12::text[]) WITH ORDINALITY AS a(key, n) JOIN style_profiles s ON s.key = a.key
UNION ALL
(SELECT 8, s.ord, s.key, NULL, NULL, NULL, NULL, s.messages, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL
 FROM style_profiles s
 WHERE s.is_address AND s.messages >= 20 AND s.script = (SELECT script FROM claimed)
   AND s.ord >= $14
 ORDER BY s.ord LIMIT $13)
UNION ALL
(SELECT 9, s.ord, s.key, NULL, NULL, NULL, NULL, s.messages, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL
 FROM style_profiles s
 WHERE s.is_address AND s.messages >= 20 AND s.script = (SELECT script FROM claimed)
   AND s.ord < $14
 ORDER BY s.ord LIMIT $13)
ORDER BY part, seq)sql"};
// The impostor branches repeat the style_impostor_pool index's predicate literally, so that
// the planner uses it, and take the claimed script as a scalar (not a join), so that the index
// order serves ORDER BY and the walk ends at the LIMIT.
static_assert(context::kStyleImpostorMinMessages == 20, "keep the SQL and schema in step");

constexpr Sql kMessageCount{"read_count", "SELECT coalesce(sum(value), 0) FROM message_counts"};

ArrayLiteral Texts(const std::vector<std::string>& values) {
  ArrayLiteral out;
  for (const auto& value : values) out.Text(value);
  return out;
}

std::string Text(const pqxx::field& field) { return field.as<std::string>(); }
std::int64_t Int(const pqxx::field& field) { return field.as<std::int64_t>(); }

// The columns of the statement above, by name.
struct Row {
  const pqxx::row& row;
  int part() const { return row[0].as<int>(); }
  std::string t(int i) const { return Text(row[1 + i]); }
  std::int64_t n(int i) const { return Int(row[6 + i]); }
  std::vector<std::string> list(int i) const { return ParseTextArray(row[13 + i]); }
};

context::Correspondent ToCorrespondent(const Row& row) {
  context::Correspondent out;
  out.address = row.t(1);
  out.registrable_domain = row.t(2);
  out.first_seen = row.n(1);
  out.last_seen = row.n(2);
  out.messages_from = row.n(3);
  out.messages_to = row.n(4);
  out.vouched_messages = row.n(5);
  out.first_learned = row.n(6);
  out.last_learned = row.n(7);
  out.display_names = row.list(1);
  return out;
}

context::ThreadInfo ToThread(const Row& row) {
  context::ThreadInfo out;
  out.thread_id = row.t(1);
  out.normalized_subject = row.t(2);
  out.first_seen = row.n(1);
  out.last_seen = row.n(2);
  out.messages = row.n(3);
  out.participant_addresses = row.list(1);
  out.participant_names = row.list(2);
  return out;
}

std::optional<context::KnownPayment> ToPayment(const Row& row) {
  context::KnownPayment out;
  if (!PaymentKindFromCode(row.t(3), &out.kind)) return std::nullopt;  // a newer kind
  out.counterparty_domain = row.t(1);
  out.counterparty_address = row.t(2);
  out.value = row.t(4);
  out.holder = row.t(5);
  out.first_seen = row.n(1);
  out.last_seen = row.n(2);
  out.times_seen = row.n(3);
  out.times_vouched = row.n(4);
  out.first_learned = row.n(5);
  out.last_learned = row.n(6);
  return out;
}

context::MessageFingerprint ToFingerprint(const Row& row) {
  context::MessageFingerprint out;
  out.message_id = row.t(1);
  out.sender_address = row.t(2);
  out.sender_domain = row.t(3);
  out.normalized_subject = row.t(4);
  out.payment_values = SplitPaymentValues(row.t(5));
  out.simhash = static_cast<std::uint64_t>(row.n(1));
  out.date = row.n(2);
  return out;
}

}  // namespace

std::int64_t ReadMessageCount(Tx& tx) { return tx.Exec(kMessageCount)[0][0].as<std::int64_t>(); }

SnapshotRead ReadSnapshot(Tx& tx, ProfileCache& cache, const context::ContextQuery& query) {
  std::vector<std::string> payment_domains;  // each once, in the query's order
  for (const auto& domain : query.payment_domains) {
    if (std::find(payment_domains.begin(), payment_domains.end(), domain) ==
        payment_domains.end()) {
      payment_domains.push_back(domain);
    }
  }
  std::vector<std::string> name_keys = query.name_keys;
  std::erase(name_keys, "");
  const auto bands = SimHashBands(query.simhash);
  const bool want_style = !query.style_keys.empty() && query.style_impostors > 0;
  // Extra rows make room for skipping the claimed sender's own keys.
  const std::int64_t impostor_rows =
      want_style ? query.style_impostors + static_cast<std::int64_t>(query.style_keys.size()) : 0;
  const std::int64_t start =
      query.style_keys.empty() ? 0 : style::ImpostorOrder(query.style_keys.front());

  const auto rows = tx.Exec(
      kSnapshot, Texts(query.addresses).str(), Texts(query.domains).str(), Texts(name_keys).str(),
      Texts(query.thread_message_ids).str(), Texts(payment_domains).str(), int{bands[0]},
      int{bands[1]}, int{bands[2]}, int{bands[3]}, query.normalized_subject, query.simhash != 0,
      Texts(query.style_keys).str(), impostor_rows, start, kMaxDisplayNames, kMaxNameAddresses,
      kMaxThreadParticipants, kMaxThreadParticipantRows, kMaxPayments, kMaxSimilar);

  SnapshotRead read;
  context::LearnedContext& out = read.context;
  StyleRows style;
  for (const auto& raw : rows) {
    const Row row{raw};
    switch (row.part()) {
      case kCount:
        out.learned_messages = row.n(1);
        break;
      case kDomain:
        out.domains[row.t(1)] = context::DomainHistory{row.n(1), row.n(2), row.n(3), row.n(4)};
        break;
      case kCorrespondent: {
        context::Correspondent correspondent = ToCorrespondent(row);
        std::string address = correspondent.address;
        out.correspondents[std::move(address)] = std::move(correspondent);
        break;
      }
      case kNameAddresses:
        out.name_addresses[row.t(1)] = row.list(1);
        break;
      case kThread:
        out.thread = ToThread(row);
        break;
      case kPayment:
        if (auto payment = ToPayment(row)) out.payments.push_back(std::move(*payment));
        break;
      case kSimilar:
        out.similar.push_back(ToFingerprint(row));
        break;
      case kStyleProfile:
        style.profiles.push_back({row.t(1), row.n(1)});
        break;
      case kImpostorAfter:
      case kImpostorBefore:
        style.impostors.push_back({row.t(1), row.n(1)});
        break;
    }
  }
  KeepRecentPayments(out.payments);
  KeepNewestSimilar(out.similar);
  read.complete = TakeStyle(tx, cache, query, style, out);
  return read;
}

}  // namespace becguard::store::postgres
