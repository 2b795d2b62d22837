// Style features: see features.h.
#include "style/features.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>

#include "style/openers.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace becguard::style {
namespace {

// Block weights and term weighting, chosen on bench/style_eval (docs/BENCHMARKS.md): raw term
// frequencies beat log or square-root damping, and the token block earns the same weight as the
// character n-grams once it has 512 dimensions.
constexpr float kNgramWeight = 1.0F;
constexpr float kTokenWeight = 1.0F;
constexpr float kStatWeight = 0.5F;

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

std::string NfkcText(std::string_view input) {
  std::string valid = text::SanitizeUtf8(input);
  if (text::IsAscii(valid) || Nfkc() == nullptr) return valid;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  Nfkc()->normalizeUTF8(0, icu::StringPiece(valid.data(), static_cast<int32_t>(valid.size())), sink,
                        nullptr, status);
  return U_FAILURE(status) ? valid : out;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = text::Utf8SequenceLength(s, i);
    if (len == 0) {
      out.push_back(text::kReplacementChar);
      ++i;
      continue;
    }
    out.push_back(text::DecodeUtf8At(s, i, len));
    i += len;
  }
  return out;
}

// Code points of valid UTF-8 (the text is sanitised): every byte that is not a continuation.
std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Case of a letter; ASCII without a call into ICU (most business mail is ASCII).
char32_t Lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}
bool IsUpper(char32_t c) {
  return c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(static_cast<UChar32>(c)) != 0;
}
bool IsLower(char32_t c) {
  return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(static_cast<UChar32>(c)) != 0;
}

enum class Script { kNone, kLatin, kDigit, kHiragana, kKatakana, kHan, kOther };

Script ScriptOf(char32_t c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'') return Script::kLatin;
    if (c >= '0' && c <= '9') return Script::kDigit;
    return Script::kNone;
  }
  if (c >= 0x3041 && c <= 0x309F) return Script::kHiragana;
  if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF)) return Script::kKatakana;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005) {
    return Script::kHan;
  }
  if (u_isalpha(static_cast<UChar32>(c))) return Script::kLatin;  // other alphabets
  if (u_isdigit(static_cast<UChar32>(c))) return Script::kDigit;
  return Script::kNone;
}

bool IsJapanese(Script s) {
  return s == Script::kHiragana || s == Script::kKatakana || s == Script::kHan;
}

bool IsTerminator(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x3002; }

std::uint64_t Mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDULL;
}

std::uint64_t HashString(std::string_view s, std::uint64_t seed) {
  std::uint64_t h = 1469598103934665603ULL ^ seed;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return Mix(h, seed);
}

void AppendUtf8(char32_t cp, std::string& out) { text::AppendUtf8(cp, &out); }

constexpr std::array<std::u32string_view, 12> kKeigoEndings{
    U"です",       U"ます",     U"でした", U"ました", U"ません",   U"ください",
    U"ございます", U"でしょう", U"ますか", U"ですか", U"ましょう", U"願います"};

// Sentence ending without trailing punctuation and symbols.
bool IsPoliteEnding(std::u32string_view sentence) {
  while (!sentence.empty() && ScriptOf(sentence.back()) == Script::kNone) {
    sentence.remove_suffix(1);
  }
  for (std::u32string_view e : kKeigoEndings) {
    if (sentence.ends_with(e)) return true;
  }
  return false;
}

struct Accumulator {
  std::array<float, kDims> dense{};
  void Add(int dim, float v) { dense[static_cast<std::size_t>(dim)] += v; }
};

void NormalizeBlock(std::array<float, kDims>& v, int begin, int end, float weight) {
  double norm = 0;
  for (int i = begin; i < end; ++i) {
    norm += static_cast<double>(v[i]) * v[i];
  }
  if (norm <= 0) return;
  const auto scale = static_cast<float>(weight / std::sqrt(norm));
  for (int i = begin; i < end; ++i) v[i] *= scale;
}

}  // namespace

// Joins lines that a mailer hard-wrapped (Lotus Notes and many others wrap at 65-78 columns), so
// layout features describe the writer and not their mail client.
std::string Reflow(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    out.append(line);
    const std::size_t next = end + 1;
    const bool next_blank = next >= text.size() || text[next] == '\n' || text[next] == '\r';
    const bool wrapped = line.size() >= 55 && line.size() <= 80 && !next_blank;
    if (end < text.size()) out.push_back(wrapped ? ' ' : '\n');
    start = next;
  }
  return out;
}

StyleSample ExtractStyle(std::string_view own_text) {
  StyleSample sample;
  const std::string nfkc = Reflow(NfkcText(own_text));

  // Lines: trimmed, non-empty, for greeting / sign-off and layout.
  std::vector<std::string_view> lines;
  int paragraphs = 0;
  bool in_paragraph = false;
  double line_chars = 0;
  {
    std::size_t start = 0;
    while (start < nfkc.size()) {
      std::size_t end = nfkc.find('\n', start);
      if (end == std::string::npos) end = nfkc.size();
      std::string_view line(nfkc.data() + start, end - start);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.remove_suffix(1);
      }
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      if (line.empty()) {
        in_paragraph = false;
      } else {
        if (!in_paragraph) ++paragraphs;
        in_paragraph = true;
        lines.push_back(line);
        line_chars += static_cast<double>(CodePoints(line));
      }
      start = end + 1;
    }
  }
  if (lines.empty()) return sample;
  sample.greeting = GreetingForm(lines);
  sample.signoff = SignoffForm(lines);

  // One pass over the code points: n-grams on a space-collapsed copy; lower-cased tokens;
  // sentence and character statistics.
  std::u32string cps = Decode(nfkc);
  std::u32string folded;
  folded.reserve(cps.size());
  int newlines = 0;
  for (char32_t c : cps) {
    if (c == '\r') continue;
    if (c == '\n') {
      ++newlines;
      if (newlines <= 2) folded.push_back('\n');
      continue;
    }
    if (c == ' ' || c == '\t' || c == 0x3000) {
      if (!folded.empty() && folded.back() != ' ' && folded.back() != '\n') folded.push_back(' ');
      continue;
    }
    newlines = 0;
    folded.push_back(c);  // case kept: capitalisation habits are part of the n-grams
  }

  Accumulator acc;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    std::uint64_t h = 0;
    for (std::size_t n = 1; n <= 4 && i + n <= folded.size(); ++n) {
      h = Mix(h, folded[i + n - 1]);
      acc.Add(static_cast<int>(Mix(h, n) % kNgramDims), 1.0F);
    }
  }

  auto add_token = [&](std::string_view token, std::uint64_t seed) {
    acc.Add(kNgramDims + static_cast<int>(HashString(token, seed) % kTokenDims), 1.0F);
  };
  int latin_words = 0, latin_chars = 0, japanese_chars = 0, letters = 0, upper = 0, cased = 0;
  int digits = 0, sentences = 0, lower_starts = 0, exclamations = 0, questions = 0, commas = 0;
  int dashes = 0, ja_sentences = 0, polite = 0;
  std::string token;
  Script token_script = Script::kNone;
  std::size_t sentence_start = 0;
  bool sentence_has_text = false, sentence_started = false;
  auto flush_token = [&] {
    if (!token.empty()) {
      add_token(token, static_cast<std::uint64_t>(token_script));
      if (token_script == Script::kLatin) ++latin_words;
    }
    token.clear();
    token_script = Script::kNone;
  };
  auto end_sentence = [&](std::size_t end) {
    if (sentence_has_text) {
      ++sentences;
      const std::u32string_view s(cps.data() + sentence_start, end - sentence_start);
      bool japanese = false;
      for (char32_t c : s) japanese = japanese || ScriptOf(c) == Script::kHiragana;
      if (japanese) {
        ++ja_sentences;
        if (IsPoliteEnding(s)) polite += 1;
        // The last kana of a Japanese sentence are its register: ます/です vs だ/よ/ね.
        std::string ending;
        std::u32string_view tail = s;
        while (!tail.empty() && ScriptOf(tail.back()) == Script::kNone) tail.remove_suffix(1);
        for (std::size_t k = tail.size() >= 3 ? tail.size() - 3 : 0; k < tail.size(); ++k) {
          AppendUtf8(tail[k], ending);
        }
        add_token(ending, 101);
      }
    }
    sentence_start = end;
    sentence_has_text = false;
    sentence_started = false;
  };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    const Script script = ScriptOf(c);
    if (script != token_script || script == Script::kNone) flush_token();
    if (script != Script::kNone) {
      const char32_t lower = Lower(c);
      if (lower < 0x80) {
        token.push_back(static_cast<char>(lower));
      } else {
        AppendUtf8(lower, token);
      }
      token_script = script;
    }
    if (script == Script::kLatin) {
      ++letters;
      ++latin_chars;
      const bool is_upper = IsUpper(c), is_lower = IsLower(c);
      if (is_upper || is_lower) {
        ++cased;
        if (is_upper) ++upper;
      }
      if (!sentence_started) {
        sentence_started = true;
        if (is_lower) ++lower_starts;
      }
      sentence_has_text = true;
    } else if (IsJapanese(script)) {
      ++letters;
      ++japanese_chars;
      sentence_started = true;
      sentence_has_text = true;
    } else if (script == Script::kDigit) {
      ++digits;
      sentence_has_text = true;
    }
    if (c == '!' || c == 0xFF01) ++exclamations;
    if (c == '?' || c == 0xFF1F) ++questions;
    if (c == ',' || c == 0x3001) ++commas;
    if ((c == '-' || c == '.') && i + 1 < cps.size() && cps[i + 1] == c &&
        (i == 0 || cps[i - 1] != c)) {
      ++dashes;
    }
    const bool blank_line = c == '\n' && i + 1 < cps.size() && cps[i + 1] == '\n';
    const bool ja_line_end = c == '\n' && i > 0 && IsJapanese(ScriptOf(cps[i - 1]));
    if ((IsTerminator(c) && (i + 1 >= cps.size() || !IsTerminator(cps[i + 1])) &&
         (i + 1 >= cps.size() || cps[i + 1] == ' ' || cps[i + 1] == '\n' || c == 0x3002)) ||
        blank_line || ja_line_end) {
      end_sentence(i + 1);
    }
  }
  flush_token();
  end_sentence(cps.size());
  if (!sample.greeting.empty()) add_token("greeting:" + sample.greeting, 7);
  if (!sample.signoff.empty()) add_token("signoff:" + sample.signoff, 7);

  sample.words = latin_words + (japanese_chars + 1) / 2;
  if (sample.words == 0) return StyleSample{};
  const float words = static_cast<float>(sample.words);
  const float sents = static_cast<float>(std::max(1, sentences));
  auto& st = sample.stats;
  auto set = [&](Stat s, float v) { st[static_cast<std::size_t>(s)] = v; };
  set(Stat::kLogWords, std::log1p(words));
  set(Stat::kSentenceWords, words / sents);
  set(Stat::kWordChars, latin_words > 0 ? static_cast<float>(latin_chars) / latin_words : 0.0F);
  set(Stat::kLineChars, static_cast<float>(line_chars / static_cast<double>(lines.size())));
  set(Stat::kParagraphs, static_cast<float>(paragraphs));
  set(Stat::kUpperRatio, cased > 0 ? static_cast<float>(upper) / cased : 0.0F);
  set(Stat::kLowerStarts, static_cast<float>(lower_starts) / sents);
  set(Stat::kExclamations, static_cast<float>(exclamations) / sents);
  set(Stat::kQuestions, static_cast<float>(questions) / sents);
  set(Stat::kCommas, static_cast<float>(commas) / sents);
  set(Stat::kDashesEllipses, 100.0F * static_cast<float>(dashes) / words);
  set(Stat::kKeigo, ja_sentences > 0 ? static_cast<float>(polite) / ja_sentences : 0.0F);
  set(Stat::kJapanese, letters > 0 ? static_cast<float>(japanese_chars) / letters : 0.0F);
  set(Stat::kDigits, 100.0F * static_cast<float>(digits) / static_cast<float>(cps.size()));
  set(Stat::kHasGreeting, sample.greeting.empty() ? 0.0F : 1.0F);
  set(Stat::kHasSignoff, sample.signoff.empty() ? 0.0F : 1.0F);

  // Statistics enter the vector on fixed scales so that none dominates.
  constexpr std::array<float, kStatCount> kScale{6, 30, 8, 100, 8, 1,  1, 1,
                                                 1, 3,  5, 1,   1, 10, 1, 1};
  for (int s = 0; s < kStatCount; ++s) {
    const float v = std::clamp(
        st[static_cast<std::size_t>(s)] / kScale[static_cast<std::size_t>(s)], 0.0F, 1.5F);
    acc.dense[static_cast<std::size_t>(kNgramDims + kTokenDims + s)] = v;
  }
  NormalizeBlock(acc.dense, 0, kNgramDims, kNgramWeight);
  NormalizeBlock(acc.dense, kNgramDims, kNgramDims + kTokenDims, kTokenWeight);
  NormalizeBlock(acc.dense, kNgramDims + kTokenDims, kDims, kStatWeight);
  double norm = 0;
  for (float v : acc.dense) norm += static_cast<double>(v) * v;
  const auto inv = static_cast<float>(1.0 / std::sqrt(norm));
  for (int i = 0; i < kDims; ++i) {
    if (acc.dense[i] != 0) {
      sample.vector.emplace_back(static_cast<std::uint16_t>(i), acc.dense[i] * inv);
    }
  }
  return sample;
}

StyleSample ExtractMessageStyle(std::string_view new_text) {
  return ExtractStyle(OwnText(new_text));
}

}  // namespace becguard::style
