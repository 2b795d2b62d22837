// domain.lookalike: a domain in the headers or links imitates an organisation/partner domain.
//
// Catches the lookalike domains registered for thread hijacks and CEO fraud: suffix folding
// (b-company.com.cc -> b-company-cc.com), rn/m, vv/w, digit for letter, added/removed letter or
// hyphen, TLD swap, IDN homoglyphs, the real domain as a subdomain label of another domain
// (matching itself is domain::LookalikeMatcher). Each registrable domain is reported once, at
// its most telling place: From / Sender / Reply-To / Return-Path / receipt headers (strength 1),
// To / Cc (0.8), links (0.6; 0.4 on mailing-list posts, where links go everywhere).
// Known false-positive shapes: a newsletter article linking to a lookalike it warns about
// (hence the low link strength); genuinely similar names of unrelated companies (the matcher's
// distance limits decide).
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct LookalikeDomainConfig {
  bool check_links = true;
  double recipient_strength = 0.8;
  double link_strength = 0.6;
  double list_link_strength = 0.4;
};

Result<LookalikeDomainConfig> ParseLookalikeDomainConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateLookalikeDomain(const toml::table& section);

}  // namespace becguard::detectors
