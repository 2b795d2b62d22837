#include "text/simhash.h"

#include <unicode/uchar.h>

#include <array>
#include <string>
#include <vector>

#include "text/utf8.h"

namespace becguard::text {
namespace {

constexpr std::size_t kShingleWords = 3;
constexpr std::size_t kMinWords = 8;

// Scripts written without spaces: each character counts as a word, otherwise a Japanese
// invoice would be one "word" and never fingerprinted.
bool IsUnspacedScriptChar(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||  // hiragana, katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility
         (cp >= 0x20000 && cp <= 0x3FFFF);  // CJK extensions B..
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  // Combining marks stay inside their word (Devanagari, decomposed leftovers).
  return u_isalnum(static_cast<UChar32>(cp)) ||
         (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK) != 0;
}

// Words are letter/digit runs; punctuation separates them so "1,250.00" and "1 250 00" differ
// only a little and line-wrapping never matters.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = std::string_view::npos;
  std::size_t i = 0;
  const auto close = [&](std::size_t end) {
    if (start != std::string_view::npos) words.push_back(text.substr(start, end - start));
    start = std::string_view::npos;
  };
  while (i < text.size()) {
    std::size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {  // invalid byte: a separator
      close(i);
      ++i;
      continue;
    }
    const char32_t cp = DecodeUtf8At(text, i, len);
    if (IsUnspacedScriptChar(cp)) {
      close(i);
      words.push_back(text.substr(i, len));
    } else if (IsWordChar(cp)) {
      if (start == std::string_view::npos) start = i;
    } else {
      close(i);
    }
    i += len;
  }
  close(text.size());
  return words;
}

// FNV-1a 64 with a final avalanche (splitmix64 finaliser): FNV alone leaves the high bits of
// short inputs poorly mixed, which would bias SimHash bit votes. Stable across platforms and
// releases, since fingerprints are stored.
std::uint64_t HashShingle(const std::vector<std::string_view>& words, std::size_t first) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::size_t k = 0; k < kShingleWords; ++k) {
    for (char c : words[first + k]) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
    h ^= 0x1F;  // word separator, so "ab c" and "a bc" differ
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

}  // namespace

std::uint64_t SimHash(std::string_view normalized_text) {
  const std::vector<std::string_view> words = Words(normalized_text);
  if (words.size() < kMinWords) return 0;
  // A bit is set when more shingles have it set than not. Counting set bits without a branch
  // (a branch on random hash bits mispredicts half the time) lets the loop vectorise.
  std::array<std::uint32_t, 64> ones{};
  std::uint32_t shingles = 0;
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i, ++shingles) {
    const std::uint64_t h = HashShingle(words, i);
    for (int bit = 0; bit < 64; ++bit) ones[bit] += static_cast<std::uint32_t>((h >> bit) & 1);
  }
  std::uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (2 * std::uint64_t{ones[bit]} > shingles) out |= (std::uint64_t{1} << bit);
  }
  // 0 means "no fingerprint"; a real text must never produce it.
  return out == 0 ? 1 : out;
}

}  // namespace becguard::text
