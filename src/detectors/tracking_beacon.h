// html.tracking_beacon: an open-tracking pixel in mail that is not marketing.
//
// Catches CEO-fraud and thread-hijack mail that carries an ESP open beacon (e.g. SendGrid's
// /wf/open) so the attacker learns the lure was opened. Beacons are remote images that are
// 1x1 / 0x0 / hidden, or whose URL matches a known open-tracking shape (SendGrid, Mailchimp,
// Amazon SES, HubSpot, Mailgun, Postmark, sales trackers, generic open/pixel/beacon URLs).
// Strength 1 with executive or financial context in mail that is not bulk/marketing, 0.3 alone,
// 0.1 in bulk or marketing mail (newsletters and ESP transactional mail track opens routinely).
// Known false-positive shapes: newsletters and order notices (low strength); old HTML table
// layouts with many 1-pixel spacer images (more than three size-only images are taken for
// layout and ignored; a lone spacer still counts).
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct TrackingBeaconConfig {
  double alone_strength = 0.3;
  double bulk_strength = 0.1;
  double context_strength = 1.0;
};

Result<TrackingBeaconConfig> ParseTrackingBeaconConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateTrackingBeacon(const toml::table& section);

}  // namespace becguard::detectors
