#include "patterns/pattern_set.h"

#include "patterns/database_cache.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <mutex>
#include <utility>

namespace becguard::patterns {

// The compiled database plus a pool of per-thread scratch spaces. Hyperscan scratch may be used
// by one scan at a time, so each Scan borrows one from the pool (cloning the prototype when the
// pool is empty) and returns it afterwards. The pool lives and dies with the database, so
// several PatternSets never share scratch and destroying one frees everything it allocated.
struct PatternSet::Db {
  hs_database_t* database = nullptr;
  hs_scratch_t* prototype = nullptr;
  std::mutex mutex;
  std::vector<hs_scratch_t*> idle;  // guarded by mutex

  ~Db() {
    for (hs_scratch_t* scratch : idle) hs_free_scratch(scratch);
    if (prototype != nullptr) hs_free_scratch(prototype);
    if (database != nullptr) hs_free_database(database);
  }

  hs_scratch_t* Borrow() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!idle.empty()) {
        hs_scratch_t* scratch = idle.back();
        idle.pop_back();
        return scratch;
      }
    }
    hs_scratch_t* clone = nullptr;
    if (hs_clone_scratch(prototype, &clone) != HS_SUCCESS) return nullptr;
    return clone;
  }

  void Return(hs_scratch_t* scratch) {
    std::lock_guard<std::mutex> lock(mutex);
    idle.push_back(scratch);
  }
};

namespace {

constexpr unsigned kFlags = HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SOM_LEFTMOST;

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is invalid (overlong
// forms, surrogates and code points above U+10FFFF included).
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// Hyperscan's results on invalid UTF-8 are undefined with HS_FLAG_UTF8. Callers normally pass
// sanitised text; for anything else each invalid byte becomes '?', which keeps byte offsets
// valid for the caller's original text.
bool IsValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string ReplaceInvalidBytes(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size();) {
    std::size_t length = Utf8SequenceLength(out, i);
    if (length == 0) {
      out[i] = '?';
      length = 1;
    }
    i += length;
  }
  return out;
}

struct ScanState {
  std::vector<PatternMatch> first;  // indexed by pattern; valid where found[i]
  std::vector<std::uint8_t> found;
  std::size_t remaining;
};

int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int /*flags*/,
            void* context) {
  auto* state = static_cast<ScanState*>(context);
  if (state->found[id]) return 0;
  state->found[id] = 1;
  state->first[id] = PatternMatch{id, static_cast<std::size_t>(from), static_cast<std::size_t>(to)};
  // Every pattern has reported its first match: nothing more to learn from this text.
  return --state->remaining == 0 ? 1 : 0;
}

}  // namespace

PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

Result<PatternSet> PatternSet::Compile(std::vector<PatternSpec> specs,
                                       const std::string& cache_dir) {
  PatternSet set;
  set.specs_ = std::move(specs);
  set.db_ = std::make_unique<Db>();
  if (set.specs_.empty()) return set;

  std::vector<const char*> expressions;
  std::vector<unsigned int> flags(set.specs_.size(), kFlags);
  std::vector<unsigned int> ids;
  for (std::size_t i = 0; i < set.specs_.size(); ++i) {
    if (set.specs_[i].regex.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "pattern \"" + set.specs_[i].name + "\": empty regex");
    }
    expressions.push_back(set.specs_[i].regex.c_str());
    ids.push_back(static_cast<unsigned int>(i));
  }

  const std::uint64_t key = DatabaseKey(set.specs_, kFlags);
  set.db_->database = LoadCachedDatabase(cache_dir, key);
  if (set.db_->database != nullptr) {
    if (hs_alloc_scratch(set.db_->database, &set.db_->prototype) != HS_SUCCESS) {
      return MakeError(ErrorCode::kUnavailable, "Hyperscan: cannot allocate scratch space");
    }
    return set;
  }

  hs_compile_error_t* error = nullptr;
  hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                   static_cast<unsigned int>(expressions.size()), HS_MODE_BLOCK,
                                   nullptr, &set.db_->database, &error);
  if (rc != HS_SUCCESS) {
    std::string message = error != nullptr ? error->message : "unknown Hyperscan error";
    std::string where = "pattern set";
    if (error != nullptr && error->expression >= 0 &&
        static_cast<std::size_t>(error->expression) < set.specs_.size()) {
      const PatternSpec& bad = set.specs_[static_cast<std::size_t>(error->expression)];
      where = "pattern \"" + bad.name + "\" (" + bad.regex + ")";
    }
    hs_free_compile_error(error);
    return MakeError(ErrorCode::kInvalidArgument, where + ": " + message);
  }
  SaveCachedDatabase(cache_dir, key, set.db_->database);
  if (hs_alloc_scratch(set.db_->database, &set.db_->prototype) != HS_SUCCESS) {
    return MakeError(ErrorCode::kUnavailable, "Hyperscan: cannot allocate scratch space");
  }
  return set;
}

std::vector<PatternMatch> PatternSet::Scan(std::string_view text) const {
  std::vector<PatternMatch> matches;
  if (db_ == nullptr || db_->database == nullptr) return matches;

  std::string sanitized;
  if (!IsValidUtf8(text)) {
    sanitized = ReplaceInvalidBytes(text);
    text = sanitized;
  }

  ScanState state;
  state.first.resize(specs_.size());
  state.found.assign(specs_.size(), 0);
  state.remaining = specs_.size();

  hs_scratch_t* scratch = db_->Borrow();
  if (scratch == nullptr) return matches;  // out of memory: no matches rather than a crash
  // HS_SCAN_TERMINATED is the early stop from OnMatch, not an error.
  const auto length = static_cast<unsigned int>(
      std::min<std::size_t>(text.size(), std::numeric_limits<unsigned int>::max()));
  hs_scan(db_->database, text.data(), length, 0, scratch, &OnMatch, &state);
  db_->Return(scratch);

  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (state.found[i]) matches.push_back(state.first[i]);
  }
  return matches;
}

}  // namespace becguard::patterns
