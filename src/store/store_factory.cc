// OpenStore: turns a configured location into a Store backend.
#include <filesystem>
#include <system_error>

#include "context/store.h"
#include "store/memory/memory_store.h"
#include "store/postgres/location.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace becguard::context {
namespace {

constexpr std::string_view kMemoryScheme = "memory:";
constexpr std::string_view kSqliteScheme = "sqlite:";

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (location == kMemoryScheme) return std::make_unique<store::MemoryStore>();
  if (store::postgres::IsPostgresLocation(location)) {
    auto store = store::PostgresStore::Open(location);
    if (!store) return tl::unexpected(store.error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  std::string path = location;
  if (location.starts_with(kSqliteScheme)) {
    path = location.substr(kSqliteScheme.size());
  } else if (location.find("://") != std::string::npos || location.starts_with(kMemoryScheme)) {
    // A typo must not become a file of that name.
    return MakeError(ErrorCode::kInvalidArgument,
                     "unsupported store location '" + location +
                         "' (use memory:, sqlite:/path/to/file.db, a file path or "
                         "postgresql://...)");
  }
  if (path.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "store location '" + location + "' names no file");
  }
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code error;
    const bool created = std::filesystem::create_directories(parent, error);
    // A directory we create holds only the store: owner only (see Connection::Open).
    if (!error && created) {
      std::filesystem::permissions(parent, std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, error);
    }
    if (error) {
      return MakeError(ErrorCode::kUnavailable,
                       "cannot create store directory " + parent.string() + ": " + error.message());
    }
  }
  auto store = store::SqliteStore::Open(path);
  if (!store) return tl::unexpected(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace becguard::context
