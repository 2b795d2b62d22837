// MemoryStore: the Store kept in process memory, for tests and one-shot scans ("memory:").
// Same semantics as the SQLite store (the typed contract suite runs against both); nothing
// persists. Thread-safe: one mutex guards all maps, so a snapshot is consistent.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "context/store.h"

namespace becguard::store {

class MemoryStore : public context::Store {
 public:
  Result<context::LearnedContext> Snapshot(const context::ContextQuery& query) override;
  using Store::Learn;
  Result<void> Learn(std::span<const context::LearnRecord> records) override;
  Result<std::int64_t> MessageCount() override;

 private:
  // Counted values in first-seen order; "most used first" breaks ties by first use.
  using Counted = std::vector<std::pair<std::string, std::int64_t>>;

  struct CorrespondentRow {
    context::Correspondent fields;  // display_names left empty; see names
    Counted names;
  };
  struct ThreadRow {
    context::ThreadInfo info;  // participants kept in first-seen order, each once
  };
  using PaymentKey = std::tuple<std::string, std::string, payment::DetailKind, std::string>;

  void LearnOne(const context::LearnRecord& record);
  CorrespondentRow& Touch(const std::string& address, const std::string& domain,
                          const context::LearnRecord& record, bool is_sender);
  void BindName(const std::string& address, const std::string& name);
  void LearnThread(const std::string& key, const context::LearnRecord& record);
  void LearnStyle(const context::LearnRecord& record);
  void SnapshotStyle(const context::ContextQuery& query, context::LearnedContext& out) const;

  std::mutex mutex_;
  std::set<std::string> messages_;
  std::map<std::string, CorrespondentRow> correspondents_;
  std::map<std::string, context::DomainHistory> domains_;
  std::map<std::string, Counted> name_addresses_;  // name key -> (address, uses)
  std::map<std::string, ThreadRow> threads_;
  std::map<std::string, std::string> thread_of_;  // message id (learned or referenced) -> thread
  std::map<PaymentKey, context::KnownPayment> payments_;
  std::vector<context::MessageFingerprint> fingerprints_;
  std::map<std::string, style::StyleProfile> style_profiles_;  // by style key
  // (script, impostor order) -> address key, for impostor sampling; address profiles only.
  std::map<std::pair<int, std::int64_t>, std::string> style_order_;
};

}  // namespace becguard::store
