// becguard scan: files, directories, mbox, Maildir, stdin -> table, JSON Lines or explanations.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "frontends/cli/batch_scanner.h"
#include "frontends/cli/commands.h"
#include "frontends/cli/progress_bar.h"
#include "frontends/cli/report_format.h"

namespace becguard::cli {

int RunScan(const Engine& engine, const ScanOptions& options) {
  MessageSource source(options.inputs, options.max_file_bytes, options.follow_symlinks);
  const bool table = !options.json && !options.explain;
  const bool color = table && isatty(STDOUT_FILENO) == 1;
  const std::size_t total = options.progress ? source.CountFiles() : 0;
  ProgressBar progress(total, options.progress && total > 50);

  BatchOptions batch;
  batch.jobs = options.jobs > 0
                   ? options.jobs
                   : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  batch.keep_parsed = options.explain;
  batch.envelope = options.envelope;

  int worst = kExitClean;
  bool input_error = false;
  std::size_t counts[3] = {0, 0, 0};
  if (table) std::cout << FormatTableHeader(color) << "\n";

  ScanAll(
      engine, source, batch,
      [&](ScannedMessage& scanned) {
        progress.Tick();
        if (!scanned.report) {
          progress.Clear();
          std::cerr << "becguard: " << scanned.origin << ": " << scanned.report.error().ToString()
                    << "\n";
          input_error = true;
          return;
        }
        const ScanReport& report = *scanned.report;
        for (const std::string& warning : report.warnings) {
          progress.Clear();
          std::cerr << "becguard: " << scanned.origin << ": " << warning << "\n";
        }
        ++counts[static_cast<int>(report.verdict)];
        worst = std::max(worst, static_cast<int>(report.verdict));
        if (options.json) {
          std::cout << FormatJsonLine(scanned.origin, report) << "\n";
        } else if (options.explain) {
          progress.Clear();
          std::cout << FormatExplanation(scanned.origin, report, scanned.parsed,
                                         engine.suspicious_threshold(), engine.bec_threshold())
                    << "\n";
        } else {
          progress.Clear();
          std::cout << FormatTableRow(scanned.origin, report, color) << "\n";
        }
      },
      [&](const std::string& origin, const std::string& reason) {
        progress.Clear();
        std::cerr << "becguard: " << origin << ": " << reason << " (skipped)\n";
        input_error = true;
      });
  progress.Clear();
  std::cout.flush();
  if (table) {
    std::cerr << fmt::format("{} messages: {} clean, {} suspicious, {} bec\n",
                             counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2]);
  }
  return input_error ? kExitInputError : worst;
}

}  // namespace becguard::cli
