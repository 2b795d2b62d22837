#include "frontends/milter/quarantine_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace becguard::milter {
namespace {

std::string SafeName(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    out += ok ? c : '_';
  }
  return out.empty() ? "noqueue" : out;
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Result<std::string> StoreInQuarantine(const std::string& dir, std::string_view queue_id,
                                      const std::vector<HeaderField>& headers,
                                      std::string_view raw) {
  static std::atomic<unsigned long> counter{0};
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, "quarantine: " + dir + ": " + ec.message());
  const std::string base = std::to_string(std::time(nullptr)) + "." + SafeName(queue_id) + "." +
                           std::to_string(getpid()) + "_" + std::to_string(counter++);
  const std::string tmp = dir + "/." + base + ".tmp";
  const std::string path = dir + "/" + base + ".eml";
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0)
    return MakeError(ErrorCode::kUnavailable, "quarantine: " + tmp + ": " + strerror(errno));
  std::string head;
  for (const HeaderField& h : headers) {
    std::string value = h.value;
    for (std::size_t p = value.find("\n\t"); p != std::string::npos;
         p = value.find("\n\t", p + 3)) {
      value.replace(p, 1, "\r\n");
    }
    head += h.name + ": " + value + "\r\n";
  }
  bool ok = WriteAll(fd, head) && WriteAll(fd, raw) && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = strerror(errno);
    unlink(tmp.c_str());
    return MakeError(ErrorCode::kUnavailable, "quarantine: " + path + ": " + why);
  }
  return path;
}

}  // namespace becguard::milter
