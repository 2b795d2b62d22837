// becguard eval: detection quality on a labelled tree. Prints recall on positive labels (bec,
// phish, ...) and false-positive rate on negative labels (ham, legit), per label, per source
// folder and per scenario, precision and a confusion matrix at both verdict thresholds, per-finding
// hit rates, and a threshold sweep for calibration. --per-message adds every message's findings
// with their strengths to the JSON, which bench/calibrate.py re-scores with candidate weights.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "frontends/cli/batch_scanner.h"
#include "frontends/cli/commands.h"

namespace becguard::cli {
namespace {

namespace fs = std::filesystem;

struct LabelledFile {
  std::string path;  // relative to root
  std::string label;
  std::string scenario;
};

bool IsNegativeLabel(const std::string& label) {
  return label == "ham" || label == "legit" || label == "clean" || label == "benign";
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream stream(line);
  std::string cell;
  while (std::getline(stream, cell, '\t')) out.push_back(cell);
  return out;
}

Result<std::vector<LabelledFile>> ReadLabels(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open labels file");
  std::string line;
  if (!std::getline(in, line)) return MakeError(ErrorCode::kMalformed, path + ": empty");
  std::vector<std::string> header = SplitTabs(line);
  int file_col = -1, label_col = -1, scenario_col = -1;
  for (int i = 0; i < static_cast<int>(header.size()); ++i) {
    if (header[i] == "file" || header[i] == "path") file_col = i;
    if (header[i] == "label") label_col = i;
    if (header[i] == "scenario") scenario_col = i;
  }
  if (file_col < 0 || label_col < 0) {
    return MakeError(ErrorCode::kMalformed,
                     path + ": header needs 'file' (or 'path') and 'label' columns");
  }
  std::vector<LabelledFile> files;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells = SplitTabs(line);
    if (static_cast<int>(cells.size()) <= std::max(file_col, label_col)) continue;
    LabelledFile f{cells[file_col], cells[label_col], ""};
    if (scenario_col >= 0 && scenario_col < static_cast<int>(cells.size())) {
      f.scenario = cells[scenario_col];
    }
    files.push_back(std::move(f));
  }
  return files;
}

struct Tally {
  std::size_t n = 0, flagged = 0, bec = 0;
};

std::string Rate(std::size_t k, std::size_t n) {
  return n == 0 ? "-" : fmt::format("{:.1f}%", 100.0 * k / n);
}

// Positives = every label that is not a negative one (bec and phish alike).
struct Confusion {
  double threshold = 0;
  std::size_t tp = 0, fn = 0, fp = 0, tn = 0;
  double Precision() const { return tp + fp == 0 ? 0 : 1.0 * tp / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 0 : 1.0 * tp / (tp + fn); }
  double Fpr() const { return fp + tn == 0 ? 0 : 1.0 * fp / (fp + tn); }
};

Confusion CountAt(const std::vector<std::pair<int, bool>>& scores, double threshold) {
  Confusion c;
  c.threshold = threshold;
  for (const auto& [score, positive] : scores) {
    const bool flagged = score >= threshold;
    if (positive) {
      (flagged ? c.tp : c.fn)++;
    } else {
      (flagged ? c.fp : c.tn)++;
    }
  }
  return c;
}

nlohmann::json ConfusionJson(const Confusion& c) {
  return {{"threshold", c.threshold},
          {"tp", c.tp},
          {"fn", c.fn},
          {"fp", c.fp},
          {"tn", c.tn},
          {"precision", c.Precision()},
          {"recall", c.Recall()},
          {"fpr", c.Fpr()}};
}

// What calibration needs to re-score a message: each finding's id, group and strength, and the
// points it got under the current weights.
nlohmann::json MessageJson(const LabelledFile& file, const ScanReport& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const ScoredFinding& f : report.findings) {
    nlohmann::json entry = {{"id", f.Name()}, {"weight", f.weight}};
    if (f.finding.id != FindingId::kComposite) {
      entry["group"] = std::string(FindingGroupName(GetFindingInfo(f.finding.id).group));
      entry["strength"] = f.finding.strength;
    }
    findings.push_back(std::move(entry));
  }
  return {{"file", file.path},
          {"label", file.label},
          {"scenario", file.scenario},
          {"score", report.score},
          {"verdict", std::string(VerdictName(report.verdict))},
          {"findings", std::move(findings)}};
}
}  // namespace

int RunEval(const Engine& engine, const EvalOptions& options) {
  std::string labels_path = options.labels_file;
  if (labels_path.empty()) {
    labels_path = (fs::path(options.root) / "labels.tsv").string();
    if (!fs::exists(labels_path)) labels_path = (fs::path(options.root) / "manifest.tsv").string();
  }
  auto labels = ReadLabels(labels_path);
  if (!labels) {
    std::cerr << "becguard eval: " << labels.error().ToString() << "\n";
    return kExitUsageError;
  }
  std::map<std::string, const LabelledFile*> by_path;
  std::vector<std::string> inputs;
  for (const LabelledFile& f : *labels) {
    std::string full = (fs::path(options.root) / f.path).string();
    by_path[full] = &f;
    inputs.push_back(full);
  }

  MessageSource source(inputs, 64u << 20);
  BatchOptions batch;
  batch.jobs = options.jobs > 0
                   ? options.jobs
                   : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::map<std::string, Tally> per_label, per_folder, per_scenario;
  std::map<std::string, std::map<std::string, std::size_t>> finding_hits;  // label -> id -> n
  std::vector<std::pair<int, bool>> scores;                                // (score, positive)
  std::vector<std::string> misses;
  nlohmann::json messages = nlohmann::json::array();
  std::size_t errors = 0;
  const auto suspicious = engine.suspicious_threshold();

  ScanAll(
      engine, source, batch,
      [&](ScannedMessage& scanned) {
        auto it = by_path.find(scanned.origin);
        if (it == by_path.end() || !scanned.report) {
          ++errors;
          return;
        }
        const LabelledFile& file = *it->second;
        const ScanReport& report = *scanned.report;
        const bool flagged = report.score >= suspicious;
        const bool positive = !IsNegativeLabel(file.label);
        std::string folder = file.path.substr(0, file.path.find('/'));
        if (folder == file.path) folder = ".";
        for (Tally* t : {&per_label[file.label], &per_folder[file.label + "  " + folder],
                         &per_scenario[file.label + "  " + file.scenario]}) {
          ++t->n;
          t->flagged += flagged;
          t->bec += report.verdict == Verdict::kBec;
        }
        std::set<std::string> ids;
        for (const ScoredFinding& f : report.findings) ids.insert(f.Name());
        for (const std::string& id : ids) ++finding_hits[file.label][id];
        scores.emplace_back(report.score, positive);
        if (options.per_message) messages.push_back(MessageJson(file, report));
        if (positive != flagged) {
          misses.push_back(fmt::format("{} {} score {} ({})", positive ? "MISS" : "FP  ", file.path,
                                       report.score, file.scenario));
        }
      },
      [&](const std::string& origin, const std::string& reason) {
        std::cerr << "becguard eval: " << origin << ": " << reason << "\n";
        ++errors;
      });

  // Threshold sweep: what precision/recall/FPR each threshold would give.
  std::vector<Confusion> sweep;
  for (int t = 5; t <= 95; t += 5) sweep.push_back(CountAt(scores, t));
  const Confusion at_suspicious = CountAt(scores, suspicious);
  const Confusion at_bec = CountAt(scores, engine.bec_threshold());

  if (options.json) {
    nlohmann::json out;
    auto tallies = [](const std::map<std::string, Tally>& m) {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& [k, t] : m) j[k] = {{"n", t.n}, {"flagged", t.flagged}, {"bec", t.bec}};
      return j;
    };
    out["labels"] = tallies(per_label);
    out["folders"] = tallies(per_folder);
    out["scenarios"] = tallies(per_scenario);
    out["finding_hits"] = finding_hits;
    out["errors"] = errors;
    out["confusion"] = {{"suspicious", ConfusionJson(at_suspicious)},
                        {"bec", ConfusionJson(at_bec)}};
    for (const Confusion& c : sweep) out["sweep"].push_back(ConfusionJson(c));
    if (options.per_message) out["messages"] = std::move(messages);
    std::cout << out.dump(2) << "\n";
    return errors > 0 ? kExitInputError : 0;
  }

  auto print = [&](const std::string& title, const std::map<std::string, Tally>& m) {
    std::cout << fmt::format("\n{:<44} {:>6} {:>9} {:>9}  {}\n", title, "n", ">=susp", ">=bec",
                             "meaning");
    for (const auto& [key, t] : m) {
      const std::string label = key.substr(0, key.find("  "));
      const bool negative = IsNegativeLabel(label);
      std::cout << fmt::format("{:<44} {:>6} {:>9} {:>9}  {}\n", key, t.n, Rate(t.flagged, t.n),
                               Rate(t.bec, t.n), negative ? "false-positive rate" : "recall");
    }
  };
  std::cout << fmt::format("labels: {}  (flagged = score >= {:.0f}, the suspicious threshold)\n",
                           labels_path, suspicious);
  print("by label", per_label);
  std::cout << "\nconfusion matrix (positive = every label not ham/legit):\n"
            << "  flagged at        TP      FN      FP      TN  precision  recall     FPR\n";
  for (const auto& [name, c] : {std::pair{"suspicious", at_suspicious}, std::pair{"bec", at_bec}}) {
    std::cout << fmt::format(
        "  {:<10} {:>4.0f} {:>5} {:>7} {:>7} {:>7}  {:>8.1f}%  {:>5.1f}%  {:>5.2f}%\n", name,
        c.threshold, c.tp, c.fn, c.fp, c.tn, 100 * c.Precision(), 100 * c.Recall(), 100 * c.Fpr());
  }
  print("by label and source folder", per_folder);
  if (per_scenario.size() > per_label.size()) print("by label and scenario", per_scenario);
  std::cout << "\nfinding hit rates by label:\n";
  for (const auto& [label, hits] : finding_hits) {
    std::vector<std::pair<std::size_t, std::string>> sorted;
    for (const auto& [id, n] : hits) sorted.emplace_back(n, id);
    std::sort(sorted.rbegin(), sorted.rend());
    std::cout << "  " << label << ":";
    for (const auto& [n, id] : sorted) {
      std::cout << " " << id << "=" << Rate(n, per_label[label].n);
    }
    std::cout << "\n";
  }
  std::cout << "\nthreshold sweep (positives = every label not ham/legit):\n"
               "  threshold  precision  recall    FPR\n";
  for (const Confusion& c : sweep) {
    std::cout << fmt::format("  {:>9.0f}  {:>8.1f}%  {:>5.1f}%  {:>5.2f}%\n", c.threshold,
                             100 * c.Precision(), 100 * c.Recall(), 100 * c.Fpr());
  }
  if (!misses.empty()) {
    std::cout << "\nmisclassified at the suspicious threshold (" << misses.size() << "):\n";
    std::size_t shown = 0;
    for (const std::string& m : misses) {
      if (++shown > 60) {
        std::cout << "  ...\n";
        break;
      }
      std::cout << "  " << m << "\n";
    }
  }
  if (errors > 0) std::cout << "\n" << errors << " files could not be scanned\n";
  return errors > 0 ? kExitInputError : 0;
}

}  // namespace becguard::cli
