// RunMilter: start-up, signals, reload and shutdown around smfi_main.
//
// libmilter starts its own signal thread that sigwait()s SIGHUP, SIGTERM and SIGINT and treats
// all three as "stop". To make SIGHUP a reload, smfi_main runs on a second thread and the main
// thread (the thread-group leader) waits for the same signals with sigtimedwait(): Linux hands a
// process-directed signal to the leader when the leader can take it, so libmilter's thread does
// not see them while the main thread is waiting (and the main thread does nothing else: reloads
// run on their own thread). Should libmilter still take one, smfi_main returns without our
// request and the process exits non-zero so the service manager restarts it; Postfix tempfails
// meanwhile (milter_default_action), so no mail is lost.
#include <libmilter/mfapi.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "frontends/milter/milter_service.h"
#include "mime/parser.h"

namespace becguard::milter {
namespace {

void SetLogLevel(const std::string& level) { spdlog::set_level(spdlog::level::from_str(level)); }

// Removes a stale unix socket left by a killed instance (smfi_opensocket would do it too, but
// only for "unix:"/"local:" paths it can parse).
void PrepareSocket(const std::string& socket) {
  for (std::string_view prefix : {"unix:", "local:"}) {
    if (socket.rfind(prefix, 0) == 0) {
      std::error_code ec;
      std::filesystem::remove(socket.substr(prefix.size()), ec);
    }
  }
}

// The milter protocol is many small request/reply exchanges; with Nagle's algorithm on a TCP
// socket each can wait for a delayed ACK (~40 ms on Linux; measured: ~100 ms per message
// instead of ~15). libmilter does not expose its listening socket, so find it by its local
// address; accepted connections inherit TCP_NODELAY from it.
void DisableNagleOnListener() {
  for (int fd = 0; fd < 1024; ++fd) {
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || listening == 0) {
      continue;
    }
    sockaddr_storage addr{};
    socklen_t addr_len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) continue;
    if (addr.ss_family != AF_INET && addr.ss_family != AF_INET6) continue;
    const int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0) {
      spdlog::warn("cannot set TCP_NODELAY on the milter socket; expect slower replies");
    }
  }
}

}  // namespace

int RunMilter(const MilterOptions& options) {
  // Before any thread exists, so every thread (ours and libmilter's) inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  spdlog::set_default_logger(spdlog::stderr_logger_mt("becguard-milter"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  mime::InitMime();

  auto loaded = LoadRuntime(options.config_path, options.engine_options);
  if (!loaded) {
    spdlog::error("cannot start: {}", loaded.error().ToString());
    return 4;
  }
  MilterService service;
  service.runtime.Set(*loaded);
  const MilterConfig& config = (*loaded)->config;
  SetLogLevel(config.log_level);
  const std::string socket = options.socket.empty() ? config.socket : options.socket;
  service.pool = std::make_unique<ScanPool>(config.workers, config.queue_limit);

  PrepareSocket(socket);
  if (smfi_setconn(const_cast<char*>(socket.c_str())) != MI_SUCCESS ||
      smfi_settimeout(config.session_timeout_s) != MI_SUCCESS ||
      smfi_register(*MilterDescription(&service)) != MI_SUCCESS ||
      smfi_opensocket(1) != MI_SUCCESS) {
    spdlog::error("cannot listen on {} (check the address and permissions)", socket);
    return 4;
  }
  DisableNagleOnListener();
  spdlog::info(
      "becguard milter listening on {} (engine store: {}, {} workers)", socket,
      (*loaded)->engine->has_store() ? "yes" : "no",
      config.workers > 0 ? config.workers : static_cast<int>(std::thread::hardware_concurrency()));

  std::atomic<bool> milter_running{true};
  int milter_result = MI_SUCCESS;
  std::thread milter_thread([&] {
    milter_result = smfi_main();
    milter_running = false;
  });

  // One reloader thread; SIGHUPs that arrive during a reload coalesce into one more reload.
  std::mutex reload_mu;
  std::condition_variable reload_cv;
  unsigned long reload_requested = 0;
  bool reload_stop = false;
  std::thread reloader([&] {
    unsigned long done = 0;
    std::unique_lock<std::mutex> lock(reload_mu);
    while (true) {
      reload_cv.wait(lock, [&] { return reload_stop || reload_requested != done; });
      if (reload_stop) return;
      done = reload_requested;
      lock.unlock();
      auto next = LoadRuntime(options.config_path, options.engine_options);
      if (!next) {
        spdlog::error("reload failed, keeping the running configuration: {}",
                      next.error().ToString());
      } else {
        const std::string& next_socket =
            options.socket.empty() ? (*next)->config.socket : options.socket;
        if (next_socket != socket ||
            (*next)->config.workers != service.runtime.Get()->config.workers) {
          spdlog::warn("milter.socket and milter.workers take effect on restart only");
        }
        SetLogLevel((*next)->config.log_level);
        service.runtime.Set(*next);
        spdlog::info("configuration reloaded");
      }
      lock.lock();
    }
  });

  bool stop_requested = false;
  while (milter_running) {
    const timespec tick{0, 200 * 1000 * 1000};
    const int sig = sigtimedwait(&signals, nullptr, &tick);
    if (sig == SIGHUP) {
      spdlog::info("SIGHUP: reloading the configuration");
      std::lock_guard<std::mutex> lock(reload_mu);
      ++reload_requested;
      reload_cv.notify_one();
    } else if (sig == SIGTERM || sig == SIGINT) {
      spdlog::info("{}: stopping (no new connections; in-flight messages may finish)",
                   sig == SIGTERM ? "SIGTERM" : "SIGINT");
      stop_requested = true;
      smfi_stop();
      break;
    }
  }
  milter_thread.join();
  {
    std::lock_guard<std::mutex> lock(reload_mu);
    reload_stop = true;
    reload_cv.notify_one();
  }
  reloader.join();

  // smfi_main returns once the listener stops; sessions run on detached threads.
  const auto grace = std::chrono::milliseconds(service.runtime.Get()->config.shutdown_grace_ms);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (service.active_sessions.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (service.active_sessions.load() > 0) {
    spdlog::warn("{} sessions still open after the grace period; the MTA will retry them",
                 service.active_sessions.load());
    // Sessions still hold pointers into `service`: leave without running destructors.
    std::fflush(nullptr);
    _exit(stop_requested ? 0 : 1);
  }
  service.pool.reset();
  PrepareSocket(socket);
  spdlog::info("stopped after {} messages", service.messages.load());
  if (!stop_requested) {
    spdlog::error("libmilter stopped unexpectedly (result {})", milter_result);
    return 1;
  }
  return milter_result == MI_SUCCESS ? 0 : 1;
}

}  // namespace becguard::milter
