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

// From the claimed key's place in the order to the end, then around from the start: the
// partial index style_impostor_pool (its predicate repeated literally) makes each a short range
// scan. The snapshot statement has the same two branches.
constexpr Sql kReadImpostors{"style_impostors", R"sql(
(SELECT 0 AS part, ord, key, messages FROM style_profiles
 WHERE is_address AND messages >= 20 AND script = $1 AND ord >= $2 ORDER BY ord LIMIT $3)
UNION ALL
(SELECT 1, ord, key, messages FROM style_profiles
 WHERE is_address AND messages >= 20 AND script = $1 AND ord < $2 ORDER BY ord LIMIT $3)
ORDER BY part, ord)sql"};

constexpr Sql kFetchProfiles{
    "style_fetch", "SELECT key, messages, profile FROM style_profiles WHERE key = ANY($1::text[])"};

// A blob of another format version reads as absent: the profile starts again.
std::optional<style::StyleProfile> Deserialize(const std::string& blob) {
  return style::StyleProfile::Deserialize(blob);
}

// The profile of each row (null: a blob of another format version): from the cache, else
// fetched, one statement for all the missing ones, decoded and cached.
std::map<std::string, context::SharedStyleProfile> Resolve(
    Tx& tx, ProfileCache& cache, const std::vector<const StyleRow*>& rows) {
  std::map<std::string, context::SharedStyleProfile> out;
  ArrayLiteral missing;
  for (const StyleRow* row : rows) {
    if (out.contains(row->key)) continue;
    if (context::SharedStyleProfile cached = cache.Find(row->key, row->messages)) {
      out.emplace(row->key, std::move(cached));
    } else {
      missing.Text(row->key);
    }
  }
  if (missing.size() == 0) return out;
  for (const auto& row : tx.Exec(kFetchProfiles, missing.str())) {
    const std::string key = row[0].as<std::string>();
    context::SharedStyleProfile profile;
    if (auto decoded = Deserialize(Bytes(row[2]))) {
      profile = std::make_shared<const style::StyleProfile>(std::move(*decoded));
      cache.Put(key, row[1].as<std::int64_t>(), profile);
    }
    out.emplace(key, std::move(profile));
  }
  return out;
}

// The first wanted rows in sample order that are not the claimed sender's own keys; of those,
// the ones that decode.
void AddImpostors(const context::ContextQuery& query, const std::vector<StyleRow>& rows,
                  const std::map<std::string, context::SharedStyleProfile>& profiles,
                  context::LearnedContext& out) {
  std::int64_t picked = 0;
  for (const StyleRow& row : rows) {
    if (picked >= query.style_impostors) break;
    if (std::find(query.style_keys.begin(), query.style_keys.end(), row.key) !=
        query.style_keys.end()) {
      continue;
    }
    ++picked;
    auto it = profiles.find(row.key);
    if (it != profiles.end() && it->second) out.style_impostors.push_back(it->second);
  }
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
    profiles[row[0].as<std::string>()] = Deserialize(Bytes(row[1])).value_or(style::StyleProfile{});
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

bool TakeStyle(Tx& tx, ProfileCache& cache, const context::ContextQuery& query,
               const StyleRows& rows, context::LearnedContext& out) {
  std::vector<const StyleRow*> wanted;
  for (const StyleRow& row : rows.profiles) wanted.push_back(&row);
  if (query.style_impostors > 0) {
    for (const StyleRow& row : rows.impostors) wanted.push_back(&row);
  }
  const auto profiles = Resolve(tx, cache, wanted);
  bool claimed = false, sql_claimed_same = true, first_row = true;
  for (const std::string& key : query.style_keys) {
    auto it = profiles.find(key);
    if (it == profiles.end()) continue;
    const bool readable = it->second != nullptr;
    if (!readable) sql_claimed_same = sql_claimed_same && !first_row;
    first_row = false;
    if (!readable) continue;
    out.style_profiles.emplace(key, it->second);
    claimed = true;
  }
  if (!claimed || query.style_impostors <= 0) return true;
  if (!sql_claimed_same) return false;
  AddImpostors(query, rows.impostors, profiles, out);
  return true;
}

void ReadImpostors(Tx& tx, ProfileCache& cache, const context::ContextQuery& query,
                   context::LearnedContext& out) {
  const style::StyleProfile* claimed = nullptr;
  for (const std::string& key : query.style_keys) {
    if (auto it = out.style_profiles.find(key); it != out.style_profiles.end()) {
      claimed = it->second.get();
      break;
    }
  }
  if (claimed == nullptr || query.style_impostors <= 0) return;
  // Extra rows make room for skipping the claimed sender's own keys.
  const auto limit = query.style_impostors + std::ssize(query.style_keys);
  std::vector<StyleRow> rows;
  for (const auto& row :
       tx.Exec(kReadImpostors, static_cast<int>(style::ScriptOf(*claimed)),
               style::ImpostorOrder(query.style_keys.front()), static_cast<std::int64_t>(limit))) {
    rows.push_back({row[2].as<std::string>(), row[3].as<std::int64_t>()});
  }
  std::vector<const StyleRow*> wanted;
  for (const StyleRow& row : rows) wanted.push_back(&row);
  AddImpostors(query, rows, Resolve(tx, cache, wanted), out);
}

}  // namespace becguard::store::postgres
