// Detector: the one extension point of the engine.
//
// A detector inspects the parsed message (and the shared, read-only resources below) and adds
// findings to a sink. It keeps no per-message state, does no I/O and never scores: Inspect is
// const and may run on many threads at once. Each detector lives in its own file with its
// XxxConfig, a parser for its [detectors.<name>] TOML table and a factory; registry.cc lists
// them all.
#pragma once

#include <string_view>

#include "becguard/finding.h"
#include "becguard/message.h"
#include "context/learned_context.h"
#include "context/org_directory.h"
#include "detectors/message_features.h"
#include "domain/domain_tools.h"
#include "intel/intel_db.h"
#include "patterns/lexicon.h"

namespace becguard::detectors {

// Everything a detector may read for one message. All references outlive the Inspect call.
struct DetectorContext {
  const ParsedMessage& message;
  const patterns::IntentHits& intents;  // lexicon hits over subject + new text, computed once
  const context::OrgDirectory& org;
  const domain::LookalikeMatcher& lookalikes;
  const domain::DomainList& freemail;
  const domain::DomainList& esp;  // e-mail service providers (bulk senders, bounce domains)
  const intel::IntelDb& intel;
  const MessageFeatures& features;
  // The store's snapshot for this message; nullptr when no store is configured, and then the
  // learned-context detectors stay silent.
  const context::LearnedContext* learned = nullptr;
};

class Detector {
 public:
  virtual ~Detector() = default;
  virtual std::string_view name() const = 0;
  virtual void Inspect(const DetectorContext& context, FindingSink& sink) const = 0;
};

}  // namespace becguard::detectors
