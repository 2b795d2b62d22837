// IntelDb: known indicators of compromise (sender addresses, domains, IPs) from feed files, and
// the campaign sender-naming patterns of known BEC groups (data/intel/campaign_patterns.txt).
//
// Feed format, one indicator per line:   <type> <TAB> <value> <TAB> <source/comment>
// with type one of address | domain | ip. '#' comments.
// Campaign pattern format: <name> <TAB> <regex over the lower-case address> <TAB> <description>
// Immutable after Load; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "becguard/result.h"
#include "patterns/pattern_set.h"

namespace becguard::intel {

enum class IocType { kAddress, kDomain, kIp };

struct Ioc {
  IocType type;
  std::string value;   // lower-case
  std::string source;  // where it was published
};

struct CampaignMatch {
  std::string name;
  std::string description;
};

class IntelDb {
 public:
  static Result<IntelDb> Load(const std::vector<std::string>& ioc_files,
                              const std::string& campaign_patterns_file,
                              const std::string& cache_dir = "");
  static Result<IntelDb> FromText(std::string_view iocs, std::string_view campaign_patterns);

  const Ioc* FindAddress(std::string_view address) const;
  // Matches the domain or any parent domain of it.
  const Ioc* FindDomain(std::string_view domain) const;
  const Ioc* FindIp(std::string_view ip) const;
  std::optional<CampaignMatch> MatchCampaign(std::string_view address) const;

  std::size_t ioc_count() const { return iocs_.size(); }

 private:
  IntelDb(std::vector<Ioc> iocs, patterns::PatternSet campaigns,
          std::vector<std::string> descriptions);
  const Ioc* Find(IocType type, std::string_view value) const;
  std::vector<Ioc> iocs_;
  std::unordered_map<std::string, std::size_t> index_;  // "<type>:<value>" -> iocs_ index
  patterns::PatternSet campaigns_;
  std::vector<std::string> campaign_descriptions_;
};

}  // namespace becguard::intel
