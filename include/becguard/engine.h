// Engine: the one scan path shared by every front end (CLI, milter, HTTP).
//
//   raw bytes -> mime::Parse -> ParsedMessage -> lexicon scan -> every Detector -> scoring
//
// An Engine is immutable after Create and Scan is const: one Engine may serve many threads.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/config.h"
#include "becguard/message.h"
#include "becguard/result.h"
#include "becguard/verdict.h"

namespace becguard {

// What the MTA knew about the SMTP session (milter, or `scan --client-ip ...`). Absent when a
// stored file is scanned; authentication then relies on the trusted Received header or on
// Authentication-Results from a configured authserv-id.
struct SmtpEnvelope {
  std::string client_ip;             // connecting peer, "192.0.2.1" or "2001:db8::1"
  std::string client_name;           // reverse name the MTA resolved, may be empty
  std::string helo;                  // HELO/EHLO argument
  std::string mail_from;             // MAIL FROM address without <>; empty for bounces
  std::vector<std::string> rcpt_to;  // RCPT TO addresses without <>
};

struct ScanInput {
  std::string_view raw;  // the whole message, headers and body
  std::string origin;    // file name or queue id, for logs and output
  std::optional<SmtpEnvelope> envelope;
};

// Command-line overrides of the config.
struct EngineOptions {
  std::optional<std::string> store_location;  // --store
  std::optional<LearnPolicy> learn_on_scan;   // --no-learn
  bool verify_auth = false;                   // --verify-auth: [auth] mode = "verify"
};

class Engine {
 public:
  // Loads config (TOML text; empty = all defaults), data files and detectors.
  // base_dir resolves relative paths in the config.
  static Result<std::unique_ptr<Engine>> Create(std::string_view config_toml,
                                                const std::string& base_dir,
                                                const EngineOptions& options = {});
  static Result<std::unique_ptr<Engine>> CreateFromFile(const std::string& config_path,
                                                        const EngineOptions& options = {});

  virtual ~Engine() = default;

  // Parses, detects and scores one message against the store as it is. Errors only when no
  // verdict can be produced; a store that cannot be read degrades to a scan without learned
  // context (ScanReport::warnings says so). Never writes the store: what the message would
  // teach (per store.learn_on_scan) comes back as ScanReport::lesson.
  virtual Result<ScanReport> Scan(const ScanInput& input) const = 0;
  // The same, also returning the parsed view (for --explain).
  virtual Result<ScanReport> ScanParsed(const ScanInput& input, ParsedMessage& parsed) const = 0;

  // Writes lessons of scanned messages to the store, in the given order, in one transaction.
  // Front ends that scan in parallel teach each batch after all of its verdicts, in input
  // order, so that verdicts never depend on the number of threads. Null lessons are skipped.
  virtual Result<void> Teach(std::span<const std::shared_ptr<const Lesson>> lessons) const = 0;

  // What a message of history teaches when someone teaches it explicitly (becguard learn):
  // parsed and derived, no detection. Whoever asks vouches for it (context/trust.h): use it for
  // the organisation's own archive and for confirmed notices, not for unreviewed incoming mail.
  // Thread-safe: a front end may prepare lessons on several threads and Teach them in order.
  virtual std::shared_ptr<const Lesson> LessonOf(const ScanInput& input) const = 0;

  // LessonOf each input, then Teach them in order in one transaction.
  Result<void> Learn(std::span<const ScanInput> inputs) const;
  Result<void> Learn(const ScanInput& input) const { return Learn(std::span(&input, 1)); }
  // Whether a store is configured (learned-context detectors are active).
  virtual bool has_store() const = 0;

  virtual const Config& config() const = 0;
  // Verdict thresholds of the loaded scores (score >= threshold).
  virtual double suspicious_threshold() const = 0;
  virtual double bec_threshold() const = 0;
};

}  // namespace becguard
