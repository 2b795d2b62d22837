#include "style/verifier.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace becguard::style {
namespace {

constexpr int kBlockSize = (kDims + Verifier::kBlocks - 1) / Verifier::kBlocks;

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Per-block partial sums of one candidate against the centred message.
struct BlockSums {
  std::array<float, Verifier::kBlocks> dot{};
  std::array<float, Verifier::kBlocks> norm{};
};

void Sum(const float* m, const float* bg, const float* c, BlockSums& out) {
  for (int b = 0; b < Verifier::kBlocks; ++b) {
    const int begin = b * kBlockSize;
    const int end = std::min(kDims, begin + kBlockSize);
    float dot = 0, norm = 0;
    for (int i = begin; i < end; ++i) {
      const float cc = c[i] - bg[i];
      dot += m[i] * cc;
      norm += cc * cc;
    }
    out.dot[static_cast<std::size_t>(b)] = dot;
    out.norm[static_cast<std::size_t>(b)] = norm;
  }
}

double Cosine(double dot, double a, double b) {
  return a > 0 && b > 0 ? dot / std::sqrt(a * b) : 0.0;
}

Verification VerifySelf(const StyleSample& sample, const StyleProfile& claimed) {
  Verification v;
  v.method_used = VerifyMethod::kSelf;
  v.similarity = Similarity(sample, claimed);
  const RunningStat& self = claimed.self_similarity();
  if (self.count < 3) return v;
  const double sd = std::max(0.02, self.stddev());
  v.same_author = Logistic(1.7 * ((v.similarity - self.mean) / sd + 1.5));
  return v;
}

}  // namespace

Verifier::Verifier(VerifierOptions options) : options_(options) {
  std::uint64_t state = 0x243F6A8885A308D3ULL;  // fixed: verdicts must be reproducible
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int t = 0; t < std::max(1, options_.iterations); ++t) {
    std::uint32_t mask = 0;
    while (std::popcount(mask) < kBlocks / 2) mask |= 1U << (next() % kBlocks);
    masks_.push_back(mask);
  }
}

Verification Verifier::Verify(const StyleSample& sample, const StyleProfile& claimed,
                              std::span<const StyleProfile* const> impostors) const {
  std::vector<const StyleProfile*> others;
  others.reserve(impostors.size());
  for (const StyleProfile* p : impostors) {
    if (p != nullptr && p != &claimed && p->messages() > 0) others.push_back(p);
  }
  if (options_.method == VerifyMethod::kSelf ||
      static_cast<int>(others.size()) < options_.min_impostors || sample.empty()) {
    return VerifySelf(sample, claimed);
  }

  // Background: the impostors' mean; the centred message.
  std::array<float, kDims> bg{};
  const float inv = 1.0F / static_cast<float>(others.size());
  for (const StyleProfile* p : others) {
    const float* c = p->centroid().data();
    for (int i = 0; i < kDims; ++i) bg[i] += c[i] * inv;
  }
  std::array<float, kDims> m{};
  for (const auto& [dim, value] : sample.vector) m[dim] = value;
  std::array<float, kBlocks> m_norm{};
  for (int i = 0; i < kDims; ++i) {
    m[i] -= bg[i];
    m_norm[static_cast<std::size_t>(i / kBlockSize)] += m[i] * m[i];
  }

  std::vector<BlockSums> sums(others.size() + 1);
  Sum(m.data(), bg.data(), claimed.centroid().data(), sums[0]);
  for (std::size_t j = 0; j < others.size(); ++j) {
    Sum(m.data(), bg.data(), others[j]->centroid().data(), sums[j + 1]);
  }
  auto full = [&](const BlockSums& s) {
    double dot = 0, norm = 0, mn = 0;
    for (int b = 0; b < kBlocks; ++b) {
      dot += s.dot[static_cast<std::size_t>(b)];
      norm += s.norm[static_cast<std::size_t>(b)];
      mn += m_norm[static_cast<std::size_t>(b)];
    }
    return Cosine(dot, mn, norm);
  };

  Verification v;
  v.impostors = static_cast<int>(others.size());
  v.similarity = full(sums[0]);
  v.best_impostor = -1;
  for (std::size_t j = 1; j < sums.size(); ++j) v.best_impostor = std::max(v.best_impostor, full(sums[j]));

  if (options_.method == VerifyMethod::kMargin) {
    v.method_used = VerifyMethod::kMargin;
    v.same_author = Logistic(25.0 * (v.similarity - v.best_impostor));
    return v;
  }
  v.method_used = VerifyMethod::kImpostors;
  int wins = 0;
  for (std::uint32_t mask : masks_) {
    double mn = 0;
    for (std::uint32_t bits = mask; bits != 0; bits &= bits - 1) {
      mn += m_norm[static_cast<std::size_t>(std::countr_zero(bits))];
    }
    double author = 0, best = -2;
    for (std::size_t j = 0; j < sums.size(); ++j) {
      double dot = 0, norm = 0;
      for (std::uint32_t bits = mask; bits != 0; bits &= bits - 1) {
        const auto b = static_cast<std::size_t>(std::countr_zero(bits));
        dot += sums[j].dot[b];
        norm += sums[j].norm[b];
      }
      const double cos = Cosine(dot, mn, norm);
      if (j == 0) {
        author = cos;
      } else {
        best = std::max(best, cos);
      }
    }
    if (author > best) ++wins;
  }
  v.same_author = static_cast<double>(wins) / static_cast<double>(masks_.size());
  return v;
}

}  // namespace becguard::style
