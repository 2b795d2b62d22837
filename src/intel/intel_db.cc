#include "intel/intel_db.h"
#include "core/ascii.h"

#include <arpa/inet.h>

#include <fstream>
#include <sstream>
#include <utility>

namespace becguard::intel {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits a data line on TABs into at most `max_fields` fields (the last keeps any further TABs).
std::vector<std::string_view> SplitTabs(std::string_view line, std::size_t max_fields) {
  std::vector<std::string_view> fields;
  while (fields.size() + 1 < max_fields) {
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) break;
    fields.push_back(Trim(line.substr(0, tab)));
    line.remove_prefix(tab + 1);
  }
  fields.push_back(Trim(line));
  return fields;
}

// Calls `on_line(line, "origin:N")` for every non-blank, non-comment line.
template <typename OnLine>
Result<void> ForEachDataLine(std::string_view text, const std::string& origin, OnLine on_line) {
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    BECGUARD_RETURN_IF_ERROR(on_line(line, origin + ":" + std::to_string(number)));
  }
  return {};
}

// Canonical text form of an IPv4 or IPv6 address ("2001:DB8::0:1" -> "2001:db8::1"), or "" when
// the text is not an IP literal. Brackets and an IPv6 "IPv6:" prefix (as in Received) are
// accepted.
std::string CanonicalIp(std::string_view text) {
  std::string ip = AsciiLower(Trim(text));
  if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  if (ip.rfind("ipv6:", 0) == 0) ip = ip.substr(5);
  unsigned char buffer[sizeof(struct in6_addr)];
  char out[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, ip.c_str(), buffer) == 1) {
    return inet_ntop(AF_INET, buffer, out, sizeof(out)) != nullptr ? out : "";
  }
  if (inet_pton(AF_INET6, ip.c_str(), buffer) == 1) {
    return inet_ntop(AF_INET6, buffer, out, sizeof(out)) != nullptr ? out : "";
  }
  return "";
}

std::string CanonicalDomain(std::string_view text) {
  std::string domain = AsciiLower(Trim(text));
  while (!domain.empty() && domain.back() == '.') domain.pop_back();
  return domain;
}

Result<void> ParseIocs(std::string_view text, const std::string& origin, std::vector<Ioc>& iocs) {
  return ForEachDataLine(
      text, origin, [&](std::string_view line, const std::string& where) -> Result<void> {
        std::vector<std::string_view> fields = SplitTabs(line, 3);
        if (fields.size() < 2 || fields[1].empty()) {
          return MakeError(ErrorCode::kInvalidArgument,
                           where + ": expected <type> TAB <value> TAB <source>");
        }
        Ioc ioc;
        ioc.source = fields.size() > 2 ? std::string(fields[2]) : std::string();
        const std::string type = AsciiLower(fields[0]);
        if (type == "address") {
          ioc.type = IocType::kAddress;
          ioc.value = AsciiLower(fields[1]);
          std::size_t at = ioc.value.rfind('@');
          if (at == std::string::npos || at == 0 || at + 1 == ioc.value.size()) {
            return MakeError(ErrorCode::kInvalidArgument,
                             where + ": '" + std::string(fields[1]) + "' is not an address");
          }
        } else if (type == "domain") {
          ioc.type = IocType::kDomain;
          ioc.value = CanonicalDomain(fields[1]);
          if (ioc.value.empty() || ioc.value.find_first_of("@ /") != std::string::npos) {
            return MakeError(ErrorCode::kInvalidArgument,
                             where + ": '" + std::string(fields[1]) + "' is not a domain");
          }
        } else if (type == "ip") {
          ioc.type = IocType::kIp;
          ioc.value = CanonicalIp(fields[1]);
          if (ioc.value.empty()) {
            return MakeError(ErrorCode::kInvalidArgument,
                             where + ": '" + std::string(fields[1]) + "' is not an IP address");
          }
        } else {
          return MakeError(ErrorCode::kInvalidArgument, where + ": unknown indicator type '" +
                                                            std::string(fields[0]) +
                                                            "' (address | domain | ip)");
        }
        iocs.push_back(std::move(ioc));
        return {};
      });
}

Result<void> ParseCampaigns(std::string_view text, const std::string& origin,
                            std::vector<patterns::PatternSpec>& specs,
                            std::vector<std::string>& descriptions) {
  return ForEachDataLine(
      text, origin, [&](std::string_view line, const std::string& where) -> Result<void> {
        std::vector<std::string_view> fields = SplitTabs(line, 3);
        if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
          return MakeError(ErrorCode::kInvalidArgument,
                           where + ": expected <name> TAB <regex> TAB <description>");
        }
        // Anchored here, so a pattern can never match a fragment of an innocent address.
        specs.push_back(patterns::PatternSpec{std::string(fields[0]),
                                              "^(?:" + std::string(fields[1]) + ")$",
                                              static_cast<int>(specs.size())});
        descriptions.push_back(fields.size() > 2 ? std::string(fields[2]) : std::string());
        return {};
      });
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open intel file");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string_view TypeKey(IocType type) {
  switch (type) {
    case IocType::kAddress:
      return "address:";
    case IocType::kDomain:
      return "domain:";
    case IocType::kIp:
      return "ip:";
  }
  return "?:";
}

Result<patterns::PatternSet> CompileCampaigns(std::vector<patterns::PatternSpec> specs,
                                              const std::string& cache_dir = "") {
  auto set = patterns::PatternSet::Compile(std::move(specs), cache_dir);
  if (!set) {
    return MakeError(set.error().code(), "campaign patterns: " + set.error().message());
  }
  return set;
}

}  // namespace

IntelDb::IntelDb(std::vector<Ioc> iocs, patterns::PatternSet campaigns,
                 std::vector<std::string> descriptions)
    : iocs_(std::move(iocs)),
      campaigns_(std::move(campaigns)),
      campaign_descriptions_(std::move(descriptions)) {
  for (std::size_t i = 0; i < iocs_.size(); ++i) {
    // The first listing of an indicator wins; later duplicates only repeat it.
    index_.emplace(std::string(TypeKey(iocs_[i].type)) + iocs_[i].value, i);
  }
}

Result<IntelDb> IntelDb::FromText(std::string_view iocs, std::string_view campaign_patterns) {
  std::vector<Ioc> parsed;
  BECGUARD_RETURN_IF_ERROR(ParseIocs(iocs, "iocs", parsed));
  std::vector<patterns::PatternSpec> specs;
  std::vector<std::string> descriptions;
  BECGUARD_RETURN_IF_ERROR(
      ParseCampaigns(campaign_patterns, "campaign patterns", specs, descriptions));
  auto set = CompileCampaigns(std::move(specs));
  if (!set) return tl::unexpected(set.error());
  return IntelDb(std::move(parsed), std::move(*set), std::move(descriptions));
}

Result<IntelDb> IntelDb::Load(const std::vector<std::string>& ioc_files,
                              const std::string& campaign_patterns_file,
                              const std::string& cache_dir) {
  std::vector<Ioc> parsed;
  for (const std::string& file : ioc_files) {
    auto text = ReadFile(file);
    if (!text) return tl::unexpected(text.error());
    BECGUARD_RETURN_IF_ERROR(ParseIocs(*text, file, parsed));
  }
  std::vector<patterns::PatternSpec> specs;
  std::vector<std::string> descriptions;
  if (!campaign_patterns_file.empty()) {
    auto text = ReadFile(campaign_patterns_file);
    if (!text) return tl::unexpected(text.error());
    BECGUARD_RETURN_IF_ERROR(ParseCampaigns(*text, campaign_patterns_file, specs, descriptions));
  }
  auto set = CompileCampaigns(std::move(specs), cache_dir);
  if (!set) return tl::unexpected(set.error());
  return IntelDb(std::move(parsed), std::move(*set), std::move(descriptions));
}

const Ioc* IntelDb::Find(IocType type, std::string_view value) const {
  if (value.empty()) return nullptr;
  auto it = index_.find(std::string(TypeKey(type)) + std::string(value));
  return it == index_.end() ? nullptr : &iocs_[it->second];
}

const Ioc* IntelDb::FindAddress(std::string_view address) const {
  return Find(IocType::kAddress, AsciiLower(Trim(address)));
}

const Ioc* IntelDb::FindDomain(std::string_view domain) const {
  std::string name = CanonicalDomain(domain);
  std::string_view rest = name;
  while (!rest.empty()) {
    if (const Ioc* ioc = Find(IocType::kDomain, rest)) return ioc;
    std::size_t dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return nullptr;
}

const Ioc* IntelDb::FindIp(std::string_view ip) const {
  return Find(IocType::kIp, CanonicalIp(ip));
}

std::optional<CampaignMatch> IntelDb::MatchCampaign(std::string_view address) const {
  const std::string lower = AsciiLower(Trim(address));
  if (lower.empty()) return std::nullopt;
  std::vector<patterns::PatternMatch> matches = campaigns_.Scan(lower);
  if (matches.empty()) return std::nullopt;
  const std::size_t index = matches.front().pattern_index;
  return CampaignMatch{campaigns_.spec(index).name, campaign_descriptions_[index]};
}

}  // namespace becguard::intel
