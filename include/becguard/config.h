// Config: the typed settings of an engine, loaded from one TOML file.
//
// Only organisation facts, limits, scoring and paths live here; each detector parses its own
// [detectors.<name>] table (see src/detectors/registry.cc). Unknown keys anywhere fail start-up.
// Immutable after loading; safe to share between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace becguard {

// A person the organisation knows: an executive (VIP), a colleague or a partner's contact.
struct Person {
  std::string name;                    // "Margaret Okafor", "佐藤 健一"
  std::vector<std::string> aliases;    // "佐藤社長", "Kenichi Sato"
  std::vector<std::string> addresses;  // the addresses this person writes from
  // Registrable domains this person writes from when the addresses are not all known (a
  // partner contact known by name only). Empty: the organisation's domains for org people, the
  // domains of `addresses` for partner people.
  std::vector<std::string> domains;
  std::string role;  // free text, shown in evidence
  bool vip = false;
};

struct OrganizationConfig {
  std::vector<std::string> domains;  // registrable domains the organisation owns
  std::vector<Person> people;        // VIPs (vip = true) and staff
};

struct PartnersConfig {
  std::vector<std::string> domains;  // counterparties' registrable domains
  std::vector<Person> people;
};

// Every limit the parser and engine enforce. A message over a limit still gets a verdict,
// with a message.limit_skipped finding saying what was not inspected.
struct Limits {
  std::size_t max_message_bytes = 25u << 20;  // larger input is cut to this before parsing
  int max_mime_depth = 16;
  int max_parts = 256;
  int max_headers = 1000;
  std::size_t max_header_bytes = 64u << 10;  // one header, unfolded
  std::size_t max_text_bytes = 1u << 20;     // body text kept for detectors
  std::size_t max_html_bytes = 4u << 20;     // HTML converted to text
};

// Which scanned messages teach the store (learning from a message the attacker controls would
// teach the attacker's bank details as normal).
enum class LearnPolicy { kNone, kClean, kNotBec };

struct StoreConfig {
  // "sqlite:/path", a plain path (SQLite), "memory:" (forget on exit) or "" (no learned context).
  // Default: $BECGUARD_STORE, else $XDG_DATA_HOME/becguard/context.db, else
  // ~/.local/share/becguard/context.db.
  std::string location;
  LearnPolicy learn_on_scan = LearnPolicy::kClean;
  // [store.trust]: mail nobody vouched for (learned while scanning) makes a correspondent known
  // or bank details "on file" only after this many messages over this many days of learning
  // (docs/STORE.md#trust).
  std::int64_t trust_min_sightings = 5;
  std::int64_t trust_min_sighting_days = 30;
};

// Mail authentication (SPF, DKIM, DMARC), [auth]. See docs/AUTH.md for the trust model.
enum class AuthMode {
  kOff,     // no authentication results at all
  kTrust,   // Authentication-Results / ARC-Authentication-Results of trusted authserv-ids only
  kVerify,  // verify SPF, DKIM and DMARC over DNS; trusted results fill what cannot be verified
};

struct AuthConfig {
  // The authserv-id becguard writes in its own Authentication-Results header (milter).
  std::string authserv_id = "becguard";
  AuthMode mode = AuthMode::kTrust;
  // authserv-ids whose Authentication-Results are believed (lower-case). Others, and any header
  // below the trust boundary, are ignored: an attacker can write any header into a message.
  std::vector<std::string> trusted_authserv_ids;
  // Believe Exchange Online's Authentication-Results, which carry no authserv-id, when they
  // stand above the trust boundary (requires trusted_received_by).
  bool trust_exchange_online = false;
  // Hosts of the organisation's MTAs (the "by" of their Received headers; "*.example.com"
  // matches subdomains). The hop where mail entered them is the trust boundary, and gives
  // the client IP / HELO for `scan --verify-auth` when no envelope is given.
  std::vector<std::string> trusted_received_by;
  // DNS server for verification, "ip" or "ip:port" ("[v6]:port"); empty: /etc/resolv.conf.
  std::string resolver;
  int dns_timeout_ms = 2000;          // one query
  int dns_budget_ms = 5000;           // all queries of one message together
  std::size_t cache_entries = 10000;  // 0 disables the answer cache
  int cache_max_ttl_s = 3600;         // answers are kept at most this long
};

struct Config {
  std::string data_dir;                // lexicons, freemail list, IOCs; default: built-in path
  std::string scores_file;             // default: <data_dir>/scores.toml
  std::vector<std::string> ioc_files;  // default: <data_dir>/intel/iocs.txt
  // Compiled pattern databases are cached here (empty: no cache). Default:
  // $BECGUARD_CACHE_DIR, else $XDG_CACHE_HOME/becguard, else $HOME/.cache/becguard.
  std::string cache_dir;
  OrganizationConfig organization;
  PartnersConfig partners;
  Limits limits;
  StoreConfig store;
  AuthConfig auth;
};

}  // namespace becguard
