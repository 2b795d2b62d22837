// The becguard subcommands. Each Run* returns the process exit code.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "becguard/engine.h"

namespace becguard::cli {

// Exit codes of `becguard scan`: the worst verdict, unless an input could not be read.
inline constexpr int kExitClean = 0;
inline constexpr int kExitSuspicious = 1;
inline constexpr int kExitBec = 2;
inline constexpr int kExitInputError = 3;  // some input unreadable (the rest was scanned)
inline constexpr int kExitUsageError = 4;  // bad config or arguments: nothing scanned

struct ScanOptions {
  std::vector<std::string> inputs;
  bool json = false;
  bool explain = false;
  bool progress = true;
  int jobs = 0;  // 0 = all cores
  std::size_t max_file_bytes = 1u << 30;
  bool follow_symlinks = false;
  // --client-ip / --helo / --mail-from: the SMTP envelope for SPF (with --verify-auth).
  std::optional<SmtpEnvelope> envelope;
};

int RunScan(const Engine& engine, const ScanOptions& options);

struct EvalOptions {
  std::string root;         // directory the labels file's paths are relative to
  std::string labels_file;  // default: <root>/labels.tsv, else <root>/manifest.tsv
  bool json = false;
  bool per_message = false;  // JSON: every message's findings with strengths (for calibration)
  int jobs = 0;
};

int RunEval(const Engine& engine, const EvalOptions& options);

// `becguard compare SENT RECEIVED`: what differs between the message as sent and as received.
// Exit code: 0 identical, 1 different, 3 an input could not be read.
struct CompareOptions {
  std::string sent, received;
  bool json = false;
  bool mask = false;  // mask payment details (account numbers) in the output
};

int RunCompare(const CompareOptions& options);

struct LearnOptions {
  std::vector<std::string> inputs;
  bool progress = true;
  int jobs = 0;  // threads parsing messages (0: all cores); the store is written in input order
  std::size_t max_file_bytes = 1u << 30;
  bool follow_symlinks = false;
};

// Exit 0 all learned, 3 some input or message could not be learned, 4 no store configured.
int RunLearn(const Engine& engine, const LearnOptions& options);

// `becguard milter`: runs as a Postfix/Sendmail milter until SIGTERM (see docs/MILTER.md).
// Loads the engine itself (and again on SIGHUP) from `config_path` ("" = defaults).
struct MilterCommandOptions {
  std::string config_path;
  std::string socket;  // overrides [milter] socket
};

int RunMilterCommand(const MilterCommandOptions& options, const EngineOptions& engine_options);

}  // namespace becguard::cli
