#include "engine/config_loader.h"
#include "core/ascii.h"

#include <cstdlib>
#include <filesystem>
#include <initializer_list>

namespace becguard::engine {
namespace {

namespace fs = std::filesystem;

#ifndef BECGUARD_DEFAULT_DATA_DIR
#define BECGUARD_DEFAULT_DATA_DIR "/usr/share/becguard"
#endif

Error Invalid(std::string message) {
  return Error(ErrorCode::kInvalidArgument, "config: " + message);
}

Result<void> CheckKeys(const toml::table& table, std::string_view where,
                       std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : table) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key.str();
    if (!known) {
      return tl::unexpected(
          Invalid("unknown key '" + std::string(key.str()) + "' in " + std::string(where)));
    }
  }
  return {};
}

Result<std::vector<std::string>> Strings(const toml::table& table, std::string_view key,
                                         std::string_view where) {
  std::vector<std::string> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return tl::unexpected(
        Invalid(std::string(where) + "." + std::string(key) + " must be an array of strings"));
  }
  for (const toml::node& item : *array) {
    auto s = item.value<std::string>();
    if (!s) {
      return tl::unexpected(
          Invalid(std::string(where) + "." + std::string(key) + " must be an array of strings"));
    }
    out.push_back(*s);
  }
  return out;
}

Result<void> ReadPeople(const toml::table& table, std::string_view key, bool vip,
                        std::string_view where, std::vector<Person>& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return tl::unexpected(Invalid(std::string(where) + "." + std::string(key) +
                                  " must be an array of tables ([[...]])"));
  }
  for (const toml::node& item : *array) {
    const toml::table* person_table = item.as_table();
    std::string here = std::string(where) + "." + std::string(key);
    if (person_table == nullptr) return tl::unexpected(Invalid(here + " entries must be tables"));
    BECGUARD_RETURN_IF_ERROR(
        CheckKeys(*person_table, here, {"name", "aliases", "addresses", "domains", "role"}));
    Person person;
    person.vip = vip;
    person.name = (*person_table)["name"].value_or(std::string());
    person.role = (*person_table)["role"].value_or(std::string());
    if (person.name.empty()) return tl::unexpected(Invalid(here + " entry without a name"));
    auto aliases = Strings(*person_table, "aliases", here);
    if (!aliases) return tl::unexpected(aliases.error());
    auto addresses = Strings(*person_table, "addresses", here);
    if (!addresses) return tl::unexpected(addresses.error());
    auto domains = Strings(*person_table, "domains", here);
    if (!domains) return tl::unexpected(domains.error());
    for (std::string& d : *domains) person.domains.push_back(AsciiLower(std::move(d)));
    person.aliases = std::move(*aliases);
    for (std::string& a : *addresses) person.addresses.push_back(AsciiLower(std::move(a)));
    out.push_back(std::move(person));
  }
  return {};
}

Result<std::size_t> Size(const toml::table& table, std::string_view key, std::size_t fallback) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  auto v = node->value<int64_t>();
  if (!v || *v <= 0) {
    return tl::unexpected(Invalid("limits." + std::string(key) + " must be a positive integer"));
  }
  return static_cast<std::size_t>(*v);
}

Result<Limits> ReadLimits(const toml::table& table) {
  BECGUARD_RETURN_IF_ERROR(
      CheckKeys(table, "[limits]",
                {"max_message_bytes", "max_mime_depth", "max_parts", "max_headers",
                 "max_header_bytes", "max_text_bytes", "max_html_bytes"}));
  Limits limits;
  struct SizeField {
    std::string_view key;
    std::size_t* target;
  };
  for (SizeField f : {SizeField{"max_message_bytes", &limits.max_message_bytes},
                      SizeField{"max_header_bytes", &limits.max_header_bytes},
                      SizeField{"max_text_bytes", &limits.max_text_bytes},
                      SizeField{"max_html_bytes", &limits.max_html_bytes}}) {
    auto v = Size(table, f.key, *f.target);
    if (!v) return tl::unexpected(v.error());
    *f.target = *v;
  }
  struct IntField {
    std::string_view key;
    int* target;
  };
  for (IntField f :
       {IntField{"max_mime_depth", &limits.max_mime_depth},
        IntField{"max_parts", &limits.max_parts}, IntField{"max_headers", &limits.max_headers}}) {
    auto v = Size(table, f.key, static_cast<std::size_t>(*f.target));
    if (!v) return tl::unexpected(v.error());
    *f.target = static_cast<int>(*v);
  }
  return limits;
}

std::string Resolve(const std::string& base_dir, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(base_dir) / path).lexically_normal().string();
}

std::string DefaultDataDir() {
  if (const char* env = std::getenv("BECGUARD_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  if (fs::exists(fs::path(BECGUARD_DEFAULT_DATA_DIR) / "scores.toml", ec)) {
    return BECGUARD_DEFAULT_DATA_DIR;
  }
  return "/usr/share/becguard";
}

std::string DefaultStoreLocation() {
  if (const char* env = std::getenv("BECGUARD_STORE"); env != nullptr && *env != '\0') return env;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data != '\0') {
    return (fs::path(data) / "becguard" / "context.db").string();
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return (fs::path(home) / ".local" / "share" / "becguard" / "context.db").string();
  }
  return "";
}

std::string DefaultCacheDir() {
  for (const char* name : {"BECGUARD_CACHE_DIR", "XDG_CACHE_HOME", "HOME"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    if (std::string_view(name) == "BECGUARD_CACHE_DIR") return value;
    if (std::string_view(name) == "XDG_CACHE_HOME") return (fs::path(value) / "becguard").string();
    return (fs::path(value) / ".cache" / "becguard").string();
  }
  return "";
}

Result<int> PositiveInt(const toml::table& table, std::string_view key, int fallback,
                        int max_value) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  auto v = node->value<int64_t>();
  if (!v || *v <= 0 || *v > max_value) {
    return tl::unexpected(Invalid("auth." + std::string(key) + " must be an integer in 1.." +
                                  std::to_string(max_value)));
  }
  return static_cast<int>(*v);
}

Result<AuthConfig> ReadAuth(const toml::table& table) {
  BECGUARD_RETURN_IF_ERROR(
      CheckKeys(table, "[auth]",
                {"authserv_id", "mode", "trusted_authserv_ids", "trust_exchange_online",
                 "trusted_received_by", "resolver", "dns_timeout_ms", "dns_budget_ms",
                 "cache_entries", "cache_max_ttl_s"}));
  AuthConfig auth;
  if (const toml::node* id = table.get("authserv_id")) {
    auto value = id->value<std::string>();
    if (!value || value->empty() || value->find_first_of(" \t;()\"") != std::string::npos) {
      return tl::unexpected(Invalid("auth.authserv_id must be a non-empty token"));
    }
    auth.authserv_id = *value;
  }
  if (const toml::node* mode = table.get("mode")) {
    const std::string value = mode->value_or(std::string());
    if (value == "off") {
      auth.mode = AuthMode::kOff;
    } else if (value == "trust") {
      auth.mode = AuthMode::kTrust;
    } else if (value == "verify") {
      auth.mode = AuthMode::kVerify;
    } else {
      return tl::unexpected(Invalid("auth.mode must be \"off\", \"trust\" or \"verify\""));
    }
  }
  auto ids = Strings(table, "trusted_authserv_ids", "auth");
  if (!ids) return tl::unexpected(ids.error());
  for (std::string& id : *ids) auth.trusted_authserv_ids.push_back(AsciiLower(std::move(id)));
  auto hosts = Strings(table, "trusted_received_by", "auth");
  if (!hosts) return tl::unexpected(hosts.error());
  for (std::string& host : *hosts) auth.trusted_received_by.push_back(AsciiLower(std::move(host)));
  if (const toml::node* exo = table.get("trust_exchange_online")) {
    auto value = exo->value<bool>();
    if (!value) return tl::unexpected(Invalid("auth.trust_exchange_online must be a boolean"));
    auth.trust_exchange_online = *value;
  }
  if (auth.trust_exchange_online && auth.trusted_received_by.empty()) {
    return tl::unexpected(Invalid(
        "auth.trust_exchange_online needs auth.trusted_received_by (the trust boundary): "
        "Exchange Online results carry no authserv-id, so only their position identifies them"));
  }
  if (const toml::node* resolver = table.get("resolver")) {
    auto value = resolver->value<std::string>();
    if (!value) return tl::unexpected(Invalid("auth.resolver must be a string"));
    auth.resolver = *value;
  }
  auto timeout = PositiveInt(table, "dns_timeout_ms", auth.dns_timeout_ms, 60000);
  if (!timeout) return tl::unexpected(timeout.error());
  auth.dns_timeout_ms = *timeout;
  auto budget = PositiveInt(table, "dns_budget_ms", auth.dns_budget_ms, 600000);
  if (!budget) return tl::unexpected(budget.error());
  auth.dns_budget_ms = *budget;
  auto ttl = PositiveInt(table, "cache_max_ttl_s", auth.cache_max_ttl_s, 7 * 86400);
  if (!ttl) return tl::unexpected(ttl.error());
  auth.cache_max_ttl_s = *ttl;
  if (const toml::node* entries = table.get("cache_entries")) {
    auto value = entries->value<int64_t>();
    if (!value || *value < 0) {
      return tl::unexpected(Invalid("auth.cache_entries must be a non-negative integer"));
    }
    auth.cache_entries = static_cast<std::size_t>(*value);
  }
  return auth;
}

}  // namespace

Result<LoadedConfig> ParseConfig(std::string_view toml_text, const std::string& base_dir) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return tl::unexpected(Invalid("line " + std::to_string(where.line) + ", column " +
                                  std::to_string(where.column) + ": " +
                                  std::string(e.description())));
  }
  BECGUARD_RETURN_IF_ERROR(
      CheckKeys(root, "the top level",
                {"data_dir", "scores_file", "ioc_files", "cache_dir", "organization", "partners",
                 "limits", "store", "scoring", "detectors", "auth",
                 // Front-end sections, read by the front end from the same file.
                 "milter"}));
  LoadedConfig loaded;
  Config& config = loaded.config;

  std::string data_dir = root["data_dir"].value_or(std::string());
  config.data_dir = data_dir.empty() ? DefaultDataDir() : Resolve(base_dir, data_dir);
  std::string scores = root["scores_file"].value_or(std::string());
  config.scores_file = scores.empty() ? (fs::path(config.data_dir) / "scores.toml").string()
                                      : Resolve(base_dir, scores);
  if (const toml::node* cache = root.get("cache_dir")) {
    auto dir = cache->value<std::string>();
    if (!dir) return tl::unexpected(Invalid("cache_dir must be a string"));
    config.cache_dir = dir->empty() ? "" : Resolve(base_dir, *dir);
  } else {
    config.cache_dir = DefaultCacheDir();
  }
  if (root.get("ioc_files") != nullptr) {
    auto files = Strings(root, "ioc_files", "top level");
    if (!files) return tl::unexpected(files.error());
    for (const std::string& f : *files) config.ioc_files.push_back(Resolve(base_dir, f));
  } else {
    config.ioc_files.push_back((fs::path(config.data_dir) / "intel" / "iocs.txt").string());
  }

  if (const toml::table* org = root["organization"].as_table()) {
    BECGUARD_RETURN_IF_ERROR(CheckKeys(*org, "[organization]", {"domains", "vips", "people"}));
    auto domains = Strings(*org, "domains", "organization");
    if (!domains) return tl::unexpected(domains.error());
    for (std::string& d : *domains) config.organization.domains.push_back(AsciiLower(std::move(d)));
    BECGUARD_RETURN_IF_ERROR(
        ReadPeople(*org, "vips", true, "organization", config.organization.people));
    BECGUARD_RETURN_IF_ERROR(
        ReadPeople(*org, "people", false, "organization", config.organization.people));
  }
  if (const toml::table* partners = root["partners"].as_table()) {
    BECGUARD_RETURN_IF_ERROR(CheckKeys(*partners, "[partners]", {"domains", "people"}));
    auto domains = Strings(*partners, "domains", "partners");
    if (!domains) return tl::unexpected(domains.error());
    for (std::string& d : *domains) config.partners.domains.push_back(AsciiLower(std::move(d)));
    BECGUARD_RETURN_IF_ERROR(
        ReadPeople(*partners, "people", false, "partners", config.partners.people));
  }
  if (const toml::table* limits = root["limits"].as_table()) {
    auto parsed = ReadLimits(*limits);
    if (!parsed) return tl::unexpected(parsed.error());
    config.limits = *parsed;
  }
  config.store.location = DefaultStoreLocation();
  if (const toml::table* store = root["store"].as_table()) {
    BECGUARD_RETURN_IF_ERROR(CheckKeys(*store, "[store]", {"location", "learn_on_scan", "trust"}));
    if (const toml::node* trust = store->get("trust")) {
      if (!trust->is_table()) return tl::unexpected(Invalid("[store.trust] must be a table"));
      BECGUARD_RETURN_IF_ERROR(
          CheckKeys(*trust->as_table(), "[store.trust]", {"min_sightings", "min_sighting_days"}));
      for (auto [key, field] :
           {std::pair{"min_sightings", &config.store.trust_min_sightings},
            std::pair{"min_sighting_days", &config.store.trust_min_sighting_days}}) {
        const toml::node* node = trust->as_table()->get(key);
        if (node == nullptr) continue;
        const auto value = node->value_exact<std::int64_t>();
        if (!value || *value < 0) {
          return tl::unexpected(
              Invalid("store.trust." + std::string(key) + " must be a non-negative integer"));
        }
        *field = *value;
      }
    }
    if (const toml::node* location = store->get("location")) {
      auto value = location->value<std::string>();
      if (!value) return tl::unexpected(Invalid("store.location must be a string"));
      const bool scheme = value->find(':') != std::string::npos && !value->starts_with("/");
      config.store.location = value->empty() || scheme ? *value : Resolve(base_dir, *value);
    }
    if (const toml::node* policy = store->get("learn_on_scan")) {
      const std::string value = policy->value_or(std::string());
      if (value == "none") {
        config.store.learn_on_scan = LearnPolicy::kNone;
      } else if (value == "clean") {
        config.store.learn_on_scan = LearnPolicy::kClean;
      } else if (value == "not_bec") {
        config.store.learn_on_scan = LearnPolicy::kNotBec;
      } else {
        return tl::unexpected(
            Invalid("store.learn_on_scan must be \"none\", \"clean\" or \"not_bec\""));
      }
    }
  }
  if (const toml::node* auth = root.get("auth")) {
    if (!auth->is_table()) return tl::unexpected(Invalid("[auth] must be a table"));
    auto parsed = ReadAuth(*auth->as_table());
    if (!parsed) return tl::unexpected(parsed.error());
    config.auth = std::move(*parsed);
  }
  if (const toml::table* detectors = root["detectors"].as_table()) loaded.detectors = *detectors;
  if (const toml::table* scoring = root["scoring"].as_table()) loaded.scoring = *scoring;
  return loaded;
}

}  // namespace becguard::engine
