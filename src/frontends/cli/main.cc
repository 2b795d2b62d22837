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

// --config, else $BECGUARD_CONFIG, else /etc/becguard/becguard.toml if present, else defaults.
becguard::Result<std::unique_ptr<becguard::Engine>> LoadEngine(const std::string& config_path) {
  std::string path = config_path;
  if (path.empty()) {
    if (const char* env = std::getenv("BECGUARD_CONFIG"); env != nullptr && *env != '\0') {
      path = env;
    } else if (std::error_code ec; fs::exists("/etc/becguard/becguard.toml", ec)) {
      path = "/etc/becguard/becguard.toml";
    }
  }
  if (path.empty()) return becguard::Engine::Create("", fs::current_path().string());
  return becguard::Engine::CreateFromFile(path);
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
  bool no_progress = false;
  scan_cmd->add_flag("--no-progress", no_progress, "no progress bar on the terminal");

  becguard::cli::EvalOptions eval;
  CLI::App* eval_cmd = app.add_subcommand(
      "eval",
      "Measure detection on a labelled tree: recall per positive label (bec, phish), false-"
      "positive rate per negative label (ham, legit), per folder and scenario, finding hit "
      "rates and a threshold sweep.");
  eval_cmd->add_option("root", eval.root, "directory the labels file's paths are relative to")
      ->required();
  eval_cmd->add_option("--labels", eval.labels_file,
                       "TSV with 'file' (or 'path') and 'label' columns (default: "
                       "<root>/labels.tsv, else <root>/manifest.tsv)");
  eval_cmd->add_flag("--json", eval.json, "JSON output");
  eval_cmd->add_option("-j,--jobs", eval.jobs, "scanning threads (default: all cores)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : becguard::cli::kExitUsageError;
  }

  auto engine = LoadEngine(config_path);
  if (!engine) {
    std::cerr << "becguard: " << engine.error().ToString() << "\n";
    return becguard::cli::kExitUsageError;
  }
  if (*scan_cmd) {
    scan.progress = !no_progress;
    return becguard::cli::RunScan(**engine, scan);
  }
  return becguard::cli::RunEval(**engine, eval);
}
