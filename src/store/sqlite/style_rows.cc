#include "store/sqlite/style_rows.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "style/profile.h"

namespace becguard::store::sqlite {
namespace {

Result<std::optional<style::StyleProfile>> ReadProfile(Connection& db, const std::string& key) {
  auto row = db.Prepare("SELECT profile FROM style_profiles WHERE key = ?1");
  if (!row) return tl::unexpected(row.error());
  row->Bind(1, key);
  auto found = row->Step();
  if (!found) return tl::unexpected(found.error());
  if (!*found) return std::optional<style::StyleProfile>{};
  // A blob of another format version reads as absent: the profile starts again.
  return style::StyleProfile::Deserialize(row->Blob(0));
}

// The profile of `key` at version `messages`: from the cache, else read, decoded and cached.
// Null for a blob of another format version.
Result<context::SharedStyleProfile> CachedProfile(Connection& db, const std::string& key,
                                                  std::int64_t messages, ProfileCache& cache) {
  if (context::SharedStyleProfile cached = cache.Find(key, messages)) return cached;
  auto read = ReadProfile(db, key);
  if (!read) return tl::unexpected(read.error());
  if (!read->has_value()) return context::SharedStyleProfile{};
  auto profile = std::make_shared<const style::StyleProfile>(std::move(**read));
  cache.Put(key, messages, profile);
  return context::SharedStyleProfile(std::move(profile));
}

}  // namespace

Result<void> LearnStyle(Connection& db, const context::LearnRecord& record,
                        PendingProfiles& pending) {
  if (record.style.words < style::StyleProfile::kMinLearnWords) return {};
  for (const std::string& key : record.style_keys) {
    auto it = pending.find(key);
    if (it == pending.end()) {
      auto existing = ReadProfile(db, key);
      if (!existing) return tl::unexpected(existing.error());
      it = pending.emplace(key, existing->value_or(style::StyleProfile{})).first;
    }
    it->second.Add(record.style);
  }
  return {};
}

Result<void> WritePendingProfiles(Connection& db, PendingProfiles& pending) {
  auto upsert = db.Prepare(R"sql(
INSERT INTO style_profiles (key, script, ord, messages, is_address, profile)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (key) DO UPDATE SET script = ?2, messages = ?4, profile = ?6)sql");
  if (!upsert) return tl::unexpected(upsert.error());
  for (const auto& [key, profile] : pending) {
    upsert->Bind(1, key).Bind(2, static_cast<std::int64_t>(style::ScriptOf(profile)));
    upsert->Bind(3, style::ImpostorOrder(key)).Bind(4, profile.messages());
    upsert->Bind(5, std::int64_t{key.starts_with("addr:") ? 1 : 0});
    upsert->BindBlob(6, profile.Serialize());
    BECGUARD_RETURN_IF_ERROR(upsert->Run());
  }
  pending.clear();
  return {};
}

Result<void> ReadStyle(Connection& db, const context::ContextQuery& query, ProfileCache& cache,
                       context::LearnedContext& out) {
  const style::StyleProfile* claimed = nullptr;
  auto version = db.Prepare("SELECT messages FROM style_profiles WHERE key = ?1");
  if (!version) return tl::unexpected(version.error());
  for (const std::string& key : query.style_keys) {
    version->Bind(1, key);
    auto found = version->Step();
    if (!found) return tl::unexpected(found.error());
    const std::int64_t messages = *found ? version->Int(0) : -1;
    version->Reset();
    if (messages < 0) continue;
    auto profile = CachedProfile(db, key, messages, cache);
    if (!profile) return tl::unexpected(profile.error());
    if (!*profile) continue;
    auto [it, inserted] = out.style_profiles.emplace(key, std::move(*profile));
    if (claimed == nullptr) claimed = it->second.get();
  }
  if (claimed == nullptr || query.style_impostors <= 0) return {};

  // From the claimed key's place in the order to the end, then around from the start: the
  // partial index style_impostor_pool (mature address profiles only; its WHERE is repeated
  // literally so the planner can use it) makes each a covering range scan of at most `limit`
  // rows; a profile is read and decoded only when the cache lacks that version.
  auto rows = db.Prepare(R"sql(
SELECT key, messages FROM style_profiles
WHERE is_address = 1 AND messages >= 20 AND script = ?1 AND ord >= ?2 AND ord < ?3
ORDER BY ord LIMIT ?4)sql");
  static_assert(context::kStyleImpostorMinMessages == 20, "keep the SQL and schema in step");
  if (!rows) return tl::unexpected(rows.error());
  const auto script = static_cast<std::int64_t>(style::ScriptOf(*claimed));
  const std::int64_t start = style::ImpostorOrder(query.style_keys.front());
  const std::int64_t wanted = query.style_impostors;
  // Extra rows make room for skipping the claimed sender's own keys.
  const std::int64_t limit = wanted + static_cast<std::int64_t>(query.style_keys.size());
  std::vector<std::pair<std::string, std::int64_t>> picked;  // (key, messages)
  for (const auto& [lo, hi] : {std::pair{start, INT64_MAX}, std::pair{std::int64_t{0}, start}}) {
    rows->Bind(1, script).Bind(2, lo).Bind(3, hi).Bind(4, limit);
    while (static_cast<std::int64_t>(picked.size()) < wanted) {
      auto row = rows->Step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      std::string key = rows->Text(0);
      if (std::find(query.style_keys.begin(), query.style_keys.end(), key) !=
          query.style_keys.end()) {
        continue;
      }
      picked.emplace_back(std::move(key), rows->Int(1));
    }
    rows->Reset();
  }
  for (const auto& [key, messages] : picked) {
    auto profile = CachedProfile(db, key, messages, cache);
    if (!profile) return tl::unexpected(profile.error());
    if (*profile) out.style_impostors.push_back(std::move(*profile));
  }
  return {};
}

}  // namespace becguard::store::sqlite
