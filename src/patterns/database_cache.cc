#include "patterns/database_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace becguard::patterns {
namespace {

namespace fs = std::filesystem;

// FNV-1a: stable across builds and platforms, unlike std::hash.
void Mix(std::uint64_t& hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  hash ^= 0xff;  // field separator
  hash *= 1099511628211ull;
}

std::string CachePath(const std::string& cache_dir, std::uint64_t key) {
  char name[40];
  std::snprintf(name, sizeof name, "patterns-%016llx.hsdb", static_cast<unsigned long long>(key));
  return (fs::path(cache_dir) / name).string();
}

// Compiled lexicons are a few MB; anything far larger is not ours.
constexpr off_t kMaxCachedBytes = off_t{256} << 20;

// The cache directory must be ours (or root's) and writable by no one else, so nobody can swap
// a file in it between our checks and our use.
bool TrustedDirectory(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  if (st.st_uid != ::geteuid() && st.st_uid != 0) return false;
  return (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

}  // namespace

std::uint64_t DatabaseKey(const std::vector<PatternSpec>& specs, unsigned flags) {
  std::uint64_t hash = 14695981039346656037ull;
  Mix(hash, hs_version());
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) {
    Mix(hash, std::to_string(platform.tune) + "/" + std::to_string(platform.cpu_features));
  }
  Mix(hash, std::to_string(flags));
  for (const PatternSpec& spec : specs) {
    Mix(hash, spec.regex);
  }
  return hash;
}

hs_database_t* LoadCachedDatabase(const std::string& cache_dir, std::uint64_t key) {
  if (cache_dir.empty() || !TrustedDirectory(cache_dir)) return nullptr;
  const int fd = ::open(CachePath(cache_dir, key).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return nullptr;
  std::string bytes;
  struct stat st {};
  // Only a plain file we wrote ourselves: a database planted by another user could steer what
  // the lexicons match.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
      (st.st_mode & (S_IWGRP | S_IWOTH)) == 0 && st.st_size <= kMaxCachedBytes) {
    bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    bytes.resize(done);
  }
  ::close(fd);
  hs_database_t* database = nullptr;
  if (bytes.empty() ||
      hs_deserialize_database(bytes.data(), bytes.size(), &database) != HS_SUCCESS) {
    return nullptr;
  }
  return database;
}

void SaveCachedDatabase(const std::string& cache_dir, std::uint64_t key,
                        const hs_database_t* database) {
  if (cache_dir.empty() || database == nullptr) return;
  std::error_code ec;
  if (fs::create_directories(cache_dir, ec)) {
    fs::permissions(cache_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  if (!TrustedDirectory(cache_dir)) return;
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(database, &bytes, &length) != HS_SUCCESS) return;
  const std::string path = CachePath(cache_dir, key);
  static std::atomic<unsigned> counter{0};
  const std::string temp =
      path + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  // A new file of our own (never a planted link or file), renamed into place whole.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  bool written = fd >= 0;
  for (std::size_t done = 0; written && done < length;) {
    const ssize_t n = ::write(fd, bytes + done, length - done);
    written = n > 0;
    if (written) done += static_cast<std::size_t>(n);
  }
  std::free(bytes);
  if (fd >= 0) written = ::close(fd) == 0 && written;
  if (written) fs::rename(temp, path, ec);
  if (fd >= 0 && (!written || ec)) fs::remove(temp, ec);
}

}  // namespace becguard::patterns
