// Test support: a real DNS server (unbound from Debian) on 127.0.0.1 and a free port, serving
// static test zones from a generated config, stopped and cleaned up on destruction. Also a
// "silent" UDP port that never answers, for timeout tests. Used by the auth tests and the
// auth benchmark. Not thread-safe; one per fixture.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace becguard::auth::testing {

class LocalDnsServer {
 public:
  // zones: names served authoritatively ("example.test"); records: unbound local-data lines
  // ("mail.example.test. 300 IN TXT \"v=spf1 ip4:192.0.2.1 -all\""). Empty on failure, with
  // the reason in *error.
  static std::unique_ptr<LocalDnsServer> Start(const std::vector<std::string>& zones,
                                               const std::vector<std::string>& records,
                                               std::string* error);
  ~LocalDnsServer();

  std::uint16_t port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  LocalDnsServer() = default;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string dir_;
};

// A bound UDP socket that reads nothing: queries sent to it time out.
class SilentDnsServer {
 public:
  SilentDnsServer();
  ~SilentDnsServer();
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// Splits a long TXT value into quoted character-strings of at most 255 bytes.
std::string QuoteTxt(const std::string& value);

}  // namespace becguard::auth::testing
