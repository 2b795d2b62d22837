// What the PostgreSQL store promises beyond the shared contract: several nodes (separate
// stores, each with its own connection pool) learning overlapping batches at once end with
// exactly the state one node learning everything in order reaches, without deadlocks; nodes
// opening a fresh database together all find the schema; an unreachable server is a clear
// error; the location's own parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <tuple>

#include "store/postgres/location.h"
#include "store/postgres/postgres_store.h"
#include "store_backends.h"
#include "style/features.h"

namespace becguard::store {
namespace {

using context::LearnRecord;
using testing::MakePayment;
using testing::MakeRecord;
using testing::TempPgDatabase;

std::unique_ptr<PostgresStore> OpenNode(const std::string& url) {
  auto store = PostgresStore::Open(url);
  EXPECT_TRUE(store) << store.error().ToString();
  return store ? std::move(*store) : nullptr;
}

// A history with everything that contends between nodes: a few senders and recipients shared
// by most messages, reply chains whose parents land in other batches, recurring bank details,
// near-duplicate fingerprints and style profiles.
std::vector<LearnRecord> History(int count) {
  std::vector<LearnRecord> out;
  std::mt19937 random(17);
  const std::string body =
      "Hi team,\n\nPlease find the weekly figures attached, and let me know by Friday if "
      "anything looks wrong before we send them on.\n\nBest regards,\nAnna\n";
  for (int i = 0; i < count; ++i) {
    const int sender = static_cast<int>(random() % 12);
    const std::string from =
        "s" + std::to_string(sender) + "@vendor" + std::to_string(sender % 4) + ".example";
    LearnRecord record = MakeRecord("<m" + std::to_string(i) + "@x>", from,
                                    "ap" + std::to_string(i % 3) + "@ours.example",
                                    1700000000 + static_cast<std::int64_t>(random() % 100000));
    record.from_name = "Sender " + std::to_string(sender);
    record.recipients.push_back({"cfo@ours.example", i % 2 ? "CFO" : "Chief Financial"});
    const int thread = i % 40;  // 40 reply chains, each referencing its root and parent
    record.normalized_subject = "thread " + std::to_string(thread);
    if (i >= 40) {
      record.references = {"<m" + std::to_string(i - 40) + "@x>",
                           "<m" + std::to_string(thread) + "@x>"};
    }
    if (i % 5 == 0) {
      record.payments = {
          MakePayment(payment::DetailKind::kIban,
                      sender % 2 ? "DE89370400440532013000" : "GB33BUKB20201555555555",
                      "Vendor " + std::to_string(sender % 4))};
    }
    record.simhash = 0x1111222233334444ULL ^ (static_cast<std::uint64_t>(random() % 64) << 8);
    if (i % 3 == 0) {
      record.style = style::ExtractStyle(body);
      record.style_keys = {context::StyleKeyForAddress(from)};
    }
    out.push_back(std::move(record));
  }
  return out;
}

// The order-independent content of a store's database: what one node learning everything and
// several nodes learning overlapping parts concurrently must agree on. Thread ids depend on
// which message of a chain came first, so threads are compared as groups of message ids.
std::vector<std::string> Content(const std::string& url) {
  pqxx::connection connection(url);
  pqxx::nontransaction work(connection);
  std::vector<std::string> rows;
  auto add = [&](const std::string& label, const std::string& sql) {
    std::vector<std::string> part;
    for (const auto& row : work.exec(sql)) {
      std::string line = label;
      for (const auto& field : row)
        line += "|" + std::string(field.is_null() ? "NULL" : field.c_str());
      part.push_back(line);
    }
    std::sort(part.begin(), part.end());
    rows.insert(rows.end(), part.begin(), part.end());
  };
  add("count", "SELECT sum(value), (SELECT count(*) FROM messages) FROM message_counts");
  add("message", "SELECT message_id, date, from_address FROM messages");
  add("correspondent", "SELECT * FROM correspondents");
  add("name", "SELECT address, name, name_key, count FROM display_names");
  add("domain", "SELECT * FROM domains");
  add("payment",
      "SELECT counterparty_domain, counterparty_address, kind, value, holder, first_seen, "
      "last_seen, times_seen FROM payments");
  add("fingerprint", "SELECT message_id, simhash, payment_values FROM fingerprints");
  add("style", "SELECT key, script, messages FROM style_profiles");
  add("thread",
      "SELECT string_agg(m.message_id, ',' ORDER BY m.message_id), t.normalized_subject, "
      "t.first_seen, t.last_seen, t.messages FROM threads t JOIN thread_messages m USING "
      "(thread_id) GROUP BY t.thread_id");
  add("participant",
      "SELECT (SELECT min(message_id) FROM thread_messages m WHERE m.thread_id = p.thread_id), "
      "address, name FROM thread_participants p");
  return rows;
}

TEST(PostgresStoreTest, ConcurrentNodesLearnOverlappingBatchesLikeOneNode) {
  const std::vector<LearnRecord> history = History(480);

  TempPgDatabase reference_db;
  ASSERT_TRUE(reference_db.ok());
  {
    auto node = OpenNode(reference_db.url());
    ASSERT_NE(node, nullptr);
    for (std::size_t start = 0; start < history.size(); start += 40) {
      const std::size_t size = std::min<std::size_t>(40, history.size() - start);
      ASSERT_TRUE(node->Learn(std::span(history).subspan(start, size)));
    }
  }

  // Three nodes, two threads each; every thread learns a shuffled two-thirds of the history in
  // batches of 16, so each message reaches several nodes and batches overlap in every order.
  TempPgDatabase shared_db;
  ASSERT_TRUE(shared_db.ok());
  std::vector<std::unique_ptr<PostgresStore>> nodes;
  for (int n = 0; n < 3; ++n) {
    nodes.push_back(OpenNode(shared_db.url("&pool_size=2")));
    ASSERT_NE(nodes.back(), nullptr);
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      std::vector<LearnRecord> part;
      for (std::size_t i = 0; i < history.size(); ++i) {
        if (i % 3 != static_cast<std::size_t>(t % 3)) part.push_back(history[i]);
      }
      std::shuffle(part.begin(), part.end(), std::mt19937(t));
      for (std::size_t start = 0; start < part.size(); start += 16) {
        const std::size_t size = std::min<std::size_t>(16, part.size() - start);
        auto learnt = nodes[t % 3]->Learn(std::span(part).subspan(start, size));
        EXPECT_TRUE(learnt) << learnt.error().ToString();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto count = nodes[0]->MessageCount();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, static_cast<std::int64_t>(history.size()));
  nodes.clear();

  const auto expected = Content(reference_db.url());
  const auto actual = Content(shared_db.url());
  EXPECT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
    if (actual[i] != expected[i]) {
      ADD_FAILURE() << "first difference at row " << i << ":\n  one node:  " << expected[i]
                    << "\n  3 nodes:   " << actual[i];
      break;
    }
  }

  // The writer locks rows in one global order; a deadlock would only be hidden by the retry.
  pqxx::connection connection(shared_db.url());
  pqxx::nontransaction work(connection);
  EXPECT_EQ(
      work.exec1("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")[0]
          .as<std::int64_t>(),
      0);
}

// Thread lookups lock rows, not advisory locks: 40,000 referenced ids in one batch would
// overflow the server's shared lock table (max_locks_per_transaction) otherwise.
TEST(PostgresStoreTest, ABatchWithLongReferenceListsLearns) {
  TempPgDatabase db;
  ASSERT_TRUE(db.ok());
  auto store = OpenNode(db.url());
  ASSERT_NE(store, nullptr);
  std::vector<LearnRecord> batch;
  for (int i = 0; i < 2000; ++i) {
    LearnRecord record =
        MakeRecord("<long" + std::to_string(i) + "@x>", "a@b.example", "c@d.example", 1 + i);
    for (int r = 0; r < 20; ++r) {
      record.references.push_back("<ref" + std::to_string(i) + "-" + std::to_string(r) + "@x>");
    }
    batch.push_back(std::move(record));
  }
  auto learnt = store->Learn(batch);
  ASSERT_TRUE(learnt) << learnt.error().ToString();
  EXPECT_EQ(*store->MessageCount(), 2000);
  context::ContextQuery query;
  query.thread_message_ids = {"<ref7-19@x>"};
  auto snapshot = store->Snapshot(query);
  ASSERT_TRUE(snapshot);
  ASSERT_TRUE(snapshot->thread.has_value());
  EXPECT_EQ(snapshot->thread->thread_id, "<long7@x>");
}

TEST(PostgresStoreTest, NodesOpeningAFreshDatabaseTogetherAllFindTheSchema) {
  TempPgDatabase db;
  ASSERT_TRUE(db.ok());
  std::vector<std::thread> threads;
  std::atomic<int> opened = 0;
  for (int n = 0; n < 4; ++n) {
    threads.emplace_back([&] {
      auto store = PostgresStore::Open(db.url());
      EXPECT_TRUE(store) << store.error().ToString();
      if (store && (*store)->Learn(MakeRecord("<same@x>", "a@b.example", "c@d.example", 1))) {
        ++opened;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(opened, 4);
  pqxx::connection connection(db.url());
  pqxx::nontransaction work(connection);
  EXPECT_EQ(work.exec1("SELECT count(*) FROM schema_version")[0].as<int>(), 1);
  EXPECT_EQ(work.exec1("SELECT count(*) FROM messages")[0].as<int>(), 1);
}

TEST(PostgresStoreTest, RefusesADatabaseOfANewerSchema) {
  TempPgDatabase db;
  ASSERT_TRUE(db.ok());
  ASSERT_NE(OpenNode(db.url()), nullptr);
  {
    pqxx::connection connection(db.url());
    pqxx::nontransaction work(connection);
    work.exec0("INSERT INTO schema_version (version) VALUES (9999)");
  }
  auto store = PostgresStore::Open(db.url());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message().find("schema version 9999"), std::string::npos)
      << store.error().message();
}

TEST(PostgresStoreTest, ASmallPoolServesManyThreads) {
  TempPgDatabase db;
  ASSERT_TRUE(db.ok());
  auto store = OpenNode(db.url("&pool_size=1"));
  ASSERT_NE(store, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const std::string id = "<p" + std::to_string(t) + "-" + std::to_string(i) + "@x>";
        EXPECT_TRUE(store->Learn(MakeRecord(id, "a@b.example", "c@d.example", i + 1)));
        EXPECT_TRUE(store->Snapshot(context::ContextQuery{}));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(*store->MessageCount(), 40);
}

// A node caches decoded style profiles by version (message count): what another node teaches
// shows at once, the sample included.
TEST(PostgresStoreTest, CachedStyleProfilesFollowOtherNodesLearning) {
  TempPgDatabase db;
  ASSERT_TRUE(db.ok());
  auto scanner = OpenNode(db.url());
  auto learner = OpenNode(db.url());
  ASSERT_NE(scanner, nullptr);
  ASSERT_NE(learner, nullptr);
  const style::StyleSample sample = style::ExtractStyle(
      "Hi Anna,\n\nThe figures for the second quarter are attached. Let me know if anything "
      "looks off before the board meeting.\n\nThanks,\nJeff\n");
  int next = 0;
  auto teach = [&](const std::string& from, int count) {
    std::vector<LearnRecord> batch;
    for (int i = 0; i < count; ++i) {
      LearnRecord record =
          MakeRecord("<s" + std::to_string(next) + "@x>", from, "x@org.example", 1700000000 + next);
      ++next;
      record.style = sample;
      record.style_keys = {context::StyleKeyForAddress(from)};
      batch.push_back(std::move(record));
    }
    ASSERT_TRUE(learner->Learn(batch));
  };
  const auto mature = static_cast<int>(context::kStyleImpostorMinMessages);
  teach("claimed@org.example", 1);
  teach("peer@org.example", mature);
  context::ContextQuery query;
  query.style_keys = {context::StyleKeyForAddress("claimed@org.example")};
  query.style_impostors = 4;
  auto read = [&] {
    auto snapshot = scanner->Snapshot(query);
    EXPECT_TRUE(snapshot) << snapshot.error().ToString();
    return snapshot ? *snapshot : context::LearnedContext{};
  };
  auto first = read();
  ASSERT_EQ(first.style_profiles.size(), 1u);
  EXPECT_EQ(first.style_profiles.begin()->second->messages(), 1);
  ASSERT_EQ(first.style_impostors.size(), 1u);
  EXPECT_EQ(first.style_impostors[0]->messages(), mature);

  teach("claimed@org.example", 2);
  teach("peer@org.example", 1);
  teach("late@org.example", mature);  // joins the impostor pool
  auto second = read();
  EXPECT_EQ(second.style_profiles.begin()->second->messages(), 3);
  ASSERT_EQ(second.style_impostors.size(), 2u);
  std::multiset<std::int64_t> counts;
  for (const auto& profile : second.style_impostors) counts.insert(profile->messages());
  EXPECT_EQ(counts, (std::multiset<std::int64_t>{mature, mature + 1}));
}

TEST(PgLocationTest, UnreachableServerIsAClearError) {
  auto store = context::OpenStore("postgresql://becguard:secret@/becguard?host=/nonexistent");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);
  const std::string message = store.error().message();
  EXPECT_NE(message.find("unreachable"), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent"), std::string::npos) << message;
  EXPECT_EQ(message.find("secret"), std::string::npos) << message;
}

TEST(PgLocationTest, PoolSizeIsOursAndThePasswordStaysOutOfMessages) {
  auto parsed = postgres::ParseLocation(
      "postgres://u:pw@db.example:5433/ctx?sslmode=require&pool_size=3&password=x");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->pool_size, 3u);
  EXPECT_EQ(parsed->uri,
            "postgres://u:pw@db.example:5433/ctx?sslmode=require&password=x&connect_timeout=5&"
            "application_name=becguard");
  EXPECT_EQ(parsed->display, "postgres://u@db.example:5433/ctx?sslmode=require&password=***");
  auto defaults = postgres::ParseLocation("postgresql://db/ctx?connect_timeout=1");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->pool_size, 8u);
  EXPECT_EQ(defaults->uri, "postgresql://db/ctx?connect_timeout=1&application_name=becguard");
  for (const char* bad : {"postgresql://db/ctx?pool_size=0", "postgresql://db/ctx?pool_size=x",
                          "postgresql://db/ctx?pool_size=999"}) {
    auto refused = context::OpenStore(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace becguard::store
