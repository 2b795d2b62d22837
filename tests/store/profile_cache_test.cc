// ProfileCache: a profile is returned only at the version it was cached at, and the cache stays
// within its capacity.
#include "store/profile_cache.h"

#include <gtest/gtest.h>

#include <memory>

namespace becguard::store {
namespace {

context::SharedStyleProfile Profile() { return std::make_shared<const style::StyleProfile>(); }

TEST(ProfileCacheTest, ReturnsOnlyTheCachedVersion) {
  ProfileCache cache(4);
  const auto profile = Profile();
  cache.Put("addr:a@x", 20, profile);
  EXPECT_EQ(cache.Find("addr:a@x", 20), profile);
  EXPECT_EQ(cache.Find("addr:a@x", 21), nullptr);  // learned one more message since
  EXPECT_EQ(cache.Find("addr:b@x", 20), nullptr);
  const auto newer = Profile();
  cache.Put("addr:a@x", 21, newer);
  EXPECT_EQ(cache.Find("addr:a@x", 21), newer);
  EXPECT_EQ(cache.Find("addr:a@x", 20), nullptr);
}

TEST(ProfileCacheTest, StaysWithinItsCapacity) {
  ProfileCache cache(2);
  cache.Put("addr:a@x", 20, Profile());
  cache.Put("addr:b@x", 20, Profile());
  cache.Put("addr:b@x", 21, Profile());  // replacing an entry never evicts
  EXPECT_NE(cache.Find("addr:a@x", 20), nullptr);
  cache.Put("addr:c@x", 20, Profile());  // full: starts over
  EXPECT_EQ(cache.Find("addr:a@x", 20), nullptr);
  EXPECT_EQ(cache.Find("addr:b@x", 21), nullptr);
  EXPECT_NE(cache.Find("addr:c@x", 20), nullptr);
}

}  // namespace
}  // namespace becguard::store
