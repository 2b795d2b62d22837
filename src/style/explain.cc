#include "style/explain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace becguard::style {
namespace {

struct Difference {
  double strength;  // comparable across kinds: roughly a z-score
  std::string text;
};

std::string Quote(const std::string& form) { return form.empty() ? "none" : "'" + form + "'"; }

std::string Percent(double share) { return std::to_string(std::lround(share * 100)) + " %"; }

std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, v >= 10 ? "%.0f" : "%.1f", v);
  return buffer;
}

// A greeting or sign-off the sender rarely uses while they have a clear habit.
void CompareForm(const char* what, const std::string& used, const std::vector<FormCount>& habits,
                 double used_share, double messages, std::vector<Difference>& out) {
  if (habits.empty() || messages <= 0) return;
  const FormCount& usual = habits.front();
  const double usual_share = usual.count / messages;
  if (used == usual.form || used_share >= 0.1 || usual_share < 0.4) return;
  std::string text;
  if (used.empty()) {
    text = std::string("no ") + what + " — usually " + Quote(usual.form) + " (" +
           Percent(usual_share) + " of messages)";
  } else {
    text = std::string(what) + " " + Quote(used) + " — " +
           (used_share > 0 ? "used in only " + Percent(used_share) + " of messages; "
                           : "never seen; ") +
           "usually " + Quote(usual.form) + " (" + Percent(usual_share) + ")";
  }
  out.push_back({4.0 + 3.0 * usual_share, std::move(text)});  // habits analysts trust first
}

struct StatWording {
  Stat stat;
  const char* name;   // "sentences of %s words on average"
  double floor;       // smallest standard deviation believed
  double min_change;  // smallest absolute difference worth telling
};

constexpr StatWording kWordings[] = {
    {Stat::kSentenceWords, "sentences of {} words on average", 2.0, 4.0},
    {Stat::kWordChars, "words of {} letters on average", 0.3, 0.6},
    {Stat::kLineChars, "lines of {} characters on average", 8.0, 20.0},
    {Stat::kParagraphs, "{} paragraphs", 0.7, 2.0},
    {Stat::kUpperRatio, "{} of letters in upper case", 0.03, 0.06},
    {Stat::kLowerStarts, "{} of sentences start in lower case", 0.1, 0.3},
    {Stat::kExclamations, "{} exclamation marks per sentence", 0.1, 0.3},
    {Stat::kCommas, "{} commas per sentence", 0.3, 0.7},
    {Stat::kDashesEllipses, "{} dashes or ellipses per 100 words", 0.5, 1.5},
    {Stat::kLogWords, "{} words long", 0.3, 0.7},
};

bool IsShare(Stat s) { return s == Stat::kUpperRatio || s == Stat::kLowerStarts; }

std::string Format(const StatWording& w, double value) {
  std::string text = w.name;
  const std::string shown = w.stat == Stat::kLogWords ? Number(std::expm1(value))
                            : IsShare(w.stat)         ? Percent(value)
                                                      : Number(value);
  text.replace(text.find("{}"), 2, shown);
  return text;
}

}  // namespace

std::vector<std::string> ExplainDifferences(const StyleSample& sample, const StyleProfile& profile,
                                            std::size_t max) {
  std::vector<Difference> found;
  const auto messages = static_cast<double>(profile.messages());
  CompareForm("greeting", sample.greeting, profile.greetings(),
              profile.GreetingShare(sample.greeting), messages, found);
  CompareForm("sign-off", sample.signoff, profile.signoffs(), profile.SignoffShare(sample.signoff),
              messages, found);

  // Keigo: a Japanese writer who (nearly) always ends sentences politely, or never does.
  const RunningStat& japanese = profile.stat(Stat::kJapanese);
  const double sample_japanese = sample.stats[static_cast<std::size_t>(Stat::kJapanese)];
  if (japanese.mean >= 0.3 && sample_japanese >= 0.3) {
    const double usual = profile.stat(Stat::kKeigo).mean;
    const double now = sample.stats[static_cast<std::size_t>(Stat::kKeigo)];
    if (usual >= 0.7 && now <= usual - 0.5) {
      found.push_back({4.0, "keigo endings (です/ます) in " + Percent(now) +
                                " of sentences — the sender uses them in " + Percent(usual)});
    } else if (usual <= 0.3 && now >= usual + 0.5) {
      found.push_back({3.0, "formal keigo endings (です/ます) in " + Percent(now) +
                                " of sentences — the sender usually writes plainly (" +
                                Percent(usual) + ")"});
    }
  } else if (japanese.mean >= 0.3 && sample_japanese < 0.1) {
    found.push_back({4.0, "written in a Latin script — the sender writes Japanese"});
  } else if (japanese.mean < 0.05 && sample_japanese >= 0.3) {
    found.push_back({4.0, "written in Japanese — the sender writes in a Latin script"});
  }

  for (const StatWording& w : kWordings) {
    const RunningStat& s = profile.stat(w.stat);
    if (s.count < 5) continue;
    const double value = sample.stats[static_cast<std::size_t>(w.stat)];
    const double diff = value - s.mean;
    if (std::fabs(diff) < w.min_change) continue;
    const double z = diff / std::max(w.floor, s.stddev());
    if (std::fabs(z) < 2.0) continue;
    std::string usual = w.stat == Stat::kLogWords ? Number(std::expm1(s.mean))
                        : IsShare(w.stat)         ? Percent(s.mean)
                                                  : Number(s.mean);
    found.push_back({std::min(std::fabs(z), 6.0), Format(w, value) + " — usually " + usual});
  }
  std::stable_sort(found.begin(), found.end(), [](const Difference& a, const Difference& b) {
    return a.strength > b.strength;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && i < max; ++i) out.push_back(found[i].text);
  return out;
}

}  // namespace becguard::style
