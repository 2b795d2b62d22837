// TextDiff: a line diff (Myers' O(ND) algorithm) grouped into unified-diff style hunks, for
// showing what changed between the sent and the received copy of a message.
//
// Bounded: inputs longer than DiffLimits::max_lines lines are cut, and when more than
// DiffLimits::max_edits line edits would be needed the rest is reported as one replaced block
// (TextDiff::approximate says so), so hostile input costs at most O(max_edits^2) memory and time.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace becguard::forensics {

enum class DiffOp { kEqual, kRemoved, kAdded };

struct DiffLine {
  DiffOp op;
  std::string text;  // the line without its line ending and trailing white space
};

// Line numbers are 1-based; a zero count means the hunk inserts (or deletes) at that point.
struct DiffHunk {
  std::size_t a_start = 0;
  std::size_t a_count = 0;
  std::size_t b_start = 0;
  std::size_t b_count = 0;
  std::vector<DiffLine> lines;
};

struct DiffLimits {
  std::size_t max_lines = 20000;  // per side; further lines are ignored (truncated = true)
  std::size_t max_edits = 2000;   // edit-distance bound of the exact diff
  std::size_t context = 2;        // unchanged lines shown around each change
};

struct TextDiff {
  std::vector<DiffHunk> hunks;
  bool truncated = false;    // an input had more than max_lines lines
  bool approximate = false;  // max_edits was reached: a changed block may be larger than needed

  bool empty() const { return hunks.empty(); }
};

// Lines of text, split on \n; a trailing \r and trailing spaces/tabs are dropped so that line
// ending and re-wrapping whitespace changes made by mail servers do not show up as edits.
std::vector<std::string_view> SplitLines(std::string_view text);

TextDiff DiffText(std::string_view a, std::string_view b, const DiffLimits& limits = {});

}  // namespace becguard::forensics
