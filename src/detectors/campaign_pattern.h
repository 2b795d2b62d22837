// intel.campaign_pattern: a sender address shaped like a known BEC campaign's senders
// (data/intel/campaign_patterns.txt).
//
// Catches the CEO-fraud campaigns whose throw-away senders follow a naming scheme rather than a
// fixed list: an infrastructure word joined to a planet or star name at a "secure mail" domain
// (secure-jupiter@secure-mx-provider.cc, tls-callisto@mx-secure-relay.com), or a role mailbox
// at a domain mixing intern/mobile/365/dmarc words with digits (board@intern-081mobile.com).
// Looks at From, Reply-To, Sender and Return-Path, and at addresses written inside the From
// display name ("CEO <ceo@real.co.jp> secured by [mailto:relay@365-offices.com]"). One finding
// per matching address, strength 1.
//
// Known false-positive shapes: a company whose real domain happens to read like the scheme
// (relay@mail-server-365.example); patterns require the whole combination, never a role word or
// a planet name alone, so board@acme.org or mars@mars.com stay quiet.
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct CampaignPatternConfig {
  // Also test addresses written inside the From display name.
  bool check_display_name = true;
};

Result<CampaignPatternConfig> ParseCampaignPatternConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateCampaignPattern(const toml::table& section);

}  // namespace becguard::detectors
