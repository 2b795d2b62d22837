// The Store contract for writing-style profiles, against every backend: profiles by key, the
// same message learned twice, and the deterministic impostor sample (mature, same script, never
// the claimed sender's own keys).
#include <gtest/gtest.h>

#include <memory>

#include "context/store.h"
#include "store_backends.h"
#include "style/features.h"
#include "test_records.h"

namespace becguard::store {
namespace {

using context::ContextQuery;
using context::LearnRecord;
using context::StyleKeyForAddress;
using context::StyleKeyForPerson;
using testing::MakeRecord;

constexpr char kEnglish[] =
    "Hi Anna,\n\nThe figures for the second quarter are attached. Let me know if anything looks "
    "off before the board meeting.\n\nThanks,\nJeff\n";
constexpr char kJapanese[] =
    "山田様\n\nいつもお世話になっております。資料を添付いたしますので、ご確認ください。\n"
    "よろしくお願いいたします。\n";

template <typename Backend>
class StoreStyleTest : public ::testing::Test {
 protected:
  StoreStyleTest() : store_(backend_.Make()) {}
  void SetUp() override { ASSERT_NE(store_, nullptr); }

  // `count` messages from `from`, teaching its address key (and `extra` keys), in one batch.
  void Teach(const std::string& from, int count, const char* text = kEnglish,
             std::vector<std::string> extra = {}) {
    const style::StyleSample sample = style::ExtractStyle(text);
    std::vector<LearnRecord> batch;
    for (int i = 0; i < count; ++i) {
      LearnRecord record =
          MakeRecord(from + "-" + std::to_string(i), from, "x@org.example", 1700000000 + i);
      record.style = sample;
      record.style_keys = {StyleKeyForAddress(from)};
      for (const std::string& key : extra) record.style_keys.push_back(key);
      batch.push_back(std::move(record));
    }
    auto learnt = store_->Learn(batch);
    ASSERT_TRUE(learnt) << learnt.error().ToString();
  }
  context::LearnedContext Snapshot(std::vector<std::string> keys, int impostors = 0) {
    ContextQuery query;
    query.style_keys = std::move(keys);
    query.style_impostors = impostors;
    auto result = store_->Snapshot(query);
    EXPECT_TRUE(result) << result.error().ToString();
    return result ? *result : context::LearnedContext{};
  }

  Backend backend_;
  std::unique_ptr<context::Store> store_;
};

TYPED_TEST_SUITE(StoreStyleTest, testing::Backends, testing::BackendName);

TYPED_TEST(StoreStyleTest, LearnsProfilesByAddressAndPerson) {
  const std::string person = StyleKeyForPerson("Jeff Skilling");
  this->Teach("jeff@org.example", 4, kEnglish, {person});
  this->Teach("jeff.home@org.example", 2, kEnglish, {person});
  const auto snapshot = this->Snapshot(
      {StyleKeyForAddress("jeff@org.example"), person, StyleKeyForAddress("nobody@org.example")});
  ASSERT_EQ(snapshot.style_profiles.size(), 2u);
  EXPECT_EQ(snapshot.style_profiles.at(StyleKeyForAddress("jeff@org.example"))->messages(), 4);
  const style::StyleProfile& merged = *snapshot.style_profiles.at(person);
  EXPECT_EQ(merged.messages(), 6);
  EXPECT_EQ(merged.greetings().front().form, "hi <name>,");
  EXPECT_TRUE(snapshot.style_impostors.empty());  // none asked for
}

TYPED_TEST(StoreStyleTest, SameMessageTwiceTeachesOnce) {
  LearnRecord record = MakeRecord("once@x", "a@org.example", "b@org.example", 1700000000);
  record.style = style::ExtractStyle(kEnglish);
  record.style_keys = {StyleKeyForAddress("a@org.example")};
  ASSERT_TRUE(this->store_->Learn(record));
  ASSERT_TRUE(this->store_->Learn(record));
  EXPECT_EQ(this->Snapshot({StyleKeyForAddress("a@org.example")})
                .style_profiles.at(StyleKeyForAddress("a@org.example"))
                ->messages(),
            1);
}

TYPED_TEST(StoreStyleTest, NoTextNoProfile) {
  LearnRecord record = MakeRecord("empty@x", "a@org.example", "b@org.example", 1700000000);
  record.style_keys = {StyleKeyForAddress("a@org.example")};  // style left empty
  ASSERT_TRUE(this->store_->Learn(record));
  EXPECT_TRUE(this->Snapshot({StyleKeyForAddress("a@org.example")}).style_profiles.empty());
}

TYPED_TEST(StoreStyleTest, ImpostorsAreMatureOthersOfTheSameScript) {
  constexpr int kMature = static_cast<int>(context::kStyleImpostorMinMessages);
  this->Teach("claimed@org.example", kMature);
  this->Teach("claimed2@org.example", kMature);  // the claimed person's other address
  for (int i = 0; i < 6; ++i) this->Teach("peer" + std::to_string(i) + "@org.example", kMature);
  this->Teach("newcomer@org.example", kMature - 1);  // immature
  this->Teach("tanaka@org.example", kMature, kJapanese);
  const std::vector<std::string> keys{StyleKeyForAddress("claimed@org.example"),
                                      StyleKeyForAddress("claimed2@org.example")};
  const auto all = this->Snapshot(keys, 50);
  EXPECT_EQ(all.style_impostors.size(), 6u);  // the peers only
  for (const auto& p : all.style_impostors) {
    EXPECT_EQ(p->messages(), kMature);
    EXPECT_EQ(style::ScriptOf(*p), style::ProfileScript::kLatin);
  }
  // A sample of the requested size, the same one every time.
  const auto a = this->Snapshot(keys, 4);
  const auto b = this->Snapshot(keys, 4);
  ASSERT_EQ(a.style_impostors.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(a.style_impostors[i]->Serialize(), b.style_impostors[i]->Serialize());
  }
  // A Japanese writer's impostors are Japanese writers: here there are none.
  EXPECT_TRUE(
      this->Snapshot({StyleKeyForAddress("tanaka@org.example")}, 10).style_impostors.empty());
  // No claimed profile: no impostors either.
  EXPECT_TRUE(
      this->Snapshot({StyleKeyForAddress("ghost@org.example")}, 10).style_impostors.empty());
}

}  // namespace
}  // namespace becguard::store
