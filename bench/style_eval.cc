// Writing-style verification quality: on enron-authors/<author>/*.eml, each author's older 70 %
// of mail (by Date) builds their profile; their newer mail is tested against it (genuine) and
// every other author's newer mail is tested as if it claimed to be from them (impostor attempt;
// that author's own profile is then left out of the impostor set, as a real attacker's would
// not be in the store). Prints ROC AUC and the false-positive rate on genuine mail at 90 %
// detection of impostor attempts, per word-count bucket.
//
// Usage: style_eval [corpus/enron-authors] [--method impostors|margin|self] [--impostors K]
//        [--min-spread X] [--similarity-weight X] [--variance-floor X] [--dump N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "becguard/config.h"
#include "mime/parser.h"
#include "style/features.h"
#include "style/profile.h"
#include "style/verifier.h"

namespace {

namespace fs = std::filesystem;
using becguard::style::StyleProfile;
using becguard::style::StyleSample;

struct Mail {
  std::int64_t date = 0;
  StyleSample sample;
};

struct Scored {
  double score;
  bool genuine;
};

double Auc(std::vector<Scored> s) {
  std::sort(s.begin(), s.end(), [](const Scored& a, const Scored& b) { return a.score < b.score; });
  double pos = 0, neg = 0, rank_sum = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    while (j < s.size() && s[j].score == s[i].score) ++j;
    const double mid = (static_cast<double>(i) + static_cast<double>(j) + 1) / 2;  // 1-based
    for (std::size_t k = i; k < j; ++k) {
      if (s[k].genuine) {
        rank_sum += mid;
        ++pos;
      } else {
        ++neg;
      }
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return 0;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

// Share of genuine mail flagged when the threshold flags 90 % of impostor attempts.
double FprAt90(const std::vector<Scored>& s) {
  std::vector<double> impostor, genuine;
  for (const Scored& x : s) (x.genuine ? genuine : impostor).push_back(x.score);
  if (impostor.empty() || genuine.empty()) return 0;
  std::sort(impostor.begin(), impostor.end());
  const double threshold = impostor[std::min(impostor.size() - 1, impostor.size() * 9 / 10)];
  std::size_t flagged = 0;
  for (double g : genuine) flagged += g <= threshold ? 1 : 0;
  return static_cast<double>(flagged) / static_cast<double>(genuine.size());
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "../shared/corpus/enron-authors";
  becguard::style::VerifierOptions options;
  std::size_t max_impostors = 16;
  int dump = 0;  // print the own text of the first N messages per author (debugging)
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--method") == 0 && i + 1 < argc) {
      const std::string m = argv[++i];
      options.method = m == "margin" ? becguard::style::VerifyMethod::kMargin
                       : m == "self" ? becguard::style::VerifyMethod::kSelf
                                     : becguard::style::VerifyMethod::kImpostors;
    } else if (std::strcmp(argv[i], "--impostors") == 0 && i + 1 < argc) {
      max_impostors = static_cast<std::size_t>(std::stoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--min-spread") == 0 && i + 1 < argc) {
      options.min_spread = std::stod(argv[++i]);
    } else if (std::strcmp(argv[i], "--similarity-weight") == 0 && i + 1 < argc) {
      options.similarity_weight = std::stod(argv[++i]);
    } else if (std::strcmp(argv[i], "--variance-floor") == 0 && i + 1 < argc) {
      options.variance_floor = std::stod(argv[++i]);
    } else if (std::strcmp(argv[i], "--dump") == 0 && i + 1 < argc) {
      dump = std::stoi(argv[++i]);
    } else {
      corpus = argv[i];
    }
  }
  if (!fs::is_directory(corpus)) {
    std::fprintf(stderr, "style_eval: %s is not a directory\n", corpus.c_str());
    return 2;
  }
  const becguard::Limits limits;
  std::vector<std::string> authors;
  std::vector<std::vector<Mail>> tests;
  std::vector<StyleProfile> profiles;
  std::size_t skipped = 0;
  for (const auto& dir : fs::directory_iterator(corpus)) {
    if (!dir.is_directory()) continue;
    std::vector<Mail> mails;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      const becguard::ParsedMessage m = becguard::mime::Parse(ReadAll(file.path()), limits);
      Mail mail{m.date_unix.value_or(0), becguard::style::ExtractMessageStyle(m.new_text)};
      if (dump > 0 && static_cast<int>(mails.size()) < dump) {
        std::printf("=== %s words=%d greeting=[%s] signoff=[%s]\n%s\n", file.path().c_str(),
                    mail.sample.words, mail.sample.greeting.c_str(), mail.sample.signoff.c_str(),
                    becguard::style::OwnText(m.new_text).c_str());
      }
      if (mail.sample.empty()) {
        ++skipped;  // nothing of the author's own: a bare forward
        continue;
      }
      mails.push_back(std::move(mail));
    }
    std::sort(mails.begin(), mails.end(),
              [](const Mail& a, const Mail& b) { return a.date < b.date; });
    const std::size_t train = mails.size() * 7 / 10;
    StyleProfile profile;
    for (std::size_t i = 0; i < train; ++i) profile.Add(mails[i].sample);
    authors.push_back(dir.path().filename().string());
    profiles.push_back(std::move(profile));
    tests.emplace_back(mails.begin() + static_cast<std::ptrdiff_t>(train), mails.end());
  }
  const becguard::style::Verifier verifier(options);
  struct Bucket {
    const char* name;
    int lo, hi;
    std::vector<Scored> scores;
    std::vector<Scored> sims;
    std::vector<Scored> zs;
  };
  std::vector<Bucket> buckets{{"<50", 0, 50, {}, {}, {}},        {"50-100", 50, 100, {}, {}, {}},
                              {"100-200", 100, 200, {}, {}, {}}, {"200+", 200, 1 << 30, {}, {}, {}},
                              {"50+", 50, 1 << 30, {}, {}, {}},  {"all", 0, 1 << 30, {}, {}, {}}};
  std::size_t checks = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t a = 0; a < authors.size(); ++a) {
    for (std::size_t t = 0; t < tests.size(); ++t) {
      std::vector<const StyleProfile*> impostors;
      for (std::size_t k = 0; k < profiles.size() && impostors.size() < max_impostors; ++k) {
        if (k != a && k != t) impostors.push_back(&profiles[k]);
      }
      for (const Mail& mail : tests[t]) {
        const auto v = verifier.Verify(mail.sample, profiles[a], impostors);
        ++checks;
        for (Bucket& b : buckets) {
          if (mail.sample.words >= b.lo && mail.sample.words < b.hi) {
            b.scores.push_back({v.same_author, t == a});
            b.sims.push_back({v.similarity, t == a});
            b.zs.push_back({v.z, t == a});
          }
        }
      }
    }
  }
  // Closed-set identification by plain similarity, as a feature sanity check.
  {
    std::size_t right = 0, total = 0, right50 = 0, total50 = 0;
    for (std::size_t t = 0; t < tests.size(); ++t) {
      for (const Mail& mail : tests[t]) {
        std::size_t best = 0;
        double best_sim = -2;
        for (std::size_t a = 0; a < profiles.size(); ++a) {
          const double sim = becguard::style::Similarity(mail.sample, profiles[a]);
          if (sim > best_sim) {
            best_sim = sim;
            best = a;
          }
        }
        ++total;
        right += best == t ? 1 : 0;
        if (mail.sample.words >= 50) {
          ++total50;
          right50 += best == t ? 1 : 0;
        }
      }
    }
    std::printf("closed-set top-1: %.3f (50+ words: %.3f)\n", double(right) / total,
                double(right50) / total50);
  }
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  std::printf("authors %zu, bare forwards skipped %zu, verifications %zu (%.1f us each)\n",
              authors.size(), skipped, checks, us / static_cast<double>(checks));
  std::printf("%-8s %8s %8s %7s %12s\n", "words", "genuine", "impostor", "AUC", "FPR@90%det");
  for (const Bucket& b : buckets) {
    std::size_t g = 0;
    for (const Scored& s : b.scores) g += s.genuine ? 1 : 0;
    std::printf("%-8s %8zu %8zu %7.3f %12.3f   (similarity alone: AUC %.3f)\n", b.name, g,
                b.scores.size() - g, Auc(b.scores), FprAt90(b.scores), Auc(b.sims));
  }
  // What the detector's threshold means: detected impostor attempts and flagged genuine mail.
  std::printf("\n50+ words, finding when same_author < threshold:\n%-10s %10s %10s\n", "threshold",
              "detected", "FPR");
  for (double threshold : {0.05, 0.1, 0.15, 0.25, 0.5}) {
    double detected = 0, impostor = 0, flagged = 0, genuine = 0;
    for (const Scored& s : buckets[4].scores) {
      (s.genuine ? genuine : impostor) += 1;
      if (s.score < threshold) (s.genuine ? flagged : detected) += 1;
    }
    std::printf("%-10.2f %10.3f %10.3f\n", threshold, detected / impostor, flagged / genuine);
  }
  {
    std::vector<double> g, im;
    for (const Scored& s : buckets[4].zs) (s.genuine ? g : im).push_back(s.score);
    std::sort(g.begin(), g.end());
    std::sort(im.begin(), im.end());
    auto q = [](const std::vector<double>& v, double p) {
      return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
    };
    std::printf(
        "\n50+ words, z quantiles: genuine 5%% %.2f 10%% %.2f 25%% %.2f 50%% %.2f; "
        "impostor 50%% %.2f 75%% %.2f 90%% %.2f 95%% %.2f\n",
        q(g, 0.05), q(g, 0.10), q(g, 0.25), q(g, 0.5), q(im, 0.5), q(im, 0.75), q(im, 0.9),
        q(im, 0.95));
  }
  return 0;
}
