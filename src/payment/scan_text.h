// ScanText: the width-folded view of a text that the payment extractors scan (full-width ASCII
// to ASCII, odd spaces to ' ', dashes to '-', zero-width characters dropped), with an ASCII
// lower-case twin for label search, plus small byte-level helpers shared by the extractors.
// Immutable after construction; safe to read from several threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace becguard::payment {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || IsUpper(c); }
inline bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiLetter(c); }
inline bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
inline char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
inline char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// A run of digits read from the text, possibly with separators between groups.
struct DigitRun {
  std::string digits;
  std::size_t begin = 0;  // first digit
  std::size_t end = 0;    // one past the last digit
};

class ScanText {
 public:
  explicit ScanText(std::string_view utf8);

  std::string_view text() const { return text_; }
  std::size_t size() const { return text_.size(); }

  // Positions (start, end) of `needle` in the text; ASCII needles match case-insensitively
  // and need a non-letter on both sides. `needle` must be lower-case.
  void FindLabel(std::string_view needle, std::vector<std::size_t>* starts) const;

  // The value after a label: skips blanks and ':' '-' '=' '#' '.', then takes the rest of the
  // line (at most max_bytes, UTF-8 safe), trimmed. Empty when the line has nothing.
  std::string ValueAfter(std::size_t pos, std::size_t max_bytes) const;

  // The first digit run starting within `window` bytes after pos (not crossing more than one
  // line break) whose digit count is in [min_digits, max_digits]. `separators` lets single
  // spaces / hyphens join digit groups. Runs must not touch ASCII letters or other digits.
  bool NextDigitRun(std::size_t pos, std::size_t window, std::size_t min_digits,
                    std::size_t max_digits, bool separators, DigitRun* out) const;

  // Reads the digit run starting exactly at pos (pos must be a digit).
  DigitRun ReadDigits(std::size_t pos, bool separators) const;

 private:
  struct LabelHit {
    std::size_t id;
    std::size_t pos;
  };
  std::string text_;
  std::string lower_;
  std::vector<LabelHit> hits_;  // positions of the labels the extractors use
};

// Position of needle in hay at or after `from` (glibc memmem), or npos.
std::size_t FindBytes(std::string_view hay, std::string_view needle, std::size_t from);

// NFKC (no case folding) of a short string, for names shown to people and compared.
std::string Nfkc(std::string_view utf8);

}  // namespace becguard::payment
