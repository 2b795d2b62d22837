#include "detectors/tracking_beacon.h"

#include <algorithm>
#include <string>

#include "detectors/config_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"

namespace becguard::detectors {
namespace {

using patterns::Intent;

// Known open-tracking URL shapes on the lower-case src: the host contains `host`, and the path
// (with query) contains `path`; empty parts always hold. Generic words are matched in the path
// only, so a company called "Beacon" does not turn its logo into a beacon.
struct TrackerShape {
  std::string_view host;
  std::string_view path;
  std::string_view name;
};

constexpr TrackerShape kTrackers[] = {
    {"", "/wf/open", "SendGrid open tracking"},
    {"list-manage.com", "/track/open", "Mailchimp open tracking"},
    {"awstrack.me", "", "Amazon SES open tracking"},
    {"track.hubspot", "", "HubSpot open tracking"},
    {"hubspot", "/e2t/o/", "HubSpot open tracking"},
    {"mailgun", "/o/", "Mailgun open tracking"},
    {"pmtrk", "", "Postmark open tracking"},
    {"", "pmtrk", "Postmark open tracking"},
    {"mailtrack.io", "", "Mailtrack sales tracking"},
    {"yesware", "", "Yesware sales tracking"},
    {"sidekickopen", "", "HubSpot Sales tracking"},
    {"", "/track/open", "open-tracking URL"},
    {"", "open.aspx", "open-tracking URL"},
    {"", "/open?", "open-tracking URL"},
    {"", "/open.php", "open-tracking URL"},
    {"", "pixel.gif", "tracking pixel URL"},
    {"", "beacon", "tracking beacon URL"},
};

std::string_view PathOf(std::string_view url) {
  const auto scheme = url.find("://");
  const auto start = scheme == std::string_view::npos ? 0 : scheme + 3;
  const auto slash = url.find_first_of("/?", start);
  return slash == std::string_view::npos ? std::string_view() : url.substr(slash);
}

std::string_view TrackerName(const Image& image) {
  const std::string url = AsciiLower(image.src);
  const std::string_view path = PathOf(url);
  for (const TrackerShape& t : kTrackers) {
    if (!t.host.empty() && image.host.find(t.host) == std::string::npos) continue;
    if (!t.path.empty() && path.find(t.path) == std::string_view::npos) continue;
    return t.name;
  }
  return {};
}

bool IsTiny(const Image& image) {
  const bool w = image.width >= 0 && image.width <= 1;
  const bool h = image.height >= 0 && image.height <= 1;
  return (w && h) || (w && image.height < 0) || (h && image.width < 0);
}

struct BeaconTraits {
  std::string text;  // "1x1 image, SendGrid open tracking"; empty for an ordinary image
  bool known_tracker = false;
};

// What makes this image a beacon.
BeaconTraits Traits(const Image& image) {
  BeaconTraits traits;
  if (image.host.empty()) return traits;  // cid: and data: images are not fetched from anywhere
  auto add = [&traits](std::string_view t) {
    if (!traits.text.empty()) traits.text += ", ";
    traits.text += t;
  };
  if (IsTiny(image)) {
    add(std::to_string(std::max(image.width, 0)) + "x" + std::to_string(std::max(image.height, 0)) +
        " image");
  }
  if (image.hidden) add("hidden image");
  if (std::string_view name = TrackerName(image); !name.empty()) {
    add(name);
    traits.known_tracker = true;
  }
  return traits;
}

// Old table layouts use dozens of 1-pixel spacer images; a beacon is one image.
constexpr int kMaxSizeOnlyBeacons = 3;

class TrackingBeacon final : public Detector {
 public:
  explicit TrackingBeacon(TrackingBeaconConfig config) : config_(config) {}

  std::string_view name() const override { return "tracking_beacon"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const Image* first = nullptr;
    std::string traits;
    int count = 0;
    int size_only = 0;
    for (const Image& image : context.message.images) {
      if (BeaconTraits t = Traits(image); !t.text.empty() && !t.known_tracker) ++size_only;
    }
    const bool layout_spacers = size_only > kMaxSizeOnlyBeacons;
    for (const Image& image : context.message.images) {
      BeaconTraits t = Traits(image);
      if (t.text.empty() || (layout_spacers && !t.known_tracker)) continue;
      if (first == nullptr) {
        first = &image;
        traits = std::move(t.text);
      }
      ++count;
    }
    if (first == nullptr) return;

    const patterns::IntentHits& intents = context.intents;
    const bool marketing =
        IsBulkMail(context.message, context.esp) || intents.Has(Intent::kMarketingContext);
    bool business = intents.Has(Intent::kExecutiveContext);
    for (Intent i :
         {Intent::kPaymentChange, Intent::kWireTransfer, Intent::kGiftCard, Intent::kAcquisition,
          Intent::kPaymentHold, Intent::kPayrollChange, Intent::kFinancialContext}) {
      business = business || intents.Has(i);
    }
    double strength = config_.alone_strength;
    std::string detail = traits;
    if (marketing) {
      strength = config_.bulk_strength;
      detail += "; bulk or marketing mail";
    } else if (business) {
      strength = config_.context_strength;
      detail += "; in non-marketing mail with executive or financial content";
    }
    if (count > 1) detail += "; " + std::to_string(count) + " tracking images";
    std::string observed = first->src.size() > 160 ? first->src.substr(0, 160) + "..." : first->src;
    sink.Add(FindingId::kTrackingBeacon, Evidence{"image", std::move(observed), {}, detail},
             strength);
  }

 private:
  TrackingBeaconConfig config_;
};

}  // namespace

Result<TrackingBeaconConfig> ParseTrackingBeaconConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.tracking_beacon]";
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere, {"alone_strength", "bulk_strength", "context_strength"}));
  TrackingBeaconConfig config;
  for (auto [key, field] : {std::pair{"alone_strength", &config.alone_strength},
                            std::pair{"bulk_strength", &config.bulk_strength},
                            std::pair{"context_strength", &config.context_strength}}) {
    auto value = ReadStrength(section, kWhere, key, *field);
    if (!value) return tl::unexpected(value.error());
    *field = *value;
  }
  return config;
}

Result<std::unique_ptr<Detector>> CreateTrackingBeacon(const toml::table& section) {
  auto config = ParseTrackingBeaconConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<TrackingBeacon>(*config));
}

}  // namespace becguard::detectors
