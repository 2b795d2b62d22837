#include "domain/edit_distance.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace becguard::domain::internal {
namespace {

constexpr std::size_t kMaxLength = 255;

}  // namespace

int BoundedOsaDistance(std::string_view a, std::string_view b, int max_distance) {
  const int over = max_distance + 1;
  if (max_distance < 0) return over;
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (a.size() > kMaxLength || b.size() > kMaxLength || std::abs(n - m) > max_distance) {
    return over;
  }
  const int k = max_distance;
  std::array<int, kMaxLength + 2> rows[3];
  int* before = rows[0].data();  // row i - 2
  int* prev = rows[1].data();    // row i - 1
  int* cur = rows[2].data();     // row i
  for (int j = 0; j <= m + 1; ++j) prev[j] = j <= k ? j : over;
  for (int i = 1; i <= n; ++i) {
    const int lo = std::max(1, i - k);
    const int hi = std::min(m, i + k);
    // The cells just outside the band act as "too far" so the recurrence never reads stale data.
    cur[lo - 1] = lo - 1 == 0 ? (i <= k ? i : over) : over;
    int row_min = cur[lo - 1];
    for (int j = lo; j <= hi; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int value = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        value = std::min(value, before[j - 2] + 1);
      }
      cur[j] = std::min(value, over);
      row_min = std::min(row_min, cur[j]);
    }
    if (hi + 1 <= m) cur[hi + 1] = over;
    // Row minima never decrease (a transposition costs what two substitutions would have
    // allowed one row earlier), so the distance cannot come back under the bound.
    if (row_min > k) return over;
    int* recycled = before;
    before = prev;
    prev = cur;
    cur = recycled;
  }
  return std::min(prev[m], over);
}

std::vector<Edit> EditScript(std::string_view lookalike, std::string_view original) {
  const std::size_t n = lookalike.size();
  const std::size_t m = original.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = lookalike[i - 1] == original[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lookalike[i - 1] == original[j - 2] &&
          lookalike[i - 2] == original[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  std::vector<Edit> script;
  std::size_t i = n;
  std::size_t j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && lookalike[i - 1] == original[j - 1] && d[i][j] == d[i - 1][j - 1]) {
      --i;
      --j;
    } else if (i > 1 && j > 1 && lookalike[i - 1] == original[j - 2] &&
               lookalike[i - 2] == original[j - 1] && d[i][j] == d[i - 2][j - 2] + 1) {
      script.push_back({EditKind::kTranspose, lookalike[i - 2], original[j - 2]});
      i -= 2;
      j -= 2;
    } else if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + 1) {
      script.push_back({EditKind::kSubstitute, lookalike[i - 1], original[j - 1]});
      --i;
      --j;
    } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
      script.push_back({EditKind::kInsert, lookalike[i - 1], '\0'});
      --i;
    } else {
      script.push_back({EditKind::kDelete, '\0', original[j - 1]});
      --j;
    }
  }
  std::reverse(script.begin(), script.end());
  return script;
}

}  // namespace becguard::domain::internal
