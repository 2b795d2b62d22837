#include "store/postgres/style_cache.h"

namespace becguard::store::postgres {

std::optional<StyleCache::Entry> StyleCache::Find(const std::string& key, std::int64_t revision) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end() || it->second.revision != revision) return std::nullopt;
  recent_.splice(recent_.begin(), recent_, it->second.use);
  return it->second.entry;
}

void StyleCache::Put(const std::string& key, std::int64_t revision, Entry entry) {
  std::lock_guard lock(mutex_);
  if (auto it = slots_.find(key); it != slots_.end()) {
    it->second.revision = revision;
    it->second.entry = std::move(entry);
    recent_.splice(recent_.begin(), recent_, it->second.use);
    return;
  }
  recent_.push_front(key);
  slots_.emplace(key, Slot{revision, std::move(entry), recent_.begin()});
  while (slots_.size() > capacity_) {
    slots_.erase(recent_.back());
    recent_.pop_back();
  }
}

}  // namespace becguard::store::postgres
