// Payment details in free text: IBAN (mod-97 checked), SWIFT/BIC, US ABA routing (checksum) +
// account numbers, UK sort code + account, Japanese bank transfer details (銀行名, 支店名/支店番号,
// 預金種目, 口座番号, 口座名義) and generic "account number" phrasing in English and Japanese.
//
// Used on a message's new text and on attachment text (PDF, DOCX, XLSX, CSV) to learn each
// counterparty's bank details and to notice when they change. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace becguard::payment {

enum class DetailKind {
  kIban,
  kSwiftBic,
  kUsRoutingAccount,   // ABA routing number + account number
  kUkSortCodeAccount,  // sort code + account number
  kJapanBankAccount,   // 銀行 + 支店 + 種目 + 口座番号
  kAccountNumber,      // an account number without a recognised scheme
};

std::string_view DetailKindName(DetailKind kind);  // "iban", "swift_bic", ...

struct PaymentDetail {
  DetailKind kind;
  // Canonical, comparable value: IBAN upper-case without spaces; BIC upper-case (8 or 11);
  // "routing:account"; "sortcode:account" (digits only); Japanese "bank|branch|type|number"
  // (bank and branch as written, NFKC, digits ASCII; type 普通/当座/貯蓄); account digits only.
  std::string value;
  std::string bank_name;  // when stated nearby (銀行名, "Bank:", BIC owner is not looked up)
  std::string holder;     // account holder / beneficiary / 口座名義, when stated
  std::string source;     // "body" or the attachment's file name
};

// All details found in the text, each once (by kind + value), in order of appearance.
// Checksums are enforced: an IBAN failing mod-97 or an ABA number failing its checksum is not a
// detail. Full-width digits and Japanese separators are understood.
std::vector<PaymentDetail> ExtractPaymentDetails(std::string_view text, std::string_view source);

// For evidence: everything but the last 4 characters replaced by '*' ("GB33BUKB...5555" ->
// "**************5555"); separators kept for readability.
std::string MaskValue(std::string_view value);

bool IsValidIban(std::string_view iban);          // spaces allowed
bool IsValidAbaRouting(std::string_view digits);  // 9 digits, 3-7-1 weighted checksum

}  // namespace becguard::payment
