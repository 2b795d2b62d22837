#include "local_dns_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "auth/dns_resolver.h"

extern char** environ;

namespace becguard::auth::testing {
namespace {

// A port that is free for both UDP and TCP right now.
std::uint16_t FreePort() {
  for (int attempt = 0; attempt < 20; ++attempt) {
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (bind(udp, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(udp, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      close(udp);
      continue;
    }
    int tcp = socket(AF_INET, SOCK_STREAM, 0);
    const bool tcp_free = bind(tcp, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(tcp);
    close(udp);
    if (tcp_free) return ntohs(addr.sin_port);
  }
  return 0;
}

}  // namespace

std::string QuoteTxt(const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); i += 255) {
    if (!out.empty()) out += ' ';
    out += '"' + value.substr(i, 255) + '"';
  }
  return out.empty() ? "\"\"" : out;
}

std::unique_ptr<LocalDnsServer> LocalDnsServer::Start(const std::vector<std::string>& zones,
                                                      const std::vector<std::string>& records,
                                                      std::string* error) {
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "becguard-dns-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    *error = "mkdtemp failed";
    return nullptr;
  }
  std::unique_ptr<LocalDnsServer> server(new LocalDnsServer());
  server->dir_ = pattern;
  const std::string ready = "ready." + (zones.empty() ? std::string("test") : zones.front());
  for (int attempt = 0; attempt < 5; ++attempt) {
    server->port_ = FreePort();
    const std::string conf = server->dir_ + "/unbound.conf";
    {
      std::ofstream out(conf);
      out << "server:\n"
          << "  interface: 127.0.0.1\n  port: " << server->port_ << "\n"
          << "  do-ip6: no\n  do-daemonize: no\n  username: \"\"\n  chroot: \"\"\n"
          << "  directory: \"" << server->dir_ << "\"\n  pidfile: \"\"\n"
          << "  logfile: \"\"\n  use-syslog: no\n  verbosity: 0\n  num-threads: 1\n"
          << "  module-config: \"iterator\"\n  access-control: 127.0.0.0/8 allow\n"
          << "  so-reuseport: no\n  incoming-num-tcp: 16\n";
      for (const std::string& zone : zones) out << "  local-zone: \"" << zone << ".\" static\n";
      out << "  local-data: '" << ready << ". 60 IN TXT \"1\"'\n";
      for (const std::string& record : records) out << "  local-data: '" << record << "'\n";
      out << "remote-control:\n  control-enable: no\n";
    }
    const std::string log = server->dir_ + "/unbound.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::string program = "/usr/sbin/unbound";
    std::vector<char*> argv{program.data(), const_cast<char*>("-d"), const_cast<char*>("-c"),
                            const_cast<char*>(conf.c_str()), nullptr};
    const int spawned =
        posix_spawn(&server->pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      *error = "cannot run /usr/sbin/unbound";
      server->pid_ = -1;
      return nullptr;
    }
    // Ready when it answers; give up on this port if the process died.
    DnsOptions options;
    options.server = "127.0.0.1";
    options.port = server->port_;
    options.timeout = std::chrono::milliseconds(200);
    options.cache_entries = 0;
    DnsResolver probe(options);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
        server->pid_ = -1;
        break;
      }
      DnsBudget budget(std::chrono::milliseconds(500));
      if (probe.Lookup(ready, DnsType::kTxt, budget).status == DnsAnswer::Status::kOk) {
        return server;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (server->pid_ > 0) {
      kill(server->pid_, SIGKILL);
      waitpid(server->pid_, nullptr, 0);
      server->pid_ = -1;
    }
    std::ifstream in(log);
    *error = "unbound did not start: " + std::string(std::istreambuf_iterator<char>(in), {});
  }
  return nullptr;
}

LocalDnsServer::~LocalDnsServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

SilentDnsServer::SilentDnsServer() {
  fd_ = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port_ = ntohs(addr.sin_port);
  }
}

SilentDnsServer::~SilentDnsServer() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace becguard::auth::testing
