// Findings: what a detector observed, typed by FindingId and explained by Evidence.
//
// The FindingId list is the catalogue of everything becguard can say about a message.
// Its string form (FindingName) is for output and config only; code uses the enum.
// Weights do not live here: scoring/ maps ids to weights from the scores file.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace becguard {

enum class FindingId {
  // header.*
  kReplyToMismatch,
  kReturnPathMismatch,
  kReceiptToOther,
  kCcRewritten,
  // sender.*
  kDisplayNameSpoof,
  kFreemail,
  kFirstContact,
  // domain.*
  kLookalikeDomain,
  // content.*
  kPaymentChange,
  kWireTransfer,
  kUrgency,
  kSecrecy,
  kGiftCard,
  kAcquisition,
  kLegalCounsel,
  kAvailability,
  kPretext,
  kPaymentHold,
  kPayrollChange,
  // intel.*
  kIocMatch,
  kCampaignPattern,
  // html.*
  kTrackingBeacon,
  // thread.*
  kThreadHijack,
  kNearDuplicate,
  // payment.*
  kPaymentChanged,
  // message.*
  kLimitSkipped,
  // auth.*
  kAuthSpfFail,
  kAuthDkimFail,
  kAuthDmarcFail,
  kAuthUnaligned,
  kAuthNone,
  // style.*
  kStyleMismatch,
  // combo.* are produced by scoring composites and named in the scores file, not here.
  kComposite,
};

inline constexpr int kFindingIdCount = static_cast<int>(FindingId::kComposite) + 1;

// Group a finding belongs to; composites and caps are expressed over groups.
enum class FindingGroup {
  kHeader,     // header.*
  kSender,     // sender.*
  kDomain,     // domain.*
  kContent,    // content.*
  kIntel,      // intel.*
  kHtml,       // html.*
  kMessage,    // message.*
  kThread,     // thread.*
  kPayment,    // payment.*
  kAuth,       // auth.*
  kStyle,      // style.*
  kComposite,  // combo.*
};

inline constexpr int kFindingGroupCount = static_cast<int>(FindingGroup::kComposite) + 1;

struct FindingInfo {
  FindingId id;
  std::string_view name;  // stable output id, e.g. "header.reply_to_mismatch"
  FindingGroup group;
  std::string_view description;  // one line for people
};

std::span<const FindingInfo> FindingCatalog();
const FindingInfo& GetFindingInfo(FindingId id);
std::string_view FindingName(FindingId id);
std::optional<FindingId> FindingIdFromName(std::string_view name);
std::string_view FindingGroupName(FindingGroup group);
std::optional<FindingGroup> FindingGroupFromName(std::string_view name);

// Structured evidence: where it was seen, what was observed, what was expected.
struct Evidence {
  std::string field;     // "Reply-To", "From display name", "body", "link", ...
  std::string observed;  // the value seen (an address, a domain, a text span)
  std::string
      expected;        // what a genuine message would have (real domain, From domain); may be empty
  std::string detail;  // technique or explanation, e.g. "rn→m, distance 1"

  // One line for people: "Reply-To: x@mail.com (expected a@b.com; embeds the From address)".
  std::string ToString() const;
};

struct Finding {
  FindingId id;
  Evidence evidence;
  // Strength in [0, 1]; the scored weight is weight × strength. Detectors use it for graded
  // signals (lookalike distance, number of lexicon hits) instead of inventing new ids.
  double strength = 1.0;
  // For combo.* findings: the composite's configured name (without "combo.").
  std::string composite_name;
};

// Collects findings from detectors for one message. Not thread-safe; one per scan.
class FindingSink {
 public:
  void Add(FindingId id, Evidence evidence, double strength = 1.0) {
    findings_.push_back(Finding{id, std::move(evidence), strength, {}});
  }
  bool Has(FindingId id) const;
  const std::vector<Finding>& findings() const { return findings_; }
  std::vector<Finding> Take() { return std::move(findings_); }

 private:
  std::vector<Finding> findings_;
};

}  // namespace becguard
