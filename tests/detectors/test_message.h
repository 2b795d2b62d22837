// Shared fixtures for detector tests: hand-built ParsedMessage pieces and a fictional
// organisation ("Larkspur Tech") with real OrgDirectory / LookalikeMatcher / DomainList /
// IntelDb instances behind a DetectorContext. Not thread-safe; one per test.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "becguard/config.h"
#include "becguard/finding.h"
#include "becguard/message.h"
#include "context/org_directory.h"
#include "detectors/detector.h"
#include "domain/domain_tools.h"
#include "intel/intel_db.h"
#include "patterns/lexicon.h"
#include "text/normalize.h"

namespace becguard::detectors::testing {

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// An Address as the parser would produce it.
inline Address Addr(std::string_view display_name, std::string_view address) {
  Address a;
  a.display_name = std::string(display_name);
  a.normalized_display_name = text::Normalize(display_name);
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return a;
  a.local_part = std::string(address.substr(0, at));
  a.domain = Lower(address.substr(at + 1));
  a.address = Lower(address);
  a.registrable_domain = domain::RegistrableDomain(a.domain);
  return a;
}

inline Address Addr(std::string_view address) { return Addr("", address); }

inline ParsedMessage MessageFrom(const Address& from) {
  ParsedMessage m;
  m.from.push_back(from);
  return m;
}

inline void AddHeader(ParsedMessage& m, std::string name, std::string value) {
  m.headers.push_back(Header{std::move(name), std::move(value)});
}

inline patterns::IntentHits Intents(std::initializer_list<patterns::Intent> intents) {
  patterns::IntentHits hits;
  for (patterns::Intent intent : intents) {
    hits.Add(patterns::IntentHit{intent, "test/" + std::string(patterns::IntentName(intent)), false,
                                 "excerpt"});
  }
  return hits;
}

inline Person MakePerson(std::string name, std::vector<std::string> addresses, bool vip,
                         std::string role = {}, std::vector<std::string> aliases = {}) {
  Person p;
  p.name = std::move(name);
  p.addresses = std::move(addresses);
  p.vip = vip;
  p.role = std::move(role);
  p.aliases = std::move(aliases);
  return p;
}

// The fictional world all detector tests share.
//   organisation: larkspurtech.com + larkspurtech.co.uk (UK subsidiary)
//   partners:     quillmarine.com.au, oberhaus-chemie.de
// Features of a message without payment details or fingerprint.
inline const MessageFeatures& NoFeatures() {
  static const MessageFeatures kNone;
  return kNone;
}

class World {
 public:
  World()
      : org_(OrgConfig(), PartnerConfig()),
        lookalikes_(org_.protected_domains()),
        freemail_(domain::DomainList::FromDomains(
            {"gmail.com", "outlook.com", "mail.com", "yahoo.co.jp", "outlook.jp"})),
        esp_(domain::DomainList::FromDomains({"sendgrid.net", "amazonses.com", "mcsv.net"})),
        intel_(std::move(*intel::IntelDb::FromText("", ""))) {}

  DetectorContext Context(const ParsedMessage& m, const patterns::IntentHits& hits) const {
    return DetectorContext{m, hits, org_, lookalikes_, freemail_, esp_, intel_, NoFeatures()};
  }

  // For the learned-context detectors: the store's snapshot (nullptr: no store) and features.
  DetectorContext Context(const ParsedMessage& m, const patterns::IntentHits& hits,
                          const MessageFeatures& features,
                          const context::LearnedContext* learned) const {
    return DetectorContext{m, hits, org_, lookalikes_, freemail_, esp_, intel_, features, learned};
  }

  std::vector<Finding> RunLearned(const Detector& detector, const ParsedMessage& m,
                                  const context::LearnedContext* learned,
                                  const MessageFeatures& features = NoFeatures()) const {
    const patterns::IntentHits hits;
    FindingSink sink;
    detector.Inspect(Context(m, hits, features, learned), sink);
    return sink.Take();
  }

  std::vector<Finding> Run(const Detector& detector, const ParsedMessage& m,
                           const patterns::IntentHits& hits = {}) const {
    FindingSink sink;
    detector.Inspect(Context(m, hits), sink);
    return sink.Take();
  }

  const context::OrgDirectory& org() const { return org_; }
  const domain::LookalikeMatcher& lookalikes() const { return lookalikes_; }

 private:
  static OrganizationConfig OrgConfig() {
    OrganizationConfig org;
    org.domains = {"larkspurtech.com", "larkspurtech.co.uk"};
    org.people = {
        MakePerson("Cordelia Ashgrove", {"cordelia.ashgrove@larkspurtech.com"}, true, "CEO"),
        MakePerson("Bartholomew Finch", {"bart.finch@larkspurtech.com"}, true, "CFO"),
        MakePerson("村瀬 俊介", {"s.murase@larkspurtech.com"}, true, "代表取締役",
                   {"村瀬社長", "Shunsuke Murase"}),
        MakePerson("Imogen Tull", {"imogen.tull@larkspurtech.com", "ap@larkspurtech.com"}, false),
        MakePerson("Rufus Penhaligon", {"rufus.penhaligon@larkspurtech.co.uk"}, false),
    };
    return org;
  }

  static PartnersConfig PartnerConfig() {
    PartnersConfig partners;
    partners.domains = {"quillmarine.com.au", "oberhaus-chemie.de"};
    partners.people = {
        MakePerson("Wendell Okoro", {}, false),
        MakePerson("Greta Lindqvist", {"greta.lindqvist@oberhaus-chemie.de"}, false),
    };
    return partners;
  }

  context::OrgDirectory org_;
  domain::LookalikeMatcher lookalikes_;
  domain::DomainList freemail_;
  domain::DomainList esp_;
  intel::IntelDb intel_;
};

inline std::unique_ptr<Detector> Build(Result<std::unique_ptr<Detector>> built) {
  EXPECT_TRUE(built.has_value()) << (built ? "" : built.error().ToString());
  return built ? std::move(*built) : nullptr;
}

inline std::optional<Finding> Only(const std::vector<Finding>& findings) {
  EXPECT_EQ(findings.size(), 1u);
  if (findings.size() != 1) return std::nullopt;
  return findings.front();
}

inline toml::table ParseToml(std::string_view text) { return toml::parse(text); }

}  // namespace becguard::detectors::testing
