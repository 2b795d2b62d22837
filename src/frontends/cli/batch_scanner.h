// BatchScanner: scans messages from a MessageSource on several threads and delivers the results
// in input order. What a batch teaches the store (store.learn_on_scan) is learned after the
// whole batch, in input order, so verdicts are the same for any number of threads. A reader thread
// fills batches while the previous batch is scanned; at most two batches wait, so memory stays
// bounded on huge mailboxes.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "becguard/engine.h"
#include "frontends/cli/message_source.h"

namespace becguard::cli {

struct ScannedMessage {
  std::string origin;
  std::size_t raw_size = 0;
  Result<ScanReport> report;
  ParsedMessage parsed;  // filled only when keep_parsed is set
};

struct BatchOptions {
  int jobs = 1;
  std::size_t batch_size = 256;
  bool keep_parsed = false;
  // The SMTP envelope of every message (`scan --client-ip/--helo/--mail-from`); usually unset.
  std::optional<SmtpEnvelope> envelope;
};

// on_result and on_error run on the calling thread, in input order (unreadable inputs are
// reported where they stand among the messages).
void ScanAll(const Engine& engine, MessageSource& source, const BatchOptions& options,
             const std::function<void(ScannedMessage&)>& on_result,
             const std::function<void(const std::string&, const std::string&)>& on_error);

}  // namespace becguard::cli
