// StyleCache: the writing-style profiles this node has fetched and deserialized, by key and
// revision (style_profiles.revision, counted up by every write of the row). A snapshot reads
// only each profile's revision and takes the profile from here when it matches, so the ~5 KB
// blobs of a sender's impostor sample cross the network once per change instead of once per
// scanned message, and a cached profile is never stale. Bounded (least recently used goes
// first). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "style/profile.h"

namespace becguard::store::postgres {

class StyleCache {
 public:
  explicit StyleCache(std::size_t capacity) : capacity_(capacity) {}

  struct Entry {
    // Null: the blob of this revision does not deserialize (another format version).
    std::shared_ptr<const style::StyleProfile> profile;
  };
  // The entry of key at exactly this revision, if cached.
  std::optional<Entry> Find(const std::string& key, std::int64_t revision);
  void Put(const std::string& key, std::int64_t revision, Entry entry);

 private:
  struct Slot {
    std::int64_t revision;
    Entry entry;
    std::list<std::string>::iterator use;  // position in recent_
  };

  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Slot> slots_;  // guarded by mutex_
  std::list<std::string> recent_;                // keys, most recently used first
};

}  // namespace becguard::store::postgres
