// How scan results are shown: JSON Lines (stable, machine-readable), a terminal table row, and a
// full explanation of one message. Pure functions.
#pragma once

#include <string>

#include "becguard/message.h"
#include "becguard/verdict.h"

namespace becguard::cli {

// {"file": ..., "message_id": ..., "verdict": ..., "score": N,
//  "findings": [{"id": ..., "weight": N, "evidence": ...}]}
std::string FormatJsonLine(const std::string& file, const ScanReport& report);

std::string FormatTableHeader(bool color);
std::string FormatTableRow(const std::string& file, const ScanReport& report, bool color);

// Everything an analyst needs about one verdict: headers that matter, each finding with its
// weight and evidence, and what the score is made of.
std::string FormatExplanation(const std::string& file, const ScanReport& report,
                              const ParsedMessage& parsed, double suspicious_threshold,
                              double bec_threshold);

}  // namespace becguard::cli
