#include "domain/confusables.h"

#include <array>
#include <vector>

#include "domain/host_name.h"

namespace becguard::domain::internal {
namespace {

struct Substitution {
  std::string_view lookalike;
  std::string_view original;
  std::string_view name;
};

// Both directions: a protected label may itself contain "rn" or a digit.
constexpr std::array<Substitution, 16> kSubstitutions = {{
    {"rn", "m", "rn→m"},
    {"m", "rn", "m→rn"},
    {"vv", "w", "vv→w"},
    {"w", "vv", "w→vv"},
    {"cl", "d", "cl→d"},
    {"d", "cl", "d→cl"},
    {"0", "o", "digit for letter (0→o)"},
    {"o", "0", "letter for digit (o→0)"},
    {"1", "l", "digit for letter (1→l)"},
    {"1", "i", "digit for letter (1→i)"},
    {"l", "1", "letter for digit (l→1)"},
    {"i", "1", "letter for digit (i→1)"},
    {"5", "s", "digit for letter (5→s)"},
    {"s", "5", "letter for digit (s→5)"},
    {"l", "i", "l→i"},
    {"i", "l", "i→l"},
}};

char FoldChar(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
    case 'i':
      return 'l';
    case '5':
      return 's';
    default:
      return AsciiLower(c);
  }
}

// Backtracking alignment with a memo of dead ends, so it stays polynomial on any input.
class Aligner {
 public:
  Aligner(std::string_view lookalike, std::string_view original)
      : a_(lookalike), b_(original), dead_((a_.size() + 1) * (b_.size() + 1), false) {}

  bool Solve(std::size_t i, std::size_t j) {
    if (i == a_.size() && j == b_.size()) return true;
    const std::size_t cell = i * (b_.size() + 1) + j;
    if (dead_[cell]) return false;
    if (i < a_.size() && j < b_.size() && a_[i] == b_[j] && Solve(i + 1, j + 1)) return true;
    for (const Substitution& s : kSubstitutions) {
      if (a_.substr(i).starts_with(s.lookalike) && b_.substr(j).starts_with(s.original) &&
          Solve(i + s.lookalike.size(), j + s.original.size())) {
        used_.push_back(&s);
        return true;
      }
    }
    dead_[cell] = true;
    return false;
  }

  // Innermost first, because Solve records on the way back.
  const std::vector<const Substitution*>& used() const { return used_; }

 private:
  std::string_view a_;
  std::string_view b_;
  std::vector<bool> dead_;
  std::vector<const Substitution*> used_;
};

}  // namespace

std::string FoldConfusables(std::string_view label) {
  std::string single;
  single.reserve(label.size());
  for (char c : label) single.push_back(FoldChar(c));
  std::string out;
  out.reserve(single.size());
  for (std::size_t i = 0; i < single.size(); ++i) {
    if (i + 1 < single.size()) {
      const char c = single[i];
      const char next = single[i + 1];
      if (c == 'r' && next == 'n') {
        out.push_back('m');
        ++i;
        continue;
      }
      if (c == 'v' && next == 'v') {
        out.push_back('w');
        ++i;
        continue;
      }
      if (c == 'c' && next == 'l') {
        out.push_back('d');
        ++i;
        continue;
      }
    }
    out.push_back(single[i]);
  }
  return out;
}

std::string DescribeConfusables(std::string_view lookalike, std::string_view original) {
  Aligner aligner(lookalike, original);
  if (!aligner.Solve(0, 0)) return "";
  std::string out;
  const auto& used = aligner.used();
  std::vector<std::string_view> names;
  for (auto it = used.rbegin(); it != used.rend(); ++it) {
    bool seen = false;
    for (std::string_view name : names) seen = seen || name == (*it)->name;
    if (seen) continue;
    names.push_back((*it)->name);
    if (!out.empty()) out += ", ";
    out += (*it)->name;
  }
  return out;
}

}  // namespace becguard::domain::internal
