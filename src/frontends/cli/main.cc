// becguard command line: the only file with main().
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "becguard/engine.h"
#include "frontends/cli/commands.h"

namespace {

namespace fs = std::filesystem;

#ifndef BECGUARD_VERSION
#define BECGUARD_VERSION "0.0.0"
#endif

// --config, else $BECGUARD_CONFIG, else /etc/becguard/becguard.toml if present, else "" (defaults).
std::string ResolveConfigPath(const std::string& config_path) {
  std::string path = config_path;
  if (path.empty()) {
    if (const char* env = std::getenv("BECGUARD_CONFIG"); env != nullptr && *env != '\0') {
      path = env;
    } else if (std::error_code ec; fs::exists("/etc/becguard/becguard.toml", ec)) {
      path = "/etc/becguard/becguard.toml";
    }
  }
  return path;
}

becguard::Result<std::unique_ptr<becguard::Engine>> LoadEngine(
    const std::string& config_path, const becguard::EngineOptions& options) {
  const std::string path = ResolveConfigPath(config_path);
  if (path.empty()) return becguard::Engine::Create("", fs::current_path().string(), options);
  return becguard::Engine::CreateFromFile(path, options);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "becguard - detects business e-mail compromise (invoice and bank-change fraud, CEO fraud,\n"
      "conversation hijacking) and explains every verdict."};
  app.set_version_flag("--version", std::string("becguard ") + BECGUARD_VERSION);
  app.require_subcommand(1);
  std::string config_path;
  app.add_option("-c,--config", config_path,
                 "TOML config file (default: $BECGUARD_CONFIG, /etc/becguard/becguard.toml, "
                 "built-in defaults); see examples/becguard.toml");
  std::string store_location;
  app.add_option("--store", store_location,
                 "learned-context store: a SQLite file, sqlite:PATH, postgresql://... (shared "
                 "by several nodes), memory: or \"\" for none "
                 "(default: [store] location, else ~/.local/share/becguard/context.db)");

  becguard::cli::ScanOptions scan;
  CLI::App* scan_cmd = app.add_subcommand(
      "scan",
      "Scan messages: .eml files, directories (recursive), mbox files, Maildir folders, or - for "
      "stdin.\nExit code: 0 all clean, 1 worst verdict suspicious, 2 bec, 3 an input could not "
      "be read, 4 bad config or arguments.");
  scan_cmd->add_option("inputs", scan.inputs, "files, directories, mbox, Maildir, -")->required();
  scan_cmd->add_flag("--json", scan.json,
                     "JSON Lines: {file, message_id, verdict, score, findings[{id, weight, "
                     "evidence}]}");
  scan_cmd->add_flag("--explain", scan.explain, "full explanation of every message");
  scan_cmd->add_option("-j,--jobs", scan.jobs, "scanning threads (default: all cores)");
  scan_cmd->add_option("--max-file-bytes", scan.max_file_bytes,
                       "skip (with an error) input files larger than this");
  scan_cmd->add_flag("--follow-symlinks", scan.follow_symlinks,
                     "follow symbolic links inside input directories (default: report them)");
  bool no_progress = false;
  scan_cmd->add_flag("--no-progress", no_progress, "no progress bar on the terminal");
  bool no_learn = false;
  scan_cmd->add_flag("--no-learn", no_learn,
                     "do not teach the store (default: learn from clean messages, see "
                     "[store] learn_on_scan)");

  bool verify_auth = false;
  scan_cmd->add_flag("--verify-auth", verify_auth,
                     "verify SPF, DKIM and DMARC over DNS ([auth] mode = \"verify\"; resolver, "
                     "timeouts and trusted MTAs from [auth]); the SMTP client comes from "
                     "--client-ip/--helo/--mail-from, else from the Received header of a "
                     "trusted MTA ([auth] trusted_received_by)");
  becguard::SmtpEnvelope envelope;
  scan_cmd->add_option("--client-ip", envelope.client_ip,
                       "SMTP client IP address of the scanned messages (for SPF)");
  scan_cmd->add_option("--helo", envelope.helo, "SMTP HELO/EHLO name (for SPF)");
  scan_cmd->add_option("--mail-from", envelope.mail_from,
                       "SMTP MAIL FROM address (default: the Return-Path header)");

  becguard::cli::LearnOptions learn;
  CLI::App* learn_cmd = app.add_subcommand(
      "learn",
      "Learn the organisation's mail history (mbox, Maildir, .eml directories; the Sent folder "
      "matters most): correspondents, name-address bindings, threads, bank details, "
      "fingerprints. Messages from the organisation's domains count as outgoing.");
  learn_cmd->add_option("inputs", learn.inputs, "files, directories, mbox, Maildir, -")->required();
  learn_cmd->add_flag("--no-progress", no_progress, "no progress bar on the terminal");
  learn_cmd->add_flag("--follow-symlinks", learn.follow_symlinks,
                      "follow symbolic links inside input directories (default: report them)");
  learn_cmd->add_option("-j,--jobs", learn.jobs,
                        "threads parsing messages (default: all cores); learned in input order");

  becguard::cli::CompareOptions compare;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare",
      "Show what differs between a message as sent and as received (headers, body text, "
      "attachments, payment details).\nExit code: 0 identical, 1 different, 3 an input could "
      "not be read.");
  compare_cmd->add_option("sent", compare.sent, "the message as sent (.eml)")->required();
  compare_cmd->add_option("received", compare.received, "the message as received (.eml)")
      ->required();
  compare_cmd->add_flag("--json", compare.json,
                        "one JSON document: {identical, headers[], body{hunks[]}, "
                        "attachments[], payment{sent, received, only_in_sent, "
                        "only_in_received}}");
  compare_cmd->add_flag("--mask", compare.mask,
                        "mask account numbers (all but the last 4 characters)");

  becguard::cli::EvalOptions eval;
  CLI::App* eval_cmd = app.add_subcommand(
      "eval",
      "Measure detection on a labelled tree: recall per positive label (bec, phish), false-"
      "positive rate per negative label (ham, legit), per folder and scenario, precision and a "
      "confusion matrix, finding hit rates and a threshold sweep.");
  eval_cmd->add_option("root", eval.root, "directory the labels file's paths are relative to")
      ->required();
  eval_cmd->add_option("--labels", eval.labels_file,
                       "TSV with 'file' (or 'path') and 'label' columns (default: "
                       "<root>/labels.tsv, else <root>/manifest.tsv)");
  eval_cmd->add_flag("--json", eval.json, "JSON output");
  eval_cmd->add_flag("--per-message", eval.per_message,
                     "with --json: every message's findings, strengths and points (input of "
                     "bench/calibrate.py)");
  eval_cmd->add_option("-j,--jobs", eval.jobs, "scanning threads (default: all cores)");

  becguard::cli::MilterCommandOptions milter;
  CLI::App* milter_cmd = app.add_subcommand(
      "milter",
      "Run as a milter for Postfix or Sendmail: scan every message at end of data and add "
      "headers, a warning banner, a subject tag, quarantine or reject per verdict ([milter] in "
      "the config; docs/MILTER.md). SIGHUP reloads the config, SIGTERM stops gracefully. Any "
      "internal error, timeout or over-size message gets milter.default_action (tempfail).");
  milter_cmd->add_option("--socket", milter.socket,
                         "unix:/path or inet:port@127.0.0.1 (default: [milter] socket, "
                         "unix:/run/becguard/milter.sock)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : becguard::cli::kExitUsageError;
  }

  // compare needs no engine: a bad config must not block forensics.
  if (*compare_cmd) return becguard::cli::RunCompare(compare);

  becguard::EngineOptions options;
  if (app.get_option("--store")->count() > 0) options.store_location = store_location;
  if (no_learn) options.learn_on_scan = becguard::LearnPolicy::kNone;
  options.verify_auth = verify_auth;
  if (*milter_cmd) {
    milter.config_path = ResolveConfigPath(config_path);
    return becguard::cli::RunMilterCommand(milter, options);
  }
  auto engine = LoadEngine(config_path, options);
  if (!engine) {
    std::cerr << "becguard: " << engine.error().ToString() << "\n";
    return becguard::cli::kExitUsageError;
  }
  if (*scan_cmd) {
    scan.progress = !no_progress;
    if (!envelope.client_ip.empty()) scan.envelope = envelope;
    const bool envelope_given =
        !envelope.client_ip.empty() || !envelope.helo.empty() || !envelope.mail_from.empty();
    if (envelope_given && (*engine)->config().auth.mode != becguard::AuthMode::kVerify) {
      std::cerr << "becguard: --client-ip/--helo/--mail-from are used only with --verify-auth "
                   "(or [auth] mode = \"verify\")\n";
    }
    return becguard::cli::RunScan(**engine, scan);
  }
  if (*learn_cmd) {
    learn.progress = !no_progress;
    return becguard::cli::RunLearn(**engine, learn);
  }
  return becguard::cli::RunEval(**engine, eval);
}
