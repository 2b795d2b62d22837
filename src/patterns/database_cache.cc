#include "patterns/database_cache.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

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
  if (cache_dir.empty()) return nullptr;
  std::ifstream in(CachePath(cache_dir, key), std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* database = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &database) != HS_SUCCESS) {
    return nullptr;
  }
  return database;
}

void SaveCachedDatabase(const std::string& cache_dir, std::uint64_t key,
                        const hs_database_t* database) {
  if (cache_dir.empty() || database == nullptr) return;
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(database, &bytes, &length) != HS_SUCCESS) return;
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  const std::string path = CachePath(cache_dir, key);
  const std::string temp = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes, static_cast<std::streamsize>(length));
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  std::free(bytes);
  if (!ec) fs::rename(temp, path, ec);
  if (ec) fs::remove(temp, ec);
}

}  // namespace becguard::patterns
