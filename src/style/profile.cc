#include "style/profile.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace becguard::style {
namespace {

constexpr std::uint32_t kMagic = 0x31534742;  // "BGS1"
// The centroid's entries lie in [0, 1] (means of unit vectors with non-negative entries):
// 16-bit fixed point keeps the blob at half the size with error far below what matters.
constexpr float kQuant = 65535.0F;

class Writer {
 public:
  template <typename T>
  void Put(T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  void PutString(std::string_view s) {
    const auto n = static_cast<std::uint8_t>(std::min<std::size_t>(s.size(), 255));
    Put(n);
    out_.append(s.data(), n);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Get(T& value) {
    if (in_.size() < sizeof(T)) return false;
    std::memcpy(&value, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return true;
  }
  bool GetString(std::string& s) {
    std::uint8_t n = 0;
    if (!Get(n) || in_.size() < n) return false;
    s.assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

void PutStat(Writer& w, const RunningStat& s) {
  w.Put(static_cast<float>(s.count));
  w.Put(static_cast<float>(s.mean));
  w.Put(static_cast<float>(s.m2));
}

bool GetStat(Reader& r, RunningStat& s) {
  float count = 0, mean = 0, m2 = 0;
  if (!r.Get(count) || !r.Get(mean) || !r.Get(m2)) return false;
  s = RunningStat{count, mean, m2};
  return std::isfinite(count) && std::isfinite(mean) && std::isfinite(m2) && count >= 0;
}

}  // namespace

void RunningStat::Add(double x) {
  count += 1;
  const double delta = x - mean;
  mean += delta / count;
  m2 += delta * (x - mean);
}

void RunningStat::Merge(const RunningStat& other) {
  if (other.count <= 0) return;
  const double total = count + other.count;
  const double delta = other.mean - mean;
  m2 += other.m2 + delta * delta * count * other.count / total;
  mean += delta * other.count / total;
  count = total;
}

double RunningStat::stddev() const { return std::sqrt(variance()); }

void StyleProfile::CountForm(std::vector<FormCount>& forms, const std::string& form,
                             std::uint32_t count) {
  for (FormCount& f : forms) {
    if (f.form == form) {
      f.count += count;
      return;
    }
  }
  if (forms.size() < kMaxForms) {
    forms.push_back(FormCount{form, count});
    return;
  }
  // Space-saving: the rarest form makes room and the newcomer inherits its count, so a habit
  // that becomes frequent later still rises to the top.
  auto rarest = std::min_element(forms.begin(), forms.end(),
                                 [](const auto& a, const auto& b) { return a.count < b.count; });
  *rarest = FormCount{form, rarest->count + count};
}

void StyleProfile::Add(const StyleSample& sample) {
  if (sample.words < kMinLearnWords) return;
  if (messages_ >= 3) self_similarity_.Add(Similarity(sample, *this));
  const auto n = static_cast<float>(messages_);
  for (float& v : centroid_) v *= n / (n + 1);
  for (const auto& [dim, value] : sample.vector) centroid_[dim] += value / (n + 1);
  for (int s = 0; s < kStatCount; ++s) {
    stats_[static_cast<std::size_t>(s)].Add(sample.stats[static_cast<std::size_t>(s)]);
  }
  CountForm(greetings_, sample.greeting, 1);
  CountForm(signoffs_, sample.signoff, 1);
  ++messages_;
  words_ += sample.words;
}

void StyleProfile::Merge(const StyleProfile& other) {
  if (other.messages_ == 0) return;
  const double total = static_cast<double>(messages_ + other.messages_);
  const double mine = static_cast<double>(messages_) / total;
  for (std::size_t i = 0; i < centroid_.size(); ++i) {
    centroid_[i] = static_cast<float>(centroid_[i] * mine + other.centroid_[i] * (1 - mine));
  }
  for (std::size_t s = 0; s < stats_.size(); ++s) stats_[s].Merge(other.stats_[s]);
  self_similarity_.Merge(other.self_similarity_);
  for (const FormCount& f : other.greetings_) CountForm(greetings_, f.form, f.count);
  for (const FormCount& f : other.signoffs_) CountForm(signoffs_, f.form, f.count);
  messages_ += other.messages_;
  words_ += other.words_;
}

std::vector<FormCount> StyleProfile::Sorted(const std::vector<FormCount>& forms) {
  std::vector<FormCount> sorted = forms;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.count > b.count; });
  return sorted;
}

double StyleProfile::Share(const std::vector<FormCount>& forms, std::string_view form) const {
  if (messages_ == 0) return 0;
  for (const FormCount& f : forms) {
    if (f.form == form) return static_cast<double>(f.count) / static_cast<double>(messages_);
  }
  return 0;
}

std::string StyleProfile::Serialize() const {
  Writer w;
  w.Put(kMagic);
  w.Put(static_cast<std::uint16_t>(kDims));
  w.Put(static_cast<std::uint32_t>(std::min<std::int64_t>(messages_, UINT32_MAX)));
  w.Put(static_cast<std::uint64_t>(words_));
  for (const RunningStat& s : stats_) PutStat(w, s);
  PutStat(w, self_similarity_);
  for (float v : centroid_) {
    w.Put(static_cast<std::uint16_t>(std::lround(std::clamp(v, 0.0F, 1.0F) * kQuant)));
  }
  for (const auto* forms : {&greetings_, &signoffs_}) {
    w.Put(static_cast<std::uint8_t>(forms->size()));
    for (const FormCount& f : *forms) {
      w.PutString(f.form);
      w.Put(f.count);
    }
  }
  return w.Take();
}

std::optional<StyleProfile> StyleProfile::Deserialize(std::string_view blob) {
  Reader r(blob);
  std::uint32_t magic = 0, messages = 0;
  std::uint16_t dims = 0;
  std::uint64_t words = 0;
  if (!r.Get(magic) || magic != kMagic || !r.Get(dims) || dims != kDims || !r.Get(messages) ||
      !r.Get(words)) {
    return std::nullopt;
  }
  StyleProfile p;
  p.messages_ = messages;
  p.words_ = static_cast<std::int64_t>(words);
  for (RunningStat& s : p.stats_) {
    if (!GetStat(r, s)) return std::nullopt;
  }
  if (!GetStat(r, p.self_similarity_)) return std::nullopt;
  for (float& v : p.centroid_) {
    std::uint16_t q = 0;
    if (!r.Get(q)) return std::nullopt;
    v = static_cast<float>(q) / kQuant;
  }
  for (auto* forms : {&p.greetings_, &p.signoffs_}) {
    std::uint8_t n = 0;
    if (!r.Get(n) || n > kMaxForms) return std::nullopt;
    forms->resize(n);
    for (FormCount& f : *forms) {
      if (!r.GetString(f.form) || !r.Get(f.count)) return std::nullopt;
    }
  }
  if (!r.done()) return std::nullopt;
  return p;
}

double Similarity(const StyleSample& sample, const StyleProfile& profile) {
  double dot = 0, norm = 0;
  for (const auto& [dim, value] : sample.vector)
    dot += static_cast<double>(value) * profile.centroid()[dim];
  for (float v : profile.centroid()) norm += static_cast<double>(v) * v;
  return norm > 0 ? dot / std::sqrt(norm) : 0.0;
}

}  // namespace becguard::style

namespace becguard::style {

ProfileScript ScriptOf(const StyleProfile& profile) {
  return profile.stat(Stat::kJapanese).mean >= 0.3 ? ProfileScript::kJapanese
                                                   : ProfileScript::kLatin;
}

std::int64_t ImpostorOrder(std::string_view key) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  h ^= h >> 29;
  return static_cast<std::int64_t>(h >> 1);  // non-negative: fits SQLite's INTEGER ordering
}

}  // namespace becguard::style
