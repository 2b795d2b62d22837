// The individual payment-detail extractors behind ExtractPaymentDetails, each scanning a
// ScanText and appending what it finds with positions (for ordering and for keeping a generic
// account number from repeating a number that already belongs to a richer detail).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "payment/payment_details.h"
#include "payment/scan_text.h"

namespace becguard::payment {

struct Found {
  PaymentDetail detail;
  std::size_t pos = 0;  // where the value starts in the ScanText
  // The account digits this detail owns, so the generic extractor skips them.
  std::size_t owned_begin = 0;
  std::size_t owned_end = 0;
};

// Labelled value found in the text ("Account name: ...", "銀行名：...").
struct LabelledValue {
  std::size_t pos = 0;
  std::string value;
};

// Number of characters of an IBAN for the country, 0 when the country has no IBAN.
int IbanLengthFor(char c0, char c1);
bool IsIsoCountry(char c0, char c1);
bool IsBic(std::string_view token);  // upper-case, 8 or 11 characters

void FindIbans(const ScanText& t, std::vector<Found>* out);
void FindBics(const ScanText& t, std::vector<Found>* out);
void FindUsRouting(const ScanText& t, std::vector<Found>* out);
void FindUkSortCodes(const ScanText& t, std::vector<Found>* out);
// Uses the labelled holders / bank names (FindHolders, FindBankNames) near each account.
void FindJapanAccounts(const ScanText& t, const std::vector<LabelledValue>& holders,
                       const std::vector<LabelledValue>& banks, std::vector<Found>* out);
// Runs last: skips digits owned by earlier finds.
void FindGenericAccounts(const ScanText& t, std::vector<Found>* out);

// The labelled value nearest to pos within radius bytes, or nullptr.
const LabelledValue* Nearest(const std::vector<LabelledValue>& values, std::size_t pos,
                             std::size_t radius);

// Holder and bank-name labels anywhere in the text (English and Japanese).
std::vector<LabelledValue> FindHolders(const ScanText& t);
std::vector<LabelledValue> FindBankNames(const ScanText& t);

}  // namespace becguard::payment
