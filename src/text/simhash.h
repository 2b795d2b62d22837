// SimHash of normalised text, for near-duplicate search (the intercepted-invoice case: the same
// reminder with only the bank details changed). Word shingles make a one-sentence change move
// only a few of the 64 bits. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace becguard::text {

// 64-bit SimHash over word 3-shingles of text::Normalize output (digits kept). 0 for text of
// fewer than 8 words: too short to call anything a near duplicate.
std::uint64_t SimHash(std::string_view normalized_text);

inline int HammingDistance(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

}  // namespace becguard::text
