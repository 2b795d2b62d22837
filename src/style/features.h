// Writing-style features of one message's own text: what becguard learns per sender and compares
// against (see docs/ARCHITECTURE.md, "Writing style"). Language-independent: hashed character
// 1-4-grams of the NFKC text, hashed word/script-run tokens (function words, Japanese endings),
// greeting and sign-off forms, and layout, casing, punctuation, length and keigo statistics.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace becguard::style {

// Dimensions of the style vector: [char n-grams | tokens | scaled statistics].
inline constexpr int kNgramDims = 2048;
inline constexpr int kTokenDims = 512;
inline constexpr int kStatDims = 16;
inline constexpr int kDims = kNgramDims + kTokenDims + kStatDims;

// Interpretable per-message statistics, kept as running mean/variance in a profile so evidence
// can say "sentences twice as long as usual".
enum class Stat : int {
  kLogWords,        // ln(1 + words)
  kSentenceWords,   // mean words per sentence
  kWordChars,       // mean characters per word (Latin words)
  kLineChars,       // mean characters per non-empty line
  kParagraphs,      // blank-line separated blocks
  kUpperRatio,      // upper-case letters / cased letters
  kLowerStarts,     // sentences starting with a lower-case letter / sentences
  kExclamations,    // '!' per sentence
  kQuestions,       // '?' per sentence
  kCommas,          // ',' / '、' per sentence
  kDashesEllipses,  // "--", "..." per 100 words
  kKeigo,           // Japanese sentences ending in です/ます forms / Japanese sentences
  kJapanese,        // kana + kanji / letters
  kDigits,          // digits per 100 characters
  kHasGreeting,     // 0 or 1
  kHasSignoff,      // 0 or 1
};
inline constexpr int kStatCount = 16;

// One message's style, ready to be compared or merged into a profile.
struct StyleSample {
  // Sparse unit-length style vector: (dimension, value), dimensions ascending.
  std::vector<std::pair<std::uint16_t, float>> vector;
  std::array<float, kStatCount> stats{};
  std::string greeting;  // normalised form, names replaced: "hi <name>,", "<name>様", "" = none
  std::string signoff;   // normalised closing + name: "thanks, / vince", "-vince", "" = none
  int words = 0;         // Latin words + Japanese characters / 2
  bool empty() const { return words == 0; }
};

// The author's own text of a message's new text: drops a "-- " signature block, trailing contact
// lines (phone, address, URL), forwarded blocks that the quote splitter left, and quote-prefixed
// lines. What remains is what the sender typed.
std::string OwnText(std::string_view new_text);

// Features of already-extracted own text (see OwnText).
StyleSample ExtractStyle(std::string_view own_text);

// Convenience: ExtractStyle(OwnText(new_text)).
StyleSample ExtractMessageStyle(std::string_view new_text);

}  // namespace becguard::style
