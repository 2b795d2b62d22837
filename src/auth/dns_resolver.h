// DnsResolver: the DNS lookups of mail authentication (TXT, A, AAAA, MX, PTR), sent to one
// configured server over UDP (TCP on truncation) with ldns, each bounded by a timeout and all
// of one message by a DnsBudget, with a small TTL cache of answers.
// A dead or silent server yields kTempError within the budget: never a crash, never a stall.
// Thread-safe: Lookup may run on many threads at once (the cache has its own lock).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/result.h"

namespace becguard::auth {

// Record types by their wire numbers (as ldns, libspf2 and arpa/nameser.h use them).
enum class DnsType : std::uint16_t { kA = 1, kPtr = 12, kMx = 15, kTxt = 16, kAaaa = 28 };

struct DnsAnswer {
  enum class Status { kOk, kNxDomain, kNoData, kTempError };
  Status status = Status::kTempError;
  // kOk only. TXT: the character-strings of each record joined; A/AAAA: the address as text;
  // MX/PTR: the host name without the trailing dot.
  std::vector<std::string> records;
  std::uint32_t ttl = 0;
};

// The time and query count one message may spend on DNS. Not thread-safe: one per message.
class DnsBudget {
 public:
  DnsBudget(std::chrono::milliseconds total, int max_queries = 64)
      : deadline_(std::chrono::steady_clock::now() + total), queries_left_(max_queries) {}
  std::chrono::milliseconds Remaining() const;
  bool Take();  // false once the time or the query count is spent
  bool spent() const { return spent_; }

 private:
  std::chrono::steady_clock::time_point deadline_;
  int queries_left_;
  bool spent_ = false;
};

struct DnsOptions {
  std::string server = "127.0.0.1";  // IPv4 or IPv6 literal
  std::uint16_t port = 53;
  std::chrono::milliseconds timeout{2000};
  std::size_t cache_entries = 10000;  // 0: no cache
  std::uint32_t cache_max_ttl_s = 3600;
};

// "ip", "ip:port", "[v6]", "[v6]:port"; "" reads the first nameserver of /etc/resolv.conf.
Result<DnsOptions> ParseResolverAddress(std::string_view address);

class DnsResolver {
 public:
  explicit DnsResolver(DnsOptions options);
  ~DnsResolver();
  DnsResolver(const DnsResolver&) = delete;
  DnsResolver& operator=(const DnsResolver&) = delete;

  DnsAnswer Lookup(std::string_view name, DnsType type, DnsBudget& budget) const;

  void ClearCache() const;
  struct Stats {
    std::uint64_t queries = 0;  // sent to the server
    std::uint64_t cache_hits = 0;
    std::uint64_t temp_errors = 0;
  };
  Stats stats() const;
  const DnsOptions& options() const { return options_; }

 private:
  DnsAnswer Query(const std::string& name, DnsType type, std::chrono::milliseconds timeout) const;

  DnsOptions options_;
  class Cache;
  std::unique_ptr<Cache> cache_;
};

}  // namespace becguard::auth
