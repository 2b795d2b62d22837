// Where a process's SQLite time goes, per statement: an LD_PRELOAD shim around sqlite3_step
// that adds up the time of every step by SQL text and prints the statements by total time
// when the process exits (runs = executions, steps = rows + the final step). For the store's
// queries, which perf cannot name (Debian's libsqlite3 has no symbols). Not for production.
//
//   LD_PRELOAD=build/release/bench/libsqlite_step_profile.so build/release/src/becguard ...
#include <dlfcn.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

struct Totals {
  double seconds = 0;
  long runs = 0;
  long steps = 0;
};

class Profile {
 public:
  void Add(const char* sql, double seconds, bool new_run) {
    std::lock_guard lock(mutex_);
    Totals& t = by_sql_[sql != nullptr ? sql : "?"];
    t.seconds += seconds;
    t.steps += 1;
    t.runs += new_run ? 1 : 0;
  }
  ~Profile() {
    std::vector<std::pair<std::string, Totals>> rows(by_sql_.begin(), by_sql_.end());
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.second.seconds > b.second.seconds; });
    double total = 0;
    for (const auto& row : rows) total += row.second.seconds;
    std::fprintf(stderr, "sqlite3_step: %.3f s in %zu statements\n", total, rows.size());
    for (std::size_t i = 0; i < rows.size() && i < 20; ++i) {
      std::string sql = rows[i].first;
      std::replace(sql.begin(), sql.end(), '\n', ' ');
      if (sql.size() > 200) sql.resize(200);
      const Totals& t = rows[i].second;
      std::fprintf(stderr, "%9.3f s %5.1f%% runs=%-8ld steps=%-8ld %s\n", t.seconds,
                   total > 0 ? 100 * t.seconds / total : 0.0, t.runs, t.steps, sql.c_str());
    }
  }

 private:
  std::mutex mutex_;
  std::map<std::string, Totals> by_sql_;
};

Profile profile;

}  // namespace

extern "C" int sqlite3_step(sqlite3_stmt* statement) {
  using Step = int (*)(sqlite3_stmt*);
  static const Step real = reinterpret_cast<Step>(dlsym(RTLD_NEXT, "sqlite3_step"));
  const bool new_run = sqlite3_stmt_busy(statement) == 0;  // not in the middle of its rows
  const auto start = std::chrono::steady_clock::now();
  const int rc = real(statement);
  profile.Add(sqlite3_sql(statement),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              new_run);
  return rc;
}
