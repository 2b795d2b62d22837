#include "scoring/scorer.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace becguard::scoring {
namespace {

Result<double> NumberAt(const toml::node& node, std::string_view where) {
  if (auto v = node.value<double>()) return *v;
  return MakeError(ErrorCode::kInvalidArgument,
                   "scores: " + std::string(where) + " must be a number");
}

Result<std::vector<std::string>> StringsAt(const toml::node* node, std::string_view where) {
  std::vector<std::string> out;
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "scores: " + std::string(where) + " must be an array of strings");
  }
  for (const toml::node& item : *array) {
    auto s = item.value<std::string>();
    if (!s) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "scores: " + std::string(where) + " must be an array of strings");
    }
    out.push_back(*s);
  }
  return out;
}

}  // namespace

Result<Scorer::Term> Scorer::ParseTerm(std::string_view text) {
  Term term;
  if (text.starts_with("group:")) {
    auto group = FindingGroupFromName(text.substr(6));
    if (!group) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "scores: unknown group in '" + std::string(text) + "'");
    }
    term.is_group = true;
    term.group = *group;
    return term;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t bar = text.find('|', start);
    if (bar == std::string_view::npos) bar = text.size();
    std::string_view name = text.substr(start, bar - start);
    auto id = FindingIdFromName(name);
    if (!id || *id == FindingId::kComposite) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "scores: unknown finding '" + std::string(name) + "' in a composite");
    }
    term.any_of.push_back(*id);
    start = bar + 1;
  }
  return term;
}

Result<Scorer::Composite> Scorer::ParseComposite(const toml::table& table) {
  Composite composite;
  for (const auto& [key, value] : table) {
    std::string_view k = key.str();
    if (k != "name" && k != "description" && k != "all" && k != "none" && k != "weight") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "scores: unknown key '" + std::string(k) + "' in a composite");
    }
  }
  composite.name = table["name"].value_or(std::string());
  composite.description = table["description"].value_or(std::string());
  if (composite.name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "scores: a composite needs a name");
  }
  const toml::node* weight_node = table.get("weight");
  if (weight_node == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "scores: composite '" + composite.name + "' needs a weight");
  }
  auto weight = NumberAt(*weight_node, "composite weight");
  if (!weight) return tl::unexpected(weight.error());
  composite.weight = *weight;
  for (auto [field, terms] :
       {std::pair{"all", &composite.all}, std::pair{"none", &composite.none}}) {
    auto strings =
        StringsAt(table.get(field), std::string("composite ") + composite.name + "." + field);
    if (!strings) return tl::unexpected(strings.error());
    for (const std::string& s : *strings) {
      auto term = ParseTerm(s);
      if (!term) return tl::unexpected(term.error());
      terms->push_back(std::move(*term));
    }
  }
  if (composite.all.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "scores: composite '" + composite.name + "' needs an 'all' list");
  }
  return composite;
}

Result<void> Scorer::Apply(const toml::table& table, bool is_override) {
  for (const auto& [key, value] : table) {
    std::string_view k = key.str();
    if (k != "thresholds" && k != "weights" && k != "groups" && k != "composites") {
      return MakeError(ErrorCode::kInvalidArgument, "scores: unknown key '" + std::string(k) + "'");
    }
  }
  if (const toml::table* thresholds = table["thresholds"].as_table()) {
    for (const auto& [key, value] : *thresholds) {
      auto number = NumberAt(value, "thresholds." + std::string(key.str()));
      if (!number) return tl::unexpected(number.error());
      if (key.str() == "suspicious") {
        suspicious_ = *number;
      } else if (key.str() == "bec") {
        bec_ = *number;
      } else {
        return MakeError(ErrorCode::kInvalidArgument,
                         "scores: unknown threshold '" + std::string(key.str()) + "'");
      }
    }
  }
  if (const toml::table* weights = table["weights"].as_table()) {
    for (const auto& [key, value] : *weights) {
      auto id = FindingIdFromName(key.str());
      if (!id || *id == FindingId::kComposite) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "scores: weight for unknown finding '" + std::string(key.str()) + "'");
      }
      auto number = NumberAt(value, "weights." + std::string(key.str()));
      if (!number) return tl::unexpected(number.error());
      weights_[static_cast<int>(*id)] = *number;
      has_weight_[static_cast<int>(*id)] = true;
    }
  }
  if (const toml::table* groups = table["groups"].as_table()) {
    for (const auto& [key, value] : *groups) {
      auto group = FindingGroupFromName(key.str());
      const toml::table* body = value.as_table();
      if (!group || body == nullptr) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "scores: unknown group '" + std::string(key.str()) + "'");
      }
      for (const auto& [gk, gv] : *body) {
        if (gk.str() != "max") {
          return MakeError(ErrorCode::kInvalidArgument,
                           "scores: unknown key '" + std::string(gk.str()) + "' in group");
        }
        auto number = NumberAt(gv, "groups." + std::string(key.str()) + ".max");
        if (!number) return tl::unexpected(number.error());
        group_max_[static_cast<int>(*group)] = *number;
      }
    }
  }
  if (const toml::node* node = table.get("composites")) {
    const toml::array* array = node->as_array();
    if (array == nullptr) {
      return MakeError(ErrorCode::kInvalidArgument, "scores: composites must be [[composites]]");
    }
    for (const toml::node& item : *array) {
      const toml::table* body = item.as_table();
      if (body == nullptr) {
        return MakeError(ErrorCode::kInvalidArgument, "scores: composites must be [[composites]]");
      }
      auto composite = ParseComposite(*body);
      if (!composite) return tl::unexpected(composite.error());
      auto same = std::find_if(composites_.begin(), composites_.end(),
                               [&](const Composite& c) { return c.name == composite->name; });
      if (same != composites_.end() && is_override) {
        *same = std::move(*composite);
      } else if (same != composites_.end()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "scores: composite '" + composite->name + "' defined twice");
      } else {
        composites_.push_back(std::move(*composite));
      }
    }
  }
  return {};
}

Result<Scorer> Scorer::FromToml(const toml::table& base, const toml::table& overrides) {
  Scorer scorer;
  BECGUARD_RETURN_IF_ERROR(scorer.Apply(base, false));
  BECGUARD_RETURN_IF_ERROR(scorer.Apply(overrides, true));
  for (const FindingInfo& info : FindingCatalog()) {
    if (info.id != FindingId::kComposite && !scorer.has_weight_[static_cast<int>(info.id)]) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "scores: no weight for '" + std::string(info.name) + "'");
    }
  }
  if (!(scorer.suspicious_ > 0 && scorer.suspicious_ < scorer.bec_ && scorer.bec_ <= 100)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "scores: thresholds must satisfy 0 < suspicious < bec <= 100");
  }
  return scorer;
}

ScoringOutcome Scorer::Score(std::vector<Finding> findings) const {
  // One finding per id: the strongest (the others stay as evidence with weight 0).
  std::array<int, kFindingIdCount> best{};
  best.fill(-1);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    int id = static_cast<int>(findings[i].id);
    if (best[id] < 0 || findings[i].strength > findings[best[id]].strength) {
      best[id] = static_cast<int>(i);
    }
  }

  ScoringOutcome outcome;
  std::array<double, kFindingGroupCount> group_points{};
  std::array<bool, kFindingGroupCount> group_present{};
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& finding = findings[i];
    int id = static_cast<int>(finding.id);
    const int group = static_cast<int>(GetFindingInfo(finding.id).group);
    double points = 0;
    if (best[id] == static_cast<int>(i)) {
      points = weights_[id] * std::clamp(finding.strength, 0.0, 1.0);
      const double cap = group_max_[group];
      if (cap > 0 && points > 0)
        points = std::min(points, std::max(0.0, cap - group_points[group]));
      group_points[group] += points;
    }
    group_present[group] = true;
    outcome.findings.push_back(ScoredFinding{finding, points});
  }

  auto holds = [&](const Term& term) {
    if (term.is_group) return group_present[static_cast<int>(term.group)];
    return std::any_of(term.any_of.begin(), term.any_of.end(),
                       [&](FindingId id) { return best[static_cast<int>(id)] >= 0; });
  };
  for (const Composite& composite : composites_) {
    if (!std::all_of(composite.all.begin(), composite.all.end(), holds)) continue;
    if (std::any_of(composite.none.begin(), composite.none.end(), holds)) continue;
    Finding finding{FindingId::kComposite, Evidence{"combination", "", "", composite.description},
                    1.0, composite.name};
    outcome.findings.push_back(ScoredFinding{std::move(finding), composite.weight});
  }

  double total = 0;
  for (const ScoredFinding& f : outcome.findings) total += f.weight;
  outcome.score = static_cast<int>(std::lround(std::clamp(total, 0.0, 100.0)));
  outcome.verdict = outcome.score >= bec_          ? Verdict::kBec
                    : outcome.score >= suspicious_ ? Verdict::kSuspicious
                                                   : Verdict::kClean;
  std::stable_sort(
      outcome.findings.begin(), outcome.findings.end(),
      [](const ScoredFinding& a, const ScoredFinding& b) { return a.weight > b.weight; });
  return outcome;
}

}  // namespace becguard::scoring
