// Store::Snapshot against a learned store (bench/store_scale.sh makes them from a synthetic
// history of 10k-1M messages): one query per iteration, with keys picked from the store itself
// where the fan-out is largest (the busiest correspondents, the commonest domain, the display
// name most addresses share, the longest thread, the commonest subject, a vendor's invoice
// SimHash, the most mature style profile), because those are the queries whose cost can grow
// with history. Each run reports the per-query p50/p99 and how many rows came back.
//
//   build/release/bench/store_snapshot_bench --store=PATH [Google Benchmark flags]
//   (or BECGUARD_BENCH_STORE=PATH). The store is opened as a scanner opens it.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "context/store.h"

namespace becguard {
namespace {

std::string g_store_path;

// Keys of the store's heaviest entries, read once over a separate read-only handle.
struct Keys {
  std::vector<std::string> correspondents;  // most messages first
  std::vector<std::string> correspondent_domains;
  std::string common_domain;
  std::string payment_domain;  // the counterparty with the most bank details on file
  std::string shared_name_key;
  std::string thread_message_id;  // a message of the longest thread
  std::string thread_subject;
  std::string frequent_subject;
  std::uint64_t invoice_simhash = 0;
  std::string style_key;
};

class ReadOnlyDb {
 public:
  explicit ReadOnlyDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), sqlite3_errmsg(db_));
      std::exit(2);
    }
  }
  ~ReadOnlyDb() { sqlite3_close(db_); }

  // Rows of a query (first column as text, second if asked), with one optional text argument.
  std::vector<std::pair<std::string, std::string>> Rows(const char* sql,
                                                        const std::string& arg = "") {
    std::vector<std::pair<std::string, std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "key query failed (%s): %s\n", sqlite3_errmsg(db_), sql);
      return rows;
    }
    if (sqlite3_bind_parameter_count(stmt) > 0) {
      sqlite3_bind_text(stmt, 1, arg.data(), static_cast<int>(arg.size()), SQLITE_TRANSIENT);
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      auto text = [&](int i) {
        const auto* p = sqlite3_column_text(stmt, i);
        return p != nullptr ? std::string(reinterpret_cast<const char*>(p)) : std::string();
      };
      rows.emplace_back(text(0), sqlite3_column_count(stmt) > 1 ? text(1) : "");
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  std::string First(const char* sql, const std::string& arg = "") {
    auto rows = Rows(sql, arg);
    return rows.empty() ? std::string() : rows.front().first;
  }

 private:
  sqlite3* db_ = nullptr;
};

Keys PickKeys(const std::string& path) {
  ReadOnlyDb db(path);
  Keys k;
  for (const auto& [address, domain] :
       db.Rows("SELECT address, registrable_domain FROM correspondents "
               "ORDER BY messages_from + messages_to DESC, address LIMIT 4")) {
    k.correspondents.push_back(address);
    k.correspondent_domains.push_back(domain);
  }
  k.common_domain =
      db.First("SELECT registrable_domain FROM domains ORDER BY messages_from DESC LIMIT 1");
  k.payment_domain = db.First(
      "SELECT counterparty_domain FROM payments GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
  k.shared_name_key = db.First(
      "SELECT name_key FROM display_names WHERE name_key <> '' GROUP BY 1 "
      "ORDER BY count(DISTINCT address) DESC, 1 LIMIT 1");
  const auto thread =
      db.Rows("SELECT thread_id, normalized_subject FROM threads ORDER BY messages DESC LIMIT 1");
  if (!thread.empty()) {
    k.thread_subject = thread.front().second;
    k.thread_message_id = db.First(
        "SELECT message_id FROM thread_messages WHERE thread_id = ?1 "
        "ORDER BY message_id DESC LIMIT 1",
        thread.front().first);
  }
  k.frequent_subject = db.First(
      "SELECT normalized_subject FROM fingerprints WHERE normalized_subject <> '' GROUP BY 1 "
      "ORDER BY count(*) DESC, 1 LIMIT 1");
  const std::string simhash = db.First(
      "SELECT simhash FROM fingerprints WHERE sender_domain = ?1 ORDER BY date DESC LIMIT 1",
      k.payment_domain);
  k.invoice_simhash = simhash.empty() ? 0 : static_cast<std::uint64_t>(std::stoll(simhash));
  k.style_key = db.First(
      "SELECT key FROM style_profiles WHERE is_address = 1 ORDER BY messages DESC, key LIMIT 1");
  return k;
}

const Keys& TheKeys() {
  static const Keys keys = PickKeys(g_store_path);
  return keys;
}

context::Store& TheStore() {
  static const std::unique_ptr<context::Store> store = [] {
    auto opened = context::OpenStore(g_store_path);
    if (!opened) {
      std::fprintf(stderr, "store: %s\n", opened.error().ToString().c_str());
      std::exit(2);
    }
    return std::move(*opened);
  }();
  return *store;
}

// The message shapes a scan asks about; kAll is a vendor's reply in its longest thread.
enum class Shape {
  kFirstContact,
  kKnownCorrespondents,
  kCommonDomain,
  kSharedDisplayName,
  kThreadReply,
  kFrequentSubject,
  kSimHashNeighbours,
  kStyle,
  kAll,
};

context::ContextQuery MakeQuery(Shape shape, const Keys& k) {
  context::ContextQuery q;
  const bool all = shape == Shape::kAll;
  if (shape == Shape::kFirstContact) {
    q.addresses = {"first.contact@never-seen.example"};
    q.domains = q.payment_domains = {"never-seen.example"};
    q.name_keys = {"first contact"};
    q.thread_message_ids = {"<never-seen@never-seen.example>"};
    q.normalized_subject = "a subject nobody wrote";
    q.simhash = 0x9E3779B97F4A7C15ULL;
  }
  if (shape == Shape::kKnownCorrespondents || all) {
    q.addresses = k.correspondents;
    q.domains = k.correspondent_domains;
  }
  if (shape == Shape::kCommonDomain || all) {
    q.domains.push_back(k.common_domain);
    q.payment_domains = {k.common_domain, k.payment_domain};
  }
  if (shape == Shape::kSharedDisplayName || all) q.name_keys = {k.shared_name_key};
  if (shape == Shape::kThreadReply || all) {
    q.thread_message_ids = {k.thread_message_id};
    q.normalized_subject = k.thread_subject;
  }
  if (shape == Shape::kFrequentSubject) {
    q.normalized_subject = k.frequent_subject;
    q.simhash = 0x9E3779B97F4A7C15ULL;
  }
  // Two bits away from a recent invoice of the busiest vendor: its earlier invoices match.
  if (shape == Shape::kSimHashNeighbours || all)
    q.simhash = k.invoice_simhash ^ 0x0000000100000001ULL;
  if (shape == Shape::kStyle || all) {
    q.style_keys = {k.style_key};
    q.style_impostors = 16;  // engine::kStyleImpostors
  }
  return q;
}

void Snapshot(benchmark::State& state, Shape shape) {
  const context::ContextQuery query = MakeQuery(shape, TheKeys());
  context::Store& store = TheStore();
  std::vector<double> micros;
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto snapshot = store.Snapshot(query);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    if (!snapshot) {
      state.SkipWithError(snapshot.error().ToString().c_str());
      return;
    }
    std::size_t names = 0;
    for (const auto& [key, addresses] : snapshot->name_addresses) names += addresses.size();
    rows = snapshot->correspondents.size() + snapshot->domains.size() + names +
           (snapshot->thread ? snapshot->thread->participant_addresses.size() : 0) +
           snapshot->payments.size() + snapshot->similar.size() + snapshot->style_profiles.size() +
           snapshot->style_impostors.size();
    benchmark::DoNotOptimize(snapshot);
  }
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) { return micros[static_cast<std::size_t>(q * (micros.size() - 1))]; };
  if (!micros.empty()) {
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
  }
  state.counters["rows"] = static_cast<double>(rows);
}

BENCHMARK_CAPTURE(Snapshot, first_contact, Shape::kFirstContact);
BENCHMARK_CAPTURE(Snapshot, known_correspondents, Shape::kKnownCorrespondents);
BENCHMARK_CAPTURE(Snapshot, common_domain, Shape::kCommonDomain);
BENCHMARK_CAPTURE(Snapshot, shared_display_name, Shape::kSharedDisplayName);
BENCHMARK_CAPTURE(Snapshot, thread_reply, Shape::kThreadReply);
BENCHMARK_CAPTURE(Snapshot, frequent_subject, Shape::kFrequentSubject);
BENCHMARK_CAPTURE(Snapshot, simhash_neighbours, Shape::kSimHashNeighbours);
BENCHMARK_CAPTURE(Snapshot, style_profile_and_impostors, Shape::kStyle);
BENCHMARK_CAPTURE(Snapshot, all_of_them, Shape::kAll);

}  // namespace
}  // namespace becguard

int main(int argc, char** argv) {
  // --store=PATH is ours; everything else goes to Google Benchmark.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--store=", 8) == 0) {
      becguard::g_store_path = argv[i] + 8;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (becguard::g_store_path.empty()) {
    if (const char* env = std::getenv("BECGUARD_BENCH_STORE")) becguard::g_store_path = env;
  }
  if (becguard::g_store_path.empty() || !std::filesystem::exists(becguard::g_store_path)) {
    std::fprintf(stderr,
                 "usage: %s --store=PATH [benchmark flags] (a learned SQLite store, e.g. from "
                 "bench/store_scale.sh --keep DIR)\n",
                 argv[0]);
    return 2;
  }
  int count = static_cast<int>(rest.size());
  benchmark::Initialize(&count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(count, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
