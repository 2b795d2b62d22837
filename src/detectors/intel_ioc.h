// intel.ioc: a sender address, domain, link host or relay IP that a published report names as
// an indicator of compromise (data/intel/iocs.txt and the configured ioc_files).
//
// Catches repeat senders of known campaigns, e.g. the CEO-fraud mailbox ejbjebduffy@optimum.net
// sending from 155.94.251.82, and the campaign domains of PRODUCT.md §1. Checks From, Reply-To,
// Sender and Return-Path (address, then domain or any parent domain), the receipt/notification
// headers (Return-Receipt-To, Disposition-Notification-To, Errors-To), link hosts, and the client
// IPs of the Received chain. One finding per distinct indicator, strength 1.
//
// Known false-positive shapes: a stale indicator (a reused IP, a domain re-registered by an
// honest owner) and a security newsletter linking to an indicator domain. Feeds should carry
// their source, which the evidence shows, so an analyst can judge the age of an indicator.
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct IntelIocConfig {
  bool check_links = true;         // link hosts in the body
  bool check_received_ips = true;  // client IPs of the Received chain
};

Result<IntelIocConfig> ParseIntelIocConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateIntelIoc(const toml::table& section);

}  // namespace becguard::detectors
