// The Store contract, run against every backend (in-memory, SQLite on a temporary file,
// PostgreSQL in a fresh database; see store_backends.h).
#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "context/store.h"
#include "store/snapshot_limits.h"
#include "store_backends.h"
#include "test_records.h"
#include "text/normalize.h"

namespace becguard::store {
namespace {

using context::ContextQuery;
using context::LearnRecord;
using payment::DetailKind;
using testing::MakePayment;
using testing::MakeRecord;

template <typename Backend>
class StoreContractTest : public ::testing::Test {
 protected:
  StoreContractTest() : store_(backend_.Make()) {}
  void SetUp() override { ASSERT_NE(store_, nullptr); }

  void Learn(const LearnRecord& record) {
    auto result = store_->Learn(record);
    ASSERT_TRUE(result) << result.error().ToString();
  }
  context::LearnedContext Snapshot(const ContextQuery& query) {
    auto result = store_->Snapshot(query);
    EXPECT_TRUE(result) << result.error().ToString();
    return result ? *result : context::LearnedContext{};
  }
  std::int64_t Count() {
    auto count = store_->MessageCount();
    EXPECT_TRUE(count) << count.error().ToString();
    return count ? *count : -1;
  }

  Backend backend_;
  std::unique_ptr<context::Store> store_;
};

TYPED_TEST_SUITE(StoreContractTest, testing::Backends, testing::BackendName);

TYPED_TEST(StoreContractTest, EmptyStoreKnowsNothing) {
  ContextQuery query;
  query.addresses = {"a@vendor.example"};
  query.domains = {"vendor.example"};
  query.name_keys = {"alice"};
  query.thread_message_ids = {"<1@x>"};
  query.payment_domains = {"vendor.example"};
  query.simhash = 0x1234;
  const auto context = this->Snapshot(query);
  EXPECT_EQ(context.learned_messages, 0);
  EXPECT_TRUE(context.correspondents.empty());
  EXPECT_TRUE(context.domains.empty());
  EXPECT_TRUE(context.name_addresses.empty());
  EXPECT_FALSE(context.thread.has_value());
  EXPECT_TRUE(context.payments.empty());
  EXPECT_TRUE(context.similar.empty());
  EXPECT_EQ(this->Count(), 0);
}

TYPED_TEST(StoreContractTest, LearnsCorrespondentsDomainsAndNames) {
  LearnRecord first = MakeRecord("<1@vendor>", "anna@vendor.example", "bob@ours.example", 2000);
  first.from_name = "Anna Schmidt";
  first.recipients = {{"bob@ours.example", "Bob Jones"}, {"bob@ours.example", "dup"}};
  LearnRecord second = MakeRecord("<2@vendor>", "anna@vendor.example", "bob@ours.example", 1000);
  second.from_name = "Schmidt, Anna (Vendor)";
  LearnRecord third = MakeRecord("<3@vendor>", "anna@vendor.example", "carl@ours.example", 3000);
  third.from_name = "Schmidt, Anna (Vendor)";
  this->Learn(first);
  this->Learn(second);
  this->Learn(third);

  ContextQuery query;
  query.addresses = {"anna@vendor.example", "bob@ours.example", "stranger@evil.example"};
  query.domains = {"vendor.example", "evil.example"};
  query.name_keys = {text::NameKey("Anna Schmidt"), text::NameKey("Nobody")};
  const auto context = this->Snapshot(query);
  EXPECT_EQ(context.learned_messages, 3);

  ASSERT_EQ(context.correspondents.count("anna@vendor.example"), 1u);
  const auto& anna = context.correspondents.at("anna@vendor.example");
  EXPECT_EQ(anna.registrable_domain, "vendor.example");
  EXPECT_EQ(anna.messages_from, 3);
  EXPECT_EQ(anna.messages_to, 0);
  EXPECT_EQ(anna.first_seen, 1000);
  EXPECT_EQ(anna.last_seen, 3000);
  ASSERT_EQ(anna.display_names.size(), 2u);
  EXPECT_EQ(anna.display_names[0], "Schmidt, Anna (Vendor)");  // most frequent first
  EXPECT_EQ(anna.display_names[1], "Anna Schmidt");

  ASSERT_EQ(context.correspondents.count("bob@ours.example"), 1u);
  const auto& bob = context.correspondents.at("bob@ours.example");
  EXPECT_EQ(bob.messages_to, 2);  // a duplicate recipient counts once per message
  EXPECT_EQ(bob.messages_from, 0);
  EXPECT_EQ(bob.display_names, std::vector<std::string>{"Bob Jones"});
  EXPECT_EQ(context.correspondents.count("stranger@evil.example"), 0u);

  EXPECT_EQ(context.domains.at("vendor.example").messages_from, 3);
  EXPECT_EQ(context.domains.count("evil.example"), 0u);

  ASSERT_EQ(context.name_addresses.count(text::NameKey("Anna Schmidt")), 1u);
  EXPECT_EQ(context.name_addresses.at(text::NameKey("Anna Schmidt")),
            std::vector<std::string>{"anna@vendor.example"});
  EXPECT_EQ(context.name_addresses.count(text::NameKey("Nobody")), 0u);
}

TYPED_TEST(StoreContractTest, NameBindingsListMostUsedAddressFirst) {
  LearnRecord a = MakeRecord("<a@x>", "ceo@ours.example", "x@y.example", 10);
  a.from_name = "Harriet Vandermolen";
  LearnRecord b = MakeRecord("<b@x>", "harriet@gmail.example", "x@y.example", 20);
  b.from_name = "Harriet Vandermolen";
  LearnRecord c = MakeRecord("<c@x>", "harriet@gmail.example", "x@y.example", 30);
  c.from_name = "harriet  VANDERMOLEN";
  for (const auto& record : {a, b, c}) this->Learn(record);
  ContextQuery query;
  const std::string key = text::NameKey("Harriet Vandermolen");
  query.name_keys = {key};
  const auto context = this->Snapshot(query);
  ASSERT_EQ(context.name_addresses.count(key), 1u);
  EXPECT_EQ(context.name_addresses.at(key),
            (std::vector<std::string>{"harriet@gmail.example", "ceo@ours.example"}));
}

TYPED_TEST(StoreContractTest, LearningTheSameMessageIdTwiceChangesNothing) {
  LearnRecord record = MakeRecord("<same@x>", "anna@vendor.example", "bob@ours.example", 100);
  record.payments = {MakePayment(DetailKind::kIban, "DE89370400440532013000")};
  record.simhash = 0xABCDEF;
  this->Learn(record);
  LearnRecord again = record;
  again.date = 999;  // a different copy of the same message
  this->Learn(again);
  ContextQuery query;
  query.addresses = {"anna@vendor.example"};
  query.payment_domains = {"vendor.example"};
  query.simhash = 0xABCDEF;
  query.thread_message_ids = {"<same@x>"};
  const auto context = this->Snapshot(query);
  EXPECT_EQ(context.learned_messages, 1);
  EXPECT_EQ(context.correspondents.at("anna@vendor.example").messages_from, 1);
  EXPECT_EQ(context.correspondents.at("anna@vendor.example").last_seen, 100);
  ASSERT_EQ(context.payments.size(), 1u);
  EXPECT_EQ(context.payments[0].times_seen, 1);
  EXPECT_EQ(context.similar.size(), 1u);
  ASSERT_TRUE(context.thread.has_value());
  EXPECT_EQ(context.thread->messages, 1);
}

TYPED_TEST(StoreContractTest, MessagesWithoutMessageIdGetStableSyntheticKeys) {
  LearnRecord record = MakeRecord("", "anna@vendor.example", "bob@ours.example", 100);
  this->Learn(record);
  this->Learn(record);
  EXPECT_EQ(this->Count(), 1);
  LearnRecord other = record;
  other.normalized_subject = "another subject";
  this->Learn(other);
  EXPECT_EQ(this->Count(), 2);
}

TYPED_TEST(StoreContractTest, RepliesJoinTheThreadTheyReference) {
  LearnRecord root = MakeRecord("<root@v>", "anna@vendor.example", "bob@ours.example", 100);
  root.from_name = "Anna  Schmidt";
  root.normalized_subject = "invoice 4711";
  LearnRecord reply = MakeRecord("<reply@o>", "bob@ours.example", "anna@vendor.example", 200);
  reply.from_name = "Bob Jones";
  reply.references = {"<root@v>"};
  reply.normalized_subject = "invoice 4711";
  LearnRecord later = MakeRecord("<later@v>", "carl@vendor.example", "bob@ours.example", 300);
  later.references = {"<reply@o>", "<root@v>"};
  LearnRecord unrelated = MakeRecord("<other@z>", "zed@else.example", "bob@ours.example", 400);
  for (const auto& record : {root, reply, later, unrelated}) this->Learn(record);

  ContextQuery query;
  query.thread_message_ids = {"<unknown@x>", "<later@v>"};
  const auto context = this->Snapshot(query);
  ASSERT_TRUE(context.thread.has_value());
  const auto& thread = *context.thread;
  EXPECT_EQ(thread.thread_id, "<root@v>");
  EXPECT_EQ(thread.normalized_subject, "invoice 4711");
  EXPECT_EQ(thread.messages, 3);
  EXPECT_EQ(thread.first_seen, 100);
  EXPECT_EQ(thread.last_seen, 300);
  EXPECT_EQ(
      thread.participant_addresses,
      (std::vector<std::string>{"anna@vendor.example", "bob@ours.example", "carl@vendor.example"}));
  EXPECT_EQ(thread.participant_names, (std::vector<std::string>{text::Normalize("Anna  Schmidt"),
                                                                text::Normalize("Bob Jones")}));

  ContextQuery other;
  other.thread_message_ids = {"<other@z>"};
  const auto other_context = this->Snapshot(other);
  ASSERT_TRUE(other_context.thread.has_value());
  EXPECT_EQ(other_context.thread->thread_id, "<other@z>");
  EXPECT_EQ(other_context.thread->messages, 1);

  ContextQuery unknown;
  unknown.thread_message_ids = {"<never@x>"};
  EXPECT_FALSE(this->Snapshot(unknown).thread.has_value());
}

TYPED_TEST(StoreContractTest, ParentLearnedAfterReplyJoinsTheReplysThread) {
  LearnRecord reply = MakeRecord("<reply@o>", "bob@ours.example", "anna@vendor.example", 200);
  reply.references = {"<root@v>"};
  LearnRecord root = MakeRecord("<root@v>", "anna@vendor.example", "bob@ours.example", 100);
  this->Learn(reply);
  this->Learn(root);
  ContextQuery query;
  query.thread_message_ids = {"<root@v>"};
  const auto context = this->Snapshot(query);
  ASSERT_TRUE(context.thread.has_value());
  EXPECT_EQ(context.thread->messages, 2);
  EXPECT_EQ(context.thread->first_seen, 100);
}

TYPED_TEST(StoreContractTest, PaymentsAccumulateTimesSeenPerCounterparty) {
  LearnRecord first = MakeRecord("<p1@v>", "ar@vendor.example", "ap@ours.example", 100);
  first.payments = {MakePayment(DetailKind::kIban, "DE89370400440532013000"),
                    MakePayment(DetailKind::kIban, "DE89370400440532013000"),
                    MakePayment(DetailKind::kSwiftBic, "COBADEFFXXX")};
  LearnRecord second = MakeRecord("<p2@v>", "ar@vendor.example", "ap@ours.example", 300);
  second.payments = {MakePayment(DetailKind::kIban, "DE89370400440532013000", "Vendor GmbH")};
  LearnRecord other_person = MakeRecord("<p3@v>", "cfo@vendor.example", "ap@ours.example", 200);
  other_person.payments = {
      MakePayment(DetailKind::kJapanBankAccount, "みずほ銀行|渋谷支店|普通|1234567")};
  LearnRecord other_domain = MakeRecord("<p4@o>", "x@other.example", "ap@ours.example", 400);
  other_domain.payments = {MakePayment(DetailKind::kIban, "GB33BUKB20201555555555")};
  for (const auto& record : {first, second, other_person, other_domain}) this->Learn(record);

  ContextQuery query;
  query.payment_domains = {"vendor.example"};
  const auto context = this->Snapshot(query);
  ASSERT_EQ(context.payments.size(), 3u);
  EXPECT_EQ(context.payments[0].value, "DE89370400440532013000");  // most recent first
  EXPECT_EQ(context.payments[0].kind, DetailKind::kIban);
  EXPECT_EQ(context.payments[0].counterparty_domain, "vendor.example");
  EXPECT_EQ(context.payments[0].counterparty_address, "ar@vendor.example");
  EXPECT_EQ(context.payments[0].holder, "Vendor GmbH");
  EXPECT_EQ(context.payments[0].times_seen, 2);
  EXPECT_EQ(context.payments[0].first_seen, 100);
  EXPECT_EQ(context.payments[0].last_seen, 300);
  EXPECT_EQ(context.payments[1].kind, DetailKind::kJapanBankAccount);
  EXPECT_EQ(context.payments[1].value, "みずほ銀行|渋谷支店|普通|1234567");
  EXPECT_EQ(context.payments[1].counterparty_address, "cfo@vendor.example");
  EXPECT_EQ(context.payments[2].kind, DetailKind::kSwiftBic);
  EXPECT_EQ(context.payments[2].times_seen, 1);
  for (const auto& known : context.payments) EXPECT_NE(known.value, "GB33BUKB20201555555555");
}

TYPED_TEST(StoreContractTest, SimilarFindsFingerprintsSharingABand) {
  const std::uint64_t base = 0x1111222233334444ULL;
  LearnRecord original = MakeRecord("<inv@v>", "ar@vendor.example", "ap@ours.example", 100);
  original.simhash = base;
  original.payments = {MakePayment(DetailKind::kIban, "DE89370400440532013000"),
                       MakePayment(DetailKind::kSwiftBic, "COBADEFFXXX")};
  LearnRecord near = MakeRecord("<near@v>", "ar@vendor.example", "ap@ours.example", 200);
  near.simhash = base ^ 0x0000000000000007ULL;  // differs only in band 0
  LearnRecord far = MakeRecord("<far@v>", "ar@vendor.example", "ap@ours.example", 300);
  far.simhash = ~base;  // shares no band
  LearnRecord none = MakeRecord("<none@v>", "ar@vendor.example", "ap@ours.example", 400);
  for (const auto& record : {original, near, far, none}) this->Learn(record);

  ContextQuery query;
  query.simhash = base ^ 0x0001000000000001ULL;  // bands 0 and 3 differ, 1 and 2 shared
  const auto context = this->Snapshot(query);
  ASSERT_EQ(context.similar.size(), 2u);
  EXPECT_EQ(context.similar[0].message_id, "<near@v>");  // most recent first
  const auto& fingerprint = context.similar[1];
  EXPECT_EQ(fingerprint.message_id, "<inv@v>");
  EXPECT_EQ(fingerprint.simhash, base);
  EXPECT_EQ(fingerprint.sender_address, "ar@vendor.example");
  EXPECT_EQ(fingerprint.sender_domain, "vendor.example");
  EXPECT_EQ(fingerprint.normalized_subject, "subject of <inv@v>");
  EXPECT_EQ(fingerprint.payment_values,
            (std::vector<std::string>{"DE89370400440532013000", "COBADEFFXXX"}));
  EXPECT_EQ(fingerprint.date, 100);

  ContextQuery every_band_differs;  // 4 bits away, one in each band: beyond the band search
  every_band_differs.simhash = base ^ 0x0001000100010001ULL;
  EXPECT_TRUE(this->Snapshot(every_band_differs).similar.empty());
  ContextQuery exact_far;
  exact_far.simhash = ~base;  // the top bit is set: survives the signed 64-bit column
  ASSERT_EQ(this->Snapshot(exact_far).similar.size(), 1u);
  EXPECT_EQ(this->Snapshot(exact_far).similar[0].simhash, ~base);
}

TYPED_TEST(StoreContractTest, UnknownDatesDoNotMoveFirstSeen) {
  this->Learn(MakeRecord("<d1@v>", "anna@vendor.example", "bob@ours.example", 0));
  this->Learn(MakeRecord("<d2@v>", "anna@vendor.example", "bob@ours.example", 500));
  ContextQuery query;
  query.addresses = {"anna@vendor.example"};
  const auto context = this->Snapshot(query);
  EXPECT_EQ(context.correspondents.at("anna@vendor.example").first_seen, 500);
  EXPECT_EQ(context.correspondents.at("anna@vendor.example").last_seen, 500);
}

TYPED_TEST(StoreContractTest, VouchedCountsAndLearnedSpanAreKept) {
  LearnRecord taught = MakeRecord("<t@vendor>", "anna@vendor.example", "bob@ours.example", 1000);
  taught.vouched = true;
  taught.learned_at = 5000;
  taught.payments = {MakePayment(DetailKind::kIban, "DE89370400440532013000")};
  LearnRecord scanned = MakeRecord("<s@vendor>", "anna@vendor.example", "bob@ours.example", 2000);
  scanned.learned_at = 9000;
  scanned.payments = taught.payments;
  this->Learn(taught);
  this->Learn(scanned);

  ContextQuery query;
  query.addresses = {"anna@vendor.example", "bob@ours.example"};
  query.domains = {"vendor.example"};
  query.payment_domains = {"vendor.example"};
  const auto context = this->Snapshot(query);
  const auto& anna = context.correspondents.at("anna@vendor.example");
  EXPECT_EQ(anna.messages_from, 2);
  EXPECT_EQ(anna.vouched_messages, 1);
  EXPECT_EQ(anna.first_learned, 5000);
  EXPECT_EQ(anna.last_learned, 9000);
  EXPECT_EQ(context.correspondents.at("bob@ours.example").vouched_messages, 1);
  const auto& domain = context.domains.at("vendor.example");
  EXPECT_EQ(domain.messages_from, 2);
  EXPECT_EQ(domain.vouched_messages, 1);
  EXPECT_EQ(domain.first_learned, 5000);
  EXPECT_EQ(domain.last_learned, 9000);
  ASSERT_EQ(context.payments.size(), 1u);
  EXPECT_EQ(context.payments[0].times_seen, 2);
  EXPECT_EQ(context.payments[0].times_vouched, 1);
  EXPECT_EQ(context.payments[0].first_learned, 5000);
  EXPECT_EQ(context.payments[0].last_learned, 9000);
}

TYPED_TEST(StoreContractTest, ABatchIsLearnedInOrder) {
  // The reply comes after its parent in the batch, so it joins the parent's thread, exactly as
  // if the two were learned one by one.
  std::vector<LearnRecord> batch;
  batch.push_back(MakeRecord("<root@x>", "anna@vendor.example", "bob@ours.example", 1000));
  batch.push_back(MakeRecord("<reply@x>", "bob@ours.example", "anna@vendor.example", 2000));
  batch.back().references = {"<root@x>"};
  batch.push_back(batch.front());  // a repeat inside the batch is learned once
  auto learnt = this->store_->Learn(batch);
  ASSERT_TRUE(learnt) << learnt.error().ToString();
  EXPECT_EQ(this->Count(), 2);
  ContextQuery query;
  query.thread_message_ids = {"<reply@x>"};
  const auto context = this->Snapshot(query);
  ASSERT_TRUE(context.thread.has_value());
  EXPECT_EQ(context.thread->thread_id, "<root@x>");
  EXPECT_EQ(context.thread->messages, 2);
  EXPECT_TRUE(this->store_->Learn(std::span<const LearnRecord>{}));  // an empty batch is fine
}

// Every lookup of a snapshot is bounded, whatever the store holds (snapshot_limits.h).
TYPED_TEST(StoreContractTest, SnapshotsAreBoundedAndKeepTheMostUseful) {
  std::vector<LearnRecord> batch;
  // One display name worn by 30 addresses; the last one wears it most often.
  for (int i = 0; i < 30; ++i) {
    LearnRecord r =
        MakeRecord("<n" + std::to_string(i) + "@x>", "a" + std::to_string(i) + "@many.example",
                   "b@ours.example", 100 + i);
    r.from_name = "Accounts Team";
    batch.push_back(r);
  }
  for (int k = 0; k < 3; ++k) {
    LearnRecord r =
        MakeRecord("<n29-" + std::to_string(k) + "@x>", "a29@many.example", "b@ours.example", 200);
    r.from_name = "Accounts Team";
    batch.push_back(r);
  }
  // One thread with 100 participants, and 80 messages with one subject and fingerprint.
  LearnRecord root = MakeRecord("<big@x>", "chair@ours.example", "p0@list.example", 300);
  batch.push_back(root);
  for (int i = 1; i < 100; ++i) {
    LearnRecord r =
        MakeRecord("<big" + std::to_string(i) + "@x>", "p" + std::to_string(i) + "@list.example",
                   "chair@ours.example", 300 + i);
    r.references = {"<big@x>"};
    batch.push_back(r);
  }
  for (int i = 0; i < 80; ++i) {
    LearnRecord r = MakeRecord("<inv" + std::to_string(i) + "@x>", "billing@vendor.example",
                               "ap@ours.example", 1000 + i);
    r.normalized_subject = "monthly invoice";
    r.simhash = 0xABCDEF0123456789ULL;
    batch.push_back(r);
  }
  auto learnt = this->store_->Learn(batch);
  ASSERT_TRUE(learnt) << learnt.error().ToString();

  ContextQuery query;
  query.name_keys = {text::NameKey("Accounts Team")};
  query.thread_message_ids = {"<big50@x>"};
  query.normalized_subject = "monthly invoice";
  query.simhash = 0xABCDEF0123456789ULL;
  const auto context = this->Snapshot(query);
  const auto& owners = context.name_addresses.at(text::NameKey("Accounts Team"));
  ASSERT_EQ(owners.size(), static_cast<std::size_t>(kMaxNameAddresses));
  EXPECT_EQ(owners[0], "a29@many.example");  // most used
  EXPECT_EQ(owners[1], "a0@many.example");   // then first used first
  ASSERT_TRUE(context.thread.has_value());
  EXPECT_EQ(context.thread->messages, 100);
  ASSERT_EQ(context.thread->participant_addresses.size(),
            static_cast<std::size_t>(kMaxThreadParticipants));
  EXPECT_EQ(context.thread->participant_addresses[0], "chair@ours.example");
  ASSERT_EQ(context.similar.size(), static_cast<std::size_t>(kMaxSimilar));
  EXPECT_EQ(context.similar.front().message_id, "<inv79@x>");  // newest first
  EXPECT_EQ(context.similar.back().message_id, "<inv30@x>");
}

TYPED_TEST(StoreContractTest, SeveralThreadsShareOneStore) {
  constexpr int kThreads = 4;
  constexpr int kEach = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int n = 0; n < kEach; ++n) {
        const std::string id = "<t" + std::to_string(t) + "-" + std::to_string(n) + "@x>";
        EXPECT_TRUE(this->store_->Learn(MakeRecord(id, "a@vendor.example", "b@ours.example", n)));
        ContextQuery query;
        query.addresses = {"b@ours.example"};
        auto snapshot = this->store_->Snapshot(query);
        ASSERT_TRUE(snapshot);
        EXPECT_EQ(snapshot->correspondents.at("b@ours.example").messages_to,
                  snapshot->learned_messages);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(this->Count(), kThreads * kEach);
}

}  // namespace
}  // namespace becguard::store
