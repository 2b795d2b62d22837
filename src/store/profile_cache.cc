#include "store/profile_cache.h"

namespace becguard::store {

context::SharedStyleProfile ProfileCache::Find(const std::string& key,
                                               std::int64_t messages) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.messages != messages) return nullptr;
  return it->second.profile;
}

void ProfileCache::Put(const std::string& key, std::int64_t messages,
                       context::SharedStyleProfile profile) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(key)) entries_.clear();
  entries_[key] = Entry{messages, std::move(profile)};
}

}  // namespace becguard::store
