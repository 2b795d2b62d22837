#include "auth/dns_resolver.h"

#include <arpa/inet.h>
#include <ldns/ldns.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

namespace becguard::auth {
namespace {

using Clock = std::chrono::steady_clock;

std::string LowerName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

bool IsIpLiteral(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

std::string StripDot(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// One rdata field as the text libspf2 and libopendkim expect.
std::string RdataText(DnsType type, const ldns_rr* rr) {
  std::string out;
  if (type == DnsType::kTxt) {
    for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
      const ldns_rdf* field = ldns_rr_rdf(rr, i);
      const std::uint8_t* data = ldns_rdf_data(field);
      const std::size_t size = ldns_rdf_size(field);
      if (size == 0) continue;
      const std::size_t length = std::min<std::size_t>(data[0], size - 1);
      out.append(reinterpret_cast<const char*>(data + 1), length);
    }
    return out;
  }
  const ldns_rdf* field = ldns_rr_rdf(rr, type == DnsType::kMx ? 1 : 0);
  if (field == nullptr) return out;
  char* text = ldns_rdf2str(field);
  if (text != nullptr) {
    out = StripDot(text);
    free(text);
  }
  return out;
}

}  // namespace

std::chrono::milliseconds DnsBudget::Remaining() const {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  return std::max(left, std::chrono::milliseconds(0));
}

bool DnsBudget::Take() {
  if (spent_ || queries_left_ <= 0 || Remaining().count() <= 0) {
    spent_ = true;
    return false;
  }
  --queries_left_;
  return true;
}

Result<DnsOptions> ParseResolverAddress(std::string_view address) {
  DnsOptions options;
  std::string text(address);
  if (text.empty()) {
    std::ifstream conf("/etc/resolv.conf");
    std::string line;
    while (std::getline(conf, line)) {
      std::istringstream words(line);
      std::string keyword, server;
      if (words >> keyword >> server && keyword == "nameserver") {
        text = server;
        break;
      }
    }
    if (text.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config: auth.resolver is empty and /etc/resolv.conf names no nameserver");
    }
  }
  std::string host = text;
  std::string port;
  bool has_port = false;
  if (text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string::npos) {
      return MakeError(ErrorCode::kInvalidArgument, "config: auth.resolver: missing ']'");
    }
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') {
        return MakeError(ErrorCode::kInvalidArgument, "config: auth.resolver: bad port");
      }
      port = text.substr(close + 2);
      has_port = true;
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const std::size_t colon = text.find(':');
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    has_port = true;
  }
  if (!IsIpLiteral(host)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "config: auth.resolver must be an IP address (optionally :port), got '" +
                         std::string(address) + "'");
  }
  options.server = host;
  if (has_port) {
    int value = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || value > 65535) {
        value = -1;
        break;
      }
      value = value * 10 + (c - '0');
    }
    if (value <= 0 || value > 65535) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config: auth.resolver: bad port '" + port + "'");
    }
    options.port = static_cast<std::uint16_t>(value);
  }
  return options;
}

// Answers by (name, type) until their TTL (capped) runs out. Temporary errors are not cached.
class DnsResolver::Cache {
 public:
  Cache(std::size_t capacity) : capacity_(capacity) {}

  bool Get(const std::string& key, DnsAnswer& answer) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return false;
    if (it->second.expires <= Clock::now()) {
      entries_.erase(it);
      return false;
    }
    answer = it->second.answer;
    return true;
  }

  void Put(const std::string& key, const DnsAnswer& answer, std::uint32_t ttl_s) {
    if (capacity_ == 0 || ttl_s == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = Clock::now();
    if (entries_.size() >= capacity_) {
      std::erase_if(entries_, [&](const auto& entry) { return entry.second.expires <= now; });
      // Still full: drop an arbitrary tenth rather than scan for the oldest on every insert.
      for (std::size_t drop = capacity_ / 10 + 1; drop > 0 && !entries_.empty(); --drop) {
        entries_.erase(entries_.begin());
      }
    }
    entries_[key] = Entry{answer, now + std::chrono::seconds(ttl_s)};
  }

  void Clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.clear();
  }

  std::atomic<std::uint64_t> queries{0}, hits{0}, temp_errors{0};

 private:
  struct Entry {
    DnsAnswer answer;
    Clock::time_point expires;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

DnsResolver::DnsResolver(DnsOptions options)
    : options_(std::move(options)), cache_(std::make_unique<Cache>(options_.cache_entries)) {}

DnsResolver::~DnsResolver() = default;

void DnsResolver::ClearCache() const { cache_->Clear(); }

DnsResolver::Stats DnsResolver::stats() const {
  return Stats{cache_->queries.load(), cache_->hits.load(), cache_->temp_errors.load()};
}

DnsAnswer DnsResolver::Lookup(std::string_view name, DnsType type, DnsBudget& budget) const {
  const std::string lower = LowerName(name);
  DnsAnswer answer;
  if (lower.empty() || lower.size() > 253) {
    answer.status = DnsAnswer::Status::kNxDomain;
    return answer;
  }
  const std::string key = lower + '/' + std::to_string(static_cast<int>(type));
  if (cache_->Get(key, answer)) {
    ++cache_->hits;
    return answer;
  }
  if (!budget.Take()) {
    answer.status = DnsAnswer::Status::kTempError;
    return answer;
  }
  ++cache_->queries;
  answer = Query(lower, type, std::min(options_.timeout, budget.Remaining()));
  if (answer.status == DnsAnswer::Status::kTempError) {
    ++cache_->temp_errors;
    return answer;
  }
  // Negative answers carry no TTL here; five minutes is what resolvers commonly allow them.
  const std::uint32_t ttl = answer.status == DnsAnswer::Status::kOk ? answer.ttl : 300;
  cache_->Put(key, answer, std::min(ttl, options_.cache_max_ttl_s));
  return answer;
}

DnsAnswer DnsResolver::Query(const std::string& name, DnsType type,
                             std::chrono::milliseconds timeout) const {
  DnsAnswer answer;
  answer.status = DnsAnswer::Status::kTempError;
  if (timeout.count() <= 0) return answer;
  ldns_resolver* resolver = ldns_resolver_new();
  if (resolver == nullptr) return answer;
  const bool v6 = options_.server.find(':') != std::string::npos;
  ldns_rdf* server =
      ldns_rdf_new_frm_str(v6 ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, options_.server.c_str());
  ldns_rdf* qname = ldns_dname_new_frm_str(name.c_str());
  ldns_pkt* packet = nullptr;
  if (server != nullptr && qname != nullptr &&
      ldns_resolver_push_nameserver(resolver, server) == LDNS_STATUS_OK) {
    ldns_resolver_set_port(resolver, options_.port);
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ldns_resolver_set_timeout(resolver, tv);
    ldns_resolver_set_retry(resolver, 1);
    ldns_resolver_set_retrans(resolver, 0);
    ldns_resolver_set_recursive(resolver, true);
    ldns_resolver_set_fallback(resolver, true);
    ldns_resolver_set_dnssec(resolver, false);
    ldns_resolver_set_edns_udp_size(resolver, 1232);
    ldns_resolver_set_defnames(resolver, false);
    ldns_resolver_set_dnsrch(resolver, false);
    ldns_resolver_send(&packet, resolver, qname, static_cast<ldns_rr_type>(type), LDNS_RR_CLASS_IN,
                       LDNS_RD);
  }
  if (packet != nullptr) {
    const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(packet);
    if (rcode == LDNS_RCODE_NXDOMAIN) {
      answer.status = DnsAnswer::Status::kNxDomain;
    } else if (rcode == LDNS_RCODE_NOERROR) {
      ldns_rr_list* rrs =
          ldns_pkt_rr_list_by_type(packet, static_cast<ldns_rr_type>(type), LDNS_SECTION_ANSWER);
      std::uint32_t ttl = options_.cache_max_ttl_s;
      if (rrs != nullptr) {
        for (std::size_t i = 0; i < ldns_rr_list_rr_count(rrs); ++i) {
          const ldns_rr* rr = ldns_rr_list_rr(rrs, i);
          answer.records.push_back(RdataText(type, rr));
          ttl = std::min(ttl, ldns_rr_ttl(rr));
        }
        ldns_rr_list_deep_free(rrs);
      }
      answer.status = answer.records.empty() ? DnsAnswer::Status::kNoData : DnsAnswer::Status::kOk;
      answer.ttl = ttl;
    }  // SERVFAIL, REFUSED, ...: temporary
    ldns_pkt_free(packet);
  }
  if (qname != nullptr) ldns_rdf_deep_free(qname);
  if (server != nullptr) ldns_rdf_deep_free(server);
  ldns_resolver_deep_free(resolver);
  return answer;
}

}  // namespace becguard::auth
