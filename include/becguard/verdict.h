// Verdict and ScanReport: what the engine returns for one message.
// Plain value types; thread-compatible.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/finding.h"

namespace becguard {

enum class Verdict { kClean, kSuspicious, kBec };

std::string_view VerdictName(Verdict verdict);  // "clean" | "suspicious" | "bec"

// A finding with the weight scoring gave it.
struct ScoredFinding {
  Finding finding;
  double weight = 0;         // points contributed to the score (after strength and group caps)
  std::string Name() const;  // "header.reply_to_mismatch" or "combo.<name>"
};

// One authentication method's outcome as becguard saw it (verified itself, or trusted from an
// Authentication-Results header of a configured authserv-id). Rendered by the milter as an
// RFC 8601 Authentication-Results header.
struct AuthMethodResult {
  std::string method;      // "spf" | "dkim" | "dmarc" | "arc"
  std::string result;      // RFC 8601 result: "pass", "fail", "softfail", "none", "temperror", ...
  std::string properties;  // "smtp.mailfrom=example.com", "header.d=example.com header.s=sel"
  std::string reason;      // optional human-readable reason
};

// What one scanned message teaches the learned-context store (opaque; see Engine::Teach).
struct Lesson;

struct ScanReport {
  std::string message_id;
  std::string subject;
  std::string from;  // first From address, for display
  int score = 0;     // 0..100
  Verdict verdict = Verdict::kClean;
  std::vector<ScoredFinding> findings;  // by weight, strongest first
  std::vector<std::string> warnings;    // e.g. the store could not be read or written
  std::vector<AuthMethodResult> auth;   // empty when no authentication was checked or trusted
  // Set when store.learn_on_scan says this message should teach the store. Scan never writes the
  // store itself: the front end hands lessons to Engine::Teach in input order.
  std::shared_ptr<const Lesson> lesson;
};

}  // namespace becguard
