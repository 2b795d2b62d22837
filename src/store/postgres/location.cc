#include "store/postgres/location.h"

#include <charconv>
#include <vector>

namespace becguard::store::postgres {
namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};
constexpr std::size_t kMaxPoolSize = 256;

std::vector<std::string_view> SplitParameters(std::string_view query) {
  std::vector<std::string_view> out;
  while (!query.empty()) {
    const auto end = query.find('&');
    if (end != 0) out.push_back(query.substr(0, end));
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return out;
}

std::string_view Key(std::string_view parameter) {
  return parameter.substr(0, parameter.find('='));
}

// "user:secret@host" -> "user@host"; a password=... parameter -> password=***.
std::string Redact(std::string_view base, const std::vector<std::string_view>& parameters) {
  std::string out(base);
  const auto authority = out.find("://") + 3;
  const auto at = out.find('@', authority);
  const auto slash = out.find('/', authority);
  if (at != std::string::npos && at < slash) {
    const auto colon = out.find(':', authority);
    if (colon < at) out.erase(colon, at - colon);
  }
  char separator = '?';
  for (std::string_view parameter : parameters) {
    out += separator;
    separator = '&';
    out += Key(parameter) == "password" ? std::string("password=***") : std::string(parameter);
  }
  return out;
}

}  // namespace

bool IsPostgresLocation(std::string_view location) {
  for (std::string_view scheme : kSchemes) {
    if (location.starts_with(scheme)) return true;
  }
  return false;
}

Result<Location> ParseLocation(std::string_view location) {
  if (!IsPostgresLocation(location)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "not a PostgreSQL location: '" + std::string(location) + "'");
  }
  const auto question = location.find('?');
  const std::string_view base = location.substr(0, question);
  std::vector<std::string_view> parameters;
  if (question != std::string_view::npos)
    parameters = SplitParameters(location.substr(question + 1));

  Location out;
  std::vector<std::string_view> kept;
  bool has_timeout = false, has_name = false;
  for (std::string_view parameter : parameters) {
    const std::string_view key = Key(parameter);
    if (key == "pool_size") {
      const std::string_view value = parameter.substr(std::min(parameter.size(), key.size() + 1));
      std::size_t size = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
      if (error != std::errc() || end != value.data() + value.size() || size == 0 ||
          size > kMaxPoolSize) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "store location: pool_size must be a number from 1 to " +
                             std::to_string(kMaxPoolSize) + ", not '" + std::string(value) + "'");
      }
      out.pool_size = size;
      continue;
    }
    has_timeout = has_timeout || key == "connect_timeout";
    has_name = has_name || key == "application_name";
    kept.push_back(parameter);
  }
  out.display = Redact(base, kept);
  std::vector<std::string_view> effective = kept;
  if (!has_timeout) effective.push_back("connect_timeout=5");
  if (!has_name) effective.push_back("application_name=becguard");
  out.uri = std::string(base);
  char separator = '?';
  for (std::string_view parameter : effective) {
    out.uri += separator;
    separator = '&';
    out.uri += parameter;
  }
  return out;
}

}  // namespace becguard::store::postgres
