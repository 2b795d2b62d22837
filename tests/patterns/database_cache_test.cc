#include "patterns/database_cache.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "patterns/pattern_set.h"

namespace becguard::patterns {
namespace {

namespace fs = std::filesystem;

class DatabaseCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("becguard-hscache-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::vector<PatternSpec> Specs() { return {{"a", "wire\\s+transfer", 0}, {"b", "振込先", 1}}; }
  fs::path dir_;
};

TEST_F(DatabaseCacheTest, SecondCompileLoadsTheCachedDatabaseAndMatchesTheSame) {
  auto first = PatternSet::Compile(Specs(), dir_.string());
  ASSERT_TRUE(first) << first.error().ToString();
  ASSERT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
  auto second = PatternSet::Compile(Specs(), dir_.string());
  ASSERT_TRUE(second);
  auto matches = second->Scan("please wire  transfer to the new 振込先");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].pattern_index, 0u);
  EXPECT_EQ(matches[1].pattern_index, 1u);
}

TEST_F(DatabaseCacheTest, DifferentPatternsGetDifferentKeys) {
  auto specs = Specs();
  const auto key = DatabaseKey(specs, 0);
  specs[1].regex = "振込口座";
  EXPECT_NE(DatabaseKey(specs, 0), key);
  EXPECT_NE(DatabaseKey(Specs(), 1), key);
}

TEST_F(DatabaseCacheTest, CorruptCacheFileIsIgnoredAndRewritten) {
  const auto key =
      DatabaseKey(Specs(), HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SOM_LEFTMOST);
  ASSERT_TRUE(PatternSet::Compile(Specs(), dir_.string()));
  for (const auto& entry : fs::directory_iterator(dir_)) {
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << "garbage";
  }
  EXPECT_EQ(LoadCachedDatabase(dir_.string(), key), nullptr);
  auto set = PatternSet::Compile(Specs(), dir_.string());
  ASSERT_TRUE(set);
  EXPECT_EQ(set->Scan("wire transfer").size(), 1u);
}

TEST_F(DatabaseCacheTest, EmptyDirectoryDisablesTheCache) {
  EXPECT_EQ(LoadCachedDatabase("", 1), nullptr);
  ASSERT_TRUE(PatternSet::Compile(Specs(), ""));
  EXPECT_FALSE(fs::exists(dir_));
}

constexpr unsigned kFlags = HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SOM_LEFTMOST;

fs::path OnlyFile(const fs::path& dir) { return fs::directory_iterator(dir)->path(); }

TEST_F(DatabaseCacheTest, APlantedLinkIsNeitherFollowedNorLoaded) {
  ASSERT_TRUE(PatternSet::Compile(Specs(), dir_.string()));
  const fs::path cached = OnlyFile(dir_);
  const fs::path victim = dir_.string() + "-victim";
  std::ofstream(victim) << "precious";
  fs::remove(cached);
  fs::create_symlink(victim, cached);
  EXPECT_EQ(LoadCachedDatabase(dir_.string(), DatabaseKey(Specs(), kFlags)), nullptr);
  ASSERT_TRUE(PatternSet::Compile(Specs(), dir_.string()));  // recompiles and saves
  std::ifstream in(victim);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "precious");  // the link's target was not overwritten
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(cached)));  // replaced by our own file
  fs::remove(victim);
}

TEST_F(DatabaseCacheTest, FilesOthersCouldHaveWrittenAreNotLoaded) {
  ASSERT_TRUE(PatternSet::Compile(Specs(), dir_.string()));
  const auto key = DatabaseKey(Specs(), kFlags);
  const fs::path cached = OnlyFile(dir_);
  EXPECT_EQ(fs::status(cached).permissions() & fs::perms::group_write, fs::perms::none);
  hs_database_t* own = LoadCachedDatabase(dir_.string(), key);
  EXPECT_NE(own, nullptr);
  hs_free_database(own);
  fs::permissions(cached, fs::perms::group_write, fs::perm_options::add);
  EXPECT_EQ(LoadCachedDatabase(dir_.string(), key), nullptr);
  fs::permissions(cached, fs::perms::group_write, fs::perm_options::remove);
  fs::permissions(dir_, fs::perms::others_write, fs::perm_options::add);
  EXPECT_EQ(LoadCachedDatabase(dir_.string(), key), nullptr);  // a directory anyone may write
}

}  // namespace
}  // namespace becguard::patterns
