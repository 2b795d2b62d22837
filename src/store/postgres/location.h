// Where the PostgreSQL store lives: a libpq connection URI (postgresql:// or postgres://, see
// the libpq manual) plus becguard's own query parameter `pool_size`, which libpq would reject
// and is taken out here. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "becguard/result.h"

namespace becguard::store::postgres {

struct Location {
  // What libpq connects to: pool_size removed; connect_timeout (5 s, so an unreachable host
  // fails a scan's snapshot quickly instead of after the kernel's TCP timeout) and
  // application_name (becguard, visible in pg_stat_activity) added unless given.
  std::string uri;
  // The URI without its password, for messages and logs.
  std::string display;
  // Connections this process opens at most (each on demand); callers beyond it wait.
  std::size_t pool_size = 8;
};

bool IsPostgresLocation(std::string_view location);

// kInvalidArgument for a pool_size that is not a number in 1..256.
Result<Location> ParseLocation(std::string_view location);

}  // namespace becguard::store::postgres
