// Text normalisation shared by the parser, lexicons and name comparisons.
// Stateless functions; thread-safe (ICU normalizers are immutable singletons).
#pragma once

#include <string>
#include <string_view>

namespace becguard::text {

// NFKC + Unicode case folding + full/half-width folding (NFKC covers most; half-width
// katakana -> full-width) + removal of zero-width/bidi format characters + all whitespace
// runs (incl. U+3000) collapsed to one ASCII space, trimmed. Invalid UTF-8 bytes become U+FFFD.
std::string Normalize(std::string_view utf8);

// Normalize, then keep only letters and digits (for comparing person names: "Okafor, Margaret"
// and "margaret okafor" compare equal via NameKey tokens sorted; "佐藤 健一" -> "佐藤健一").
std::string NameKey(std::string_view utf8);

// True if the text holds bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C) or
// zero-width characters (U+200B..U+200D, U+2060, U+FEFF) — used by display-name checks.
bool HasInvisibleOrBidi(std::string_view utf8);

// UTS #39 confusable skeleton (ICU uspoof_getSkeleton) of an already lower-case string.
std::string Skeleton(std::string_view utf8);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string SanitizeUtf8(std::string_view bytes);

}  // namespace becguard::text
