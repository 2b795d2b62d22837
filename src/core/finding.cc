#include "becguard/finding.h"

#include <array>

namespace becguard {
namespace {

using G = FindingGroup;

// The catalogue. Order must follow the FindingId enum (checked by tests/core/finding_test.cc).
constexpr std::array<FindingInfo, kFindingIdCount> kCatalog{{
    {FindingId::kReplyToMismatch, "header.reply_to_mismatch", G::kHeader,
     "Reply-To leads to another domain than From (free-mail, lookalike, or embedding the "
     "From address)"},
    {FindingId::kReturnPathMismatch, "header.return_path_mismatch", G::kHeader,
     "Return-Path (envelope sender) unrelated to the From domain, so bounces avoid the real "
     "sender"},
    {FindingId::kReceiptToOther, "header.receipt_to_other", G::kHeader,
     "Return-Receipt-To / Disposition-Notification-To / Errors-To point to another domain"},
    {FindingId::kCcRewritten, "header.cc_rewritten", G::kHeader,
     "a To/Cc entry carries a known person's name on an address that is not theirs"},
    {FindingId::kDisplayNameSpoof, "sender.display_name_spoof", G::kSender,
     "the From display name hides another address, a 'secured by' trick, a VIP's name on a "
     "foreign address, or invisible/bidi characters"},
    {FindingId::kFreemail, "sender.freemail", G::kSender,
     "business or executive request from a consumer mailbox"},
    {FindingId::kFirstContact, "sender.first_contact", G::kSender,
     "the sender address or domain was never seen in the organisation's mail before"},
    {FindingId::kLookalikeDomain, "domain.lookalike", G::kDomain,
     "a domain in the headers or links imitates an organisation or partner domain"},
    {FindingId::kPaymentChange, "content.payment_change", G::kContent,
     "asks to change bank account or payment details"},
    {FindingId::kWireTransfer, "content.wire_transfer", G::kContent,
     "asks for a wire / bank transfer"},
    {FindingId::kUrgency, "content.urgency", G::kContent, "pressure of time"},
    {FindingId::kSecrecy, "content.secrecy", G::kContent,
     "asks for confidentiality or to keep others out"},
    {FindingId::kGiftCard, "content.gift_card", G::kContent,
     "asks to buy gift cards or send their codes"},
    {FindingId::kAcquisition, "content.acquisition", G::kContent,
     "confidential acquisition / M&A pretext"},
    {FindingId::kLegalCounsel, "content.legal_counsel", G::kContent,
     "brings in an outside lawyer or counsel"},
    {FindingId::kAvailability, "content.availability", G::kContent,
     "'are you available' / 'reply to me' opener"},
    {FindingId::kPretext, "content.pretext", G::kContent,
     "pretext: pandemic, lockdown, audit, technical problem with the account"},
    {FindingId::kPaymentHold, "content.payment_hold", G::kContent,
     "asks to hold a payment or to pay earlier than agreed"},
    {FindingId::kPayrollChange, "content.payroll_change", G::kContent,
     "asks to change the salary / direct-deposit account"},
    {FindingId::kIocMatch, "intel.ioc", G::kIntel,
     "a sender address, domain or IP is a published indicator of compromise"},
    {FindingId::kCampaignPattern, "intel.campaign_pattern", G::kIntel,
     "the sender follows a known BEC campaign's naming pattern"},
    {FindingId::kTrackingBeacon, "html.tracking_beacon", G::kHtml,
     "a hidden or 1x1 remote image or a known open-tracking URL"},
    {FindingId::kThreadHijack, "thread.hijack", G::kThread,
     "a reply into a known thread from an address that never took part in it, or a fake "
     "reply with no thread behind it"},
    {FindingId::kNearDuplicate, "thread.near_duplicate", G::kThread,
     "nearly identical to an earlier message from the real counterparty, but the sender or "
     "the payment details differ"},
    {FindingId::kPaymentChanged, "payment.changed", G::kPayment,
     "bank details differ from what this counterparty used before"},
    {FindingId::kLimitSkipped, "message.limit_skipped", G::kMessage,
     "part of the message was not inspected because it exceeded a configured limit"},
    {FindingId::kAuthSpfFail, "auth.spf_fail", G::kAuth,
     "SPF fails (or soft-fails) for the envelope sender: the sending server is not one the "
     "domain authorises"},
    {FindingId::kAuthDkimFail, "auth.dkim_fail", G::kAuth,
     "a DKIM signature does not verify: the message was changed after signing, or the "
     "signature is forged"},
    {FindingId::kAuthDmarcFail, "auth.dmarc_fail", G::kAuth,
     "the From domain publishes DMARC and the message fails it: no aligned SPF or DKIM pass"},
    {FindingId::kAuthUnaligned, "auth.unaligned", G::kAuth,
     "SPF or DKIM pass only for other domains than the From domain, which publishes no DMARC"},
    {FindingId::kAuthNone, "auth.none", G::kAuth,
     "a message claiming an organisation or partner domain carries no authentication at all"},
    {FindingId::kStyleMismatch, "style.mismatch", G::kStyle,
     "the message does not read like its claimed sender's learned writing style"},
    {FindingId::kComposite, "combo", G::kComposite,
     "two or more findings that together mean far more than each alone"},
}};

constexpr std::array<std::string_view, kFindingGroupCount> kGroupNames{
    "header",  "sender", "domain",  "content", "intel", "html",
    "message", "thread", "payment", "auth",    "style", "combo"};

}  // namespace

std::span<const FindingInfo> FindingCatalog() { return kCatalog; }

const FindingInfo& GetFindingInfo(FindingId id) { return kCatalog[static_cast<int>(id)]; }

std::string_view FindingName(FindingId id) { return GetFindingInfo(id).name; }

std::optional<FindingId> FindingIdFromName(std::string_view name) {
  for (const FindingInfo& info : kCatalog) {
    if (info.name == name) return info.id;
  }
  return std::nullopt;
}

std::string_view FindingGroupName(FindingGroup group) {
  return kGroupNames[static_cast<int>(group)];
}

std::optional<FindingGroup> FindingGroupFromName(std::string_view name) {
  for (std::size_t i = 0; i < kGroupNames.size(); ++i) {
    if (kGroupNames[i] == name) return static_cast<FindingGroup>(i);
  }
  return std::nullopt;
}

std::string Evidence::ToString() const {
  std::string out = field;
  if (!observed.empty()) {
    if (!out.empty()) out += ": ";
    out += observed;
  }
  std::string paren;
  if (!expected.empty()) paren = "expected " + expected;
  if (!detail.empty()) {
    if (!paren.empty()) paren += "; ";
    paren += detail;
  }
  if (!paren.empty()) {
    if (!out.empty()) out += " ";
    out += "(" + paren + ")";
  }
  return out;
}

bool FindingSink::Has(FindingId id) const {
  for (const Finding& f : findings_) {
    if (f.id == id) return true;
  }
  return false;
}

}  // namespace becguard
