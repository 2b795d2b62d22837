#include "frontends/milter/quarantine_dir.h"

#include <fcntl.h>
#include <strings.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
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

// FNV-1a, 64 bit: a file name, not a security boundary (a collision only merges two copies).
void Mix(std::uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= 0xff;  // field separator
  h *= 1099511628211ULL;
}

// The header block ends at the first empty line (CRLF or LF mail).
std::size_t BodyStart(std::string_view raw) {
  if (raw.starts_with("\r\n")) return 2;
  if (raw.starts_with("\n")) return 1;
  const std::size_t crlf = raw.find("\r\n\r\n");
  const std::size_t lf = raw.find("\n\n");
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
    return crlf + 4;
  }
  return lf != std::string_view::npos ? lf + 2 : raw.size();
}

std::string_view MessageId(std::string_view headers) {
  std::size_t pos = 0;
  while (pos < headers.size()) {
    std::size_t end = headers.find('\n', pos);
    if (end == std::string_view::npos) end = headers.size();
    std::string_view line = headers.substr(pos, end - pos);
    if (line.size() > 11 && strncasecmp(line.data(), "message-id:", 11) == 0) {
      line.remove_prefix(11);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      return line;
    }
    pos = end + 1;
  }
  return {};
}

std::string OneLine(std::string_view text) {  // envelope values are the client's: no CR/LF
  std::string out(text);
  for (char& c : out) c = (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

}  // namespace

std::string QuarantineKey(const SmtpEnvelope& envelope, std::string_view raw) {
  std::uint64_t h = 14695981039346656037ULL;
  Mix(h, envelope.mail_from);
  for (const std::string& rcpt : envelope.rcpt_to) Mix(h, rcpt);
  const std::size_t body = BodyStart(raw);
  Mix(h, MessageId(raw.substr(0, body)));
  Mix(h, raw.substr(body));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

Result<std::string> StoreInQuarantine(const std::string& dir, std::string_view queue_id,
                                      const SmtpEnvelope& envelope,
                                      const std::vector<HeaderField>& headers,
                                      std::string_view raw) {
  static std::atomic<unsigned long> counter{0};
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, "quarantine: " + dir + ": " + ec.message());
  const std::string path = dir + "/" + QuarantineKey(envelope, raw) + ".eml";
  if (access(path.c_str(), F_OK) == 0) return path;  // the same message, offered again
  const std::string tmp = dir + "/." + SafeName(queue_id) + "." + std::to_string(getpid()) + "_" +
                          std::to_string(counter++) + ".tmp";
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0)
    return MakeError(ErrorCode::kUnavailable, "quarantine: " + tmp + ": " + strerror(errno));
  std::string head = "X-BEC-Envelope-From: <" + OneLine(envelope.mail_from) + ">\r\n";
  for (const std::string& rcpt : envelope.rcpt_to) {
    head += "X-BEC-Envelope-To: <" + OneLine(rcpt) + ">\r\n";
  }
  if (!envelope.client_ip.empty()) {
    head += "X-BEC-Client: " + OneLine(envelope.client_ip) +
            (envelope.helo.empty() ? "" : " helo=" + OneLine(envelope.helo)) + "\r\n";
  }
  head += "X-BEC-Queue-ID: " + SafeName(queue_id) + "\r\n";
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
