// ProfileCache: deserialised writing-style profiles shared by every scan of a process. The
// impostor sample of each message is 16 profiles of ~5 KB each; reading and decoding them was
// most of a snapshot's cost, and the same mature profiles serve message after message.
// A profile changes only by learning, which always adds a message, so (key, message count)
// names one version: a stale entry is never returned. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "context/learned_context.h"

namespace becguard::store {

// Room for the whole impostor pool of a million-message store (about 2,000 mature profiles),
// so a long-running scanner does not cycle through it.
inline constexpr std::size_t kCachedStyleProfiles = 4096;

class ProfileCache {
 public:
  // At most `capacity` profiles (a few MB per thousand); when full, the cache starts over,
  // which keeps it bounded without bookkeeping on the hot path.
  explicit ProfileCache(std::size_t capacity) : capacity_(capacity) {}

  // The profile of `key` at `messages` messages, or null.
  context::SharedStyleProfile Find(const std::string& key, std::int64_t messages) const;
  void Put(const std::string& key, std::int64_t messages, context::SharedStyleProfile profile);

 private:
  struct Entry {
    std::int64_t messages = 0;
    context::SharedStyleProfile profile;
  };
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mutex_
};

}  // namespace becguard::store
