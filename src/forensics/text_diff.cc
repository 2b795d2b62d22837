#include "forensics/text_diff.h"

#include <algorithm>
#include <cstdint>

namespace becguard::forensics {
namespace {

using Lines = std::vector<std::string_view>;

struct Edit {
  DiffOp op;
  std::size_t a_pos;  // 0-based index into a of this line (or of the next a line for kAdded)
  std::size_t b_pos;
};

std::string_view TrimLineEnd(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

// Appends the edits of a[a0, a0+n) -> b[b0, b0+m) to `out`. Returns false when the edit distance
// exceeds max_edits; `out` is then unchanged.
bool Myers(const Lines& a, std::size_t a0, std::size_t n, const Lines& b, std::size_t b0,
           std::size_t m, std::size_t max_edits, std::vector<Edit>& out) {
  const auto N = static_cast<std::int64_t>(n);
  const auto M = static_cast<std::int64_t>(m);
  const std::int64_t max_d = std::min<std::int64_t>(N + M, static_cast<std::int64_t>(max_edits));
  const std::int64_t offset = max_d + 1;
  std::vector<std::int64_t> v(static_cast<std::size_t>(2 * max_d + 3), 0);
  // trace[d] holds V[k] for k in [-d, d] after round d: O(D^2) memory, bounded by max_edits.
  std::vector<std::vector<std::int64_t>> trace;
  std::int64_t found_d = -1;
  for (std::int64_t d = 0; d <= max_d && found_d < 0; ++d) {
    for (std::int64_t k = -d; k <= d; k += 2) {
      std::int64_t x;
      if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
        x = v[offset + k + 1];
      } else {
        x = v[offset + k - 1] + 1;
      }
      std::int64_t y = x - k;
      while (x < N && y < M && a[a0 + x] == b[b0 + y]) {
        ++x;
        ++y;
      }
      v[offset + k] = x;
      if (x >= N && y >= M) found_d = d;
    }
    trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
  }
  if (found_d < 0) return false;

  std::vector<Edit> reversed;
  std::int64_t x = N;
  std::int64_t y = M;
  for (std::int64_t d = found_d; d > 0; --d) {
    const std::vector<std::int64_t>& prev = trace[d - 1];
    auto at = [&](std::int64_t k) { return prev[static_cast<std::size_t>(k + (d - 1))]; };
    const std::int64_t k = x - y;
    const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    const std::int64_t prev_k = down ? k + 1 : k - 1;
    const std::int64_t prev_x = at(prev_k);
    const std::int64_t prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x;
      --y;
      reversed.push_back({DiffOp::kEqual, a0 + x, b0 + y});
    }
    if (down) {
      --y;
      reversed.push_back({DiffOp::kAdded, a0 + x, b0 + y});
    } else {
      --x;
      reversed.push_back({DiffOp::kRemoved, a0 + x, b0 + y});
    }
  }
  while (x > 0 && y > 0) {
    --x;
    --y;
    reversed.push_back({DiffOp::kEqual, a0 + x, b0 + y});
  }
  out.insert(out.end(), reversed.rbegin(), reversed.rend());
  return true;
}

std::vector<DiffHunk> MakeHunks(const std::vector<Edit>& edits, const Lines& a, const Lines& b,
                                std::size_t context) {
  std::vector<DiffHunk> hunks;
  std::size_t i = 0;
  while (i < edits.size()) {
    while (i < edits.size() && edits[i].op == DiffOp::kEqual) ++i;
    if (i == edits.size()) break;
    const std::size_t first_change = i;
    // Extend while the next change is close enough that the contexts would touch.
    std::size_t last_change = i;
    std::size_t j = i + 1;
    while (j < edits.size()) {
      if (edits[j].op != DiffOp::kEqual) {
        last_change = j;
        ++j;
        continue;
      }
      std::size_t run = 0;
      while (j + run < edits.size() && edits[j + run].op == DiffOp::kEqual) ++run;
      if (j + run == edits.size() || run > 2 * context) break;
      j += run;
    }
    const std::size_t begin = first_change >= context ? first_change - context : 0;
    const std::size_t end = std::min(edits.size(), last_change + 1 + context);
    DiffHunk hunk;
    hunk.a_start = edits[begin].a_pos + 1;
    hunk.b_start = edits[begin].b_pos + 1;
    for (std::size_t e = begin; e < end; ++e) {
      const Edit& edit = edits[e];
      switch (edit.op) {
        case DiffOp::kEqual:
          ++hunk.a_count;
          ++hunk.b_count;
          hunk.lines.push_back({edit.op, std::string(a[edit.a_pos])});
          break;
        case DiffOp::kRemoved:
          ++hunk.a_count;
          hunk.lines.push_back({edit.op, std::string(a[edit.a_pos])});
          break;
        case DiffOp::kAdded:
          ++hunk.b_count;
          hunk.lines.push_back({edit.op, std::string(b[edit.b_pos])});
          break;
      }
    }
    hunks.push_back(std::move(hunk));
    i = end;
  }
  return hunks;
}

}  // namespace

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t stop = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back(TrimLineEnd(text.substr(start, stop - start)));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

TextDiff DiffText(std::string_view a_text, std::string_view b_text, const DiffLimits& limits) {
  TextDiff diff;
  Lines a = SplitLines(a_text);
  Lines b = SplitLines(b_text);
  // Blank lines at the end are formatting, not content.
  while (!a.empty() && a.back().empty()) a.pop_back();
  while (!b.empty() && b.back().empty()) b.pop_back();
  if (a.size() > limits.max_lines || b.size() > limits.max_lines) {
    diff.truncated = true;
    a.resize(std::min(a.size(), limits.max_lines));
    b.resize(std::min(b.size(), limits.max_lines));
  }

  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;

  std::vector<Edit> edits;
  edits.reserve(a.size() + m);
  for (std::size_t i = 0; i < prefix; ++i) edits.push_back({DiffOp::kEqual, i, i});
  if (!Myers(a, prefix, n, b, prefix, m, limits.max_edits, edits)) {
    diff.approximate = true;
    for (std::size_t i = 0; i < n; ++i) edits.push_back({DiffOp::kRemoved, prefix + i, prefix});
    for (std::size_t i = 0; i < m; ++i) {
      edits.push_back({DiffOp::kAdded, prefix + n, prefix + i});
    }
  }
  for (std::size_t i = 0; i < suffix; ++i) {
    edits.push_back({DiffOp::kEqual, prefix + n + i, prefix + m + i});
  }
  diff.hunks = MakeHunks(edits, a, b, limits.context);
  return diff;
}

}  // namespace becguard::forensics
