#include "store/memory/memory_store.h"

#include <algorithm>

#include "store/record_keys.h"
#include "store/snapshot_limits.h"
#include "text/normalize.h"

namespace becguard::store {
namespace {

void Count(std::vector<std::pair<std::string, std::int64_t>>& counted, const std::string& value) {
  for (auto& entry : counted) {
    if (entry.first == value) {
      ++entry.second;
      return;
    }
  }
  counted.emplace_back(value, 1);
}

std::vector<std::string> MostUsed(std::vector<std::pair<std::string, std::int64_t>> counted,
                                  std::size_t limit) {
  std::stable_sort(counted.begin(), counted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (const auto& entry : counted) {
    if (out.size() == limit) break;
    out.push_back(entry.first);
  }
  return out;
}

// Date 0 means "unknown": it never moves first/last seen (or learned).
void Widen(std::int64_t date, std::int64_t& first, std::int64_t& last) {
  if (date == 0) return;
  first = first == 0 ? date : std::min(first, date);
  last = std::max(last, date);
}

void AddOnce(std::vector<std::string>& values, const std::string& value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

std::vector<std::string> FirstParticipants(const std::vector<std::string>& all) {
  const std::size_t n = std::min(all.size(), static_cast<std::size_t>(kMaxThreadParticipants));
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

MemoryStore::CorrespondentRow& MemoryStore::Touch(const std::string& address,
                                                  const std::string& domain,
                                                  const context::LearnRecord& record,
                                                  bool is_sender) {
  auto [it, inserted] = correspondents_.try_emplace(address);
  auto& fields = it->second.fields;
  if (inserted) {
    fields.address = address;
    fields.registrable_domain = domain;
  } else if (is_sender && !domain.empty()) {
    fields.registrable_domain = domain;  // a sender's registrable domain beats a guess
  }
  Widen(record.date, fields.first_seen, fields.last_seen);
  Widen(record.learned_at, fields.first_learned, fields.last_learned);
  ++(is_sender ? fields.messages_from : fields.messages_to);
  if (record.vouched) ++fields.vouched_messages;
  return it->second;
}

void MemoryStore::BindName(const std::string& address, const std::string& name) {
  if (name.empty()) return;
  Count(correspondents_[address].names, name);
  const std::string key = text::NameKey(name);
  if (!key.empty()) Count(name_addresses_[key], address);
}

void MemoryStore::LearnThread(const std::string& key, const context::LearnRecord& record) {
  std::string thread_id;
  if (auto it = thread_of_.find(key); it != thread_of_.end()) thread_id = it->second;
  for (const auto& reference : record.references) {
    if (!thread_id.empty()) break;
    if (auto it = thread_of_.find(reference); it != thread_of_.end()) thread_id = it->second;
  }
  if (thread_id.empty()) thread_id = key;
  auto [it, inserted] = threads_.try_emplace(thread_id);
  auto& info = it->second.info;
  if (inserted) info.thread_id = thread_id;
  if (info.normalized_subject.empty()) info.normalized_subject = record.normalized_subject;
  Widen(record.date, info.first_seen, info.last_seen);
  ++info.messages;
  thread_of_.try_emplace(key, thread_id);
  for (const auto& reference : record.references) {
    if (!reference.empty()) thread_of_.try_emplace(reference, thread_id);
  }
  AddOnce(info.participant_addresses, record.from_address);
  AddOnce(info.participant_names, text::Normalize(record.from_name));
  for (const auto& [address, name] : UniqueRecipients(record)) {
    AddOnce(info.participant_addresses, address);
    AddOnce(info.participant_names, text::Normalize(name));
  }
}

Result<void> MemoryStore::Learn(std::span<const context::LearnRecord> records) {
  std::lock_guard lock(mutex_);
  for (const context::LearnRecord& record : records) LearnOne(record);
  return {};
}

void MemoryStore::LearnOne(const context::LearnRecord& record) {
  const std::string key = MessageKey(record);
  const std::string sender_domain = SenderDomain(record);
  if (!messages_.insert(key).second) return;

  if (!record.from_address.empty()) {
    Touch(record.from_address, sender_domain, record, true);
    BindName(record.from_address, record.from_name);
  }
  for (const auto& [address, name] : UniqueRecipients(record)) {
    Touch(address, AddressDomain(address), record, false);
    BindName(address, name);
  }
  if (!sender_domain.empty()) {
    context::DomainHistory& domain = domains_[sender_domain];
    ++domain.messages_from;
    if (record.vouched) ++domain.vouched_messages;
    Widen(record.learned_at, domain.first_learned, domain.last_learned);
  }
  LearnThread(key, record);
  LearnStyle(record);

  for (const auto& detail : UniquePayments(record)) {
    PaymentKey payment_key{sender_domain, record.from_address, detail.kind, detail.value};
    auto [it, inserted] = payments_.try_emplace(payment_key);
    auto& known = it->second;
    if (inserted) {
      known.counterparty_domain = sender_domain;
      known.counterparty_address = record.from_address;
      known.kind = detail.kind;
      known.value = detail.value;
    }
    if (!detail.holder.empty()) known.holder = detail.holder;
    Widen(record.date, known.first_seen, known.last_seen);
    Widen(record.learned_at, known.first_learned, known.last_learned);
    ++known.times_seen;
    if (record.vouched) ++known.times_vouched;
  }

  if (record.simhash != 0) {
    context::MessageFingerprint fingerprint;
    fingerprint.message_id = key;
    fingerprint.sender_address = record.from_address;
    fingerprint.sender_domain = sender_domain;
    fingerprint.normalized_subject = record.normalized_subject;
    fingerprint.simhash = record.simhash;
    for (const auto& detail : UniquePayments(record)) {
      fingerprint.payment_values.push_back(detail.value);
    }
    fingerprint.date = record.date;
    fingerprints_.push_back(std::move(fingerprint));
  }
}

void MemoryStore::LearnStyle(const context::LearnRecord& record) {
  if (record.style.words < style::StyleProfile::kMinLearnWords) return;
  for (const std::string& key : record.style_keys) {
    style::StyleProfile& profile = style_profiles_[key];
    const bool is_address = key.starts_with("addr:");
    const std::int64_t order = style::ImpostorOrder(key);
    if (is_address && profile.messages() > 0) {
      style_order_.erase({static_cast<int>(style::ScriptOf(profile)), order});
    }
    profile.Add(record.style);
    if (is_address) style_order_[{static_cast<int>(style::ScriptOf(profile)), order}] = key;
  }
}

void MemoryStore::SnapshotStyle(const context::ContextQuery& query,
                                context::LearnedContext& out) const {
  const style::StyleProfile* claimed = nullptr;
  for (const std::string& key : query.style_keys) {
    if (auto it = style_profiles_.find(key); it != style_profiles_.end()) {
      out.style_profiles[key] = std::make_shared<const style::StyleProfile>(it->second);
      if (claimed == nullptr) claimed = &it->second;
    }
  }
  if (claimed == nullptr || query.style_impostors <= 0) return;
  const int script = static_cast<int>(style::ScriptOf(*claimed));
  const std::int64_t start = style::ImpostorOrder(query.style_keys.front());
  auto take = [&](auto begin, auto end) {
    for (auto it = begin; it != end; ++it) {
      if (static_cast<int>(out.style_impostors.size()) >= query.style_impostors) return;
      if (it->first.first != script) return;
      const std::string& key = it->second;
      if (std::find(query.style_keys.begin(), query.style_keys.end(), key) !=
          query.style_keys.end()) {
        continue;
      }
      const style::StyleProfile& profile = style_profiles_.at(key);
      if (profile.messages() >= context::kStyleImpostorMinMessages) {
        out.style_impostors.push_back(std::make_shared<const style::StyleProfile>(profile));
      }
    }
  };
  // From the claimed key's place in the order to the end of its script, then around.
  take(style_order_.lower_bound({script, start}), style_order_.end());
  take(style_order_.lower_bound({script, 0}), style_order_.lower_bound({script, start}));
}

Result<context::LearnedContext> MemoryStore::Snapshot(const context::ContextQuery& query) {
  context::LearnedContext out;
  std::lock_guard lock(mutex_);
  out.learned_messages = static_cast<std::int64_t>(messages_.size());
  for (const auto& address : query.addresses) {
    auto it = correspondents_.find(address);
    if (it == correspondents_.end() || it->second.fields.address.empty()) continue;
    context::Correspondent correspondent = it->second.fields;
    correspondent.display_names = MostUsed(it->second.names, kMaxDisplayNames);
    out.correspondents[address] = std::move(correspondent);
  }
  for (const auto& domain : query.domains) {
    if (auto it = domains_.find(domain); it != domains_.end()) out.domains[domain] = it->second;
  }
  for (const auto& key : query.name_keys) {
    if (key.empty()) continue;
    if (auto it = name_addresses_.find(key); it != name_addresses_.end()) {
      out.name_addresses[key] = MostUsed(it->second, kMaxNameAddresses);
    }
  }
  for (const auto& id : query.thread_message_ids) {
    if (auto it = thread_of_.find(id); it != thread_of_.end()) {
      out.thread = threads_.at(it->second).info;
      out.thread->participant_addresses = FirstParticipants(out.thread->participant_addresses);
      out.thread->participant_names = FirstParticipants(out.thread->participant_names);
      break;
    }
  }
  for (const auto& [key, known] : payments_) {
    if (std::find(query.payment_domains.begin(), query.payment_domains.end(),
                  known.counterparty_domain) != query.payment_domains.end()) {
      out.payments.push_back(known);
    }
  }
  KeepRecentPayments(out.payments);

  if (query.simhash != 0) {
    const auto bands = SimHashBands(query.simhash);
    for (const auto& fingerprint : fingerprints_) {
      const auto candidate = SimHashBands(fingerprint.simhash);
      bool shared = false;
      for (int i = 0; i < 4; ++i) shared = shared || candidate[i] == bands[i];
      shared = shared || (!query.normalized_subject.empty() &&
                          fingerprint.normalized_subject == query.normalized_subject);
      if (shared) out.similar.push_back(fingerprint);
    }
    KeepNewestSimilar(out.similar);
  }
  SnapshotStyle(query, out);
  return out;
}

Result<std::int64_t> MemoryStore::MessageCount() {
  std::lock_guard lock(mutex_);
  return static_cast<std::int64_t>(messages_.size());
}

}  // namespace becguard::store
