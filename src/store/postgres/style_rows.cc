#include "store/postgres/style_rows.h"

#include <algorithm>
#include <map>
#include <string>

#include "store/postgres/sql_arrays.h"
#include "style/profile.h"

namespace becguard::store::postgres {
namespace {

// Creates missing rows (empty blob: a fresh profile) and locks every row, in key order; the
// blob returned is the newest committed one, not the transaction's snapshot.
constexpr Sql kLockProfiles{"style_lock", R"sql(
INSERT INTO style_profiles AS s (key, script, ord, messages, is_address, profile)
SELECT k, 0, 0, 0, false, ''::bytea FROM unnest($1::text[]) AS k
ON CONFLICT (key) DO UPDATE SET messages = s.messages
RETURNING key, profile)sql"};

constexpr Sql kStoreProfiles{"style_store", R"sql(
UPDATE style_profiles AS s SET script = u.script, ord = u.ord, messages = u.messages,
  is_address = u.is_address, profile = decode(u.profile, 'hex')
FROM unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[], $5::boolean[], $6::text[])
  AS u(key, script, ord, messages, is_address, profile)
WHERE s.key = u.key)sql"};

constexpr Sql kReadProfiles{"style_profiles",
                            "SELECT key, profile FROM style_profiles WHERE key = ANY($1::text[])"};

// From the claimed key's place in the order to the end, then around from the start: the
// partial index on (script, ord) makes each a short range scan.
constexpr Sql kReadImpostors{"style_impostors", R"sql(
(SELECT 0 AS part, ord, key, profile FROM style_profiles
 WHERE is_address AND script = $1 AND messages >= $2 AND ord >= $3 ORDER BY ord LIMIT $4)
UNION ALL
(SELECT 1, ord, key, profile FROM style_profiles
 WHERE is_address AND script = $1 AND messages >= $2 AND ord < $3 ORDER BY ord LIMIT $4)
ORDER BY part, ord)sql"};

std::optional<style::StyleProfile> Deserialize(const pqxx::field& field) {
  const pqxx::binarystring blob(field);
  // A blob of another format version reads as absent: the profile starts again.
  return style::StyleProfile::Deserialize(
      std::string_view(reinterpret_cast<const char*>(blob.get()), blob.size()));
}

}  // namespace

void LearnStyle(Tx& tx, const std::vector<const context::LearnRecord*>& records) {
  std::map<std::string, std::vector<const style::StyleSample*>> samples;  // sorted: lock order
  for (const context::LearnRecord* record : records) {
    if (record->style.words < style::StyleProfile::kMinLearnWords) continue;
    for (const std::string& key : record->style_keys) samples[key].push_back(&record->style);
  }
  if (samples.empty()) return;
  ArrayLiteral keys;
  for (const auto& [key, list] : samples) keys.Text(key);
  std::map<std::string, style::StyleProfile> profiles;
  for (const auto& row : tx.Exec(kLockProfiles, keys.str())) {
    profiles[row[0].as<std::string>()] = Deserialize(row[1]).value_or(style::StyleProfile{});
  }
  std::array<ArrayLiteral, 6> columns;
  for (const auto& [key, list] : samples) {
    style::StyleProfile& profile = profiles[key];
    for (const style::StyleSample* sample : list) profile.Add(*sample);
    columns[0].Text(key);
    columns[1].Int(static_cast<std::int64_t>(style::ScriptOf(profile)));
    columns[2].Int(style::ImpostorOrder(key));
    columns[3].Int(profile.messages());
    columns[4].Int(key.starts_with("addr:") ? 1 : 0);
    columns[5].Text(Hex(profile.Serialize()));
  }
  ExecColumns(tx, kStoreProfiles, columns);
}

void ReadStyle(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out) {
  if (query.style_keys.empty()) return;
  ArrayLiteral keys;
  for (const std::string& key : query.style_keys) keys.Text(key);
  std::map<std::string, style::StyleProfile> found;
  for (const auto& row : tx.Exec(kReadProfiles, keys.str())) {
    if (auto profile = Deserialize(row[1])) found.emplace(row[0].as<std::string>(), *profile);
  }
  const style::StyleProfile* claimed = nullptr;  // the first asked key that has a profile
  for (const std::string& key : query.style_keys) {
    auto it = found.find(key);
    if (it == found.end()) continue;
    auto [kept, inserted] = out.style_profiles.emplace(key, it->second);
    if (claimed == nullptr) claimed = &kept->second;
  }
  if (claimed == nullptr || query.style_impostors <= 0) return;

  const std::int64_t wanted = query.style_impostors;
  // Extra rows make room for skipping the claimed sender's own keys.
  const auto limit = wanted + static_cast<std::int64_t>(query.style_keys.size());
  const auto rows = tx.Exec(kReadImpostors, static_cast<int>(style::ScriptOf(*claimed)),
                            query.style_impostor_min_messages,
                            style::ImpostorOrder(query.style_keys.front()), limit);
  for (const auto& row : rows) {
    if (static_cast<std::int64_t>(out.style_impostors.size()) >= wanted) break;
    const std::string key = row[2].as<std::string>();
    if (std::find(query.style_keys.begin(), query.style_keys.end(), key) !=
        query.style_keys.end()) {
      continue;
    }
    if (auto profile = Deserialize(row[3])) out.style_impostors.push_back(std::move(*profile));
  }
}

}  // namespace becguard::store::postgres
