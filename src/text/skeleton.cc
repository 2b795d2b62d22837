// text::Skeleton: UTS #39 confusable skeleton through ICU's spoof checker.
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include "text/normalize.h"

namespace becguard::text {
namespace {

// Opened once and never modified afterwards; ICU documents the skeleton and confusable
// functions of a configured checker as safe for concurrent use. Never closed: lives as long as
// the process.
const USpoofChecker* SpoofChecker() {
  static const USpoofChecker* const checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* opened = uspoof_open(&status);
    if (U_FAILURE(status)) {
      if (opened != nullptr) uspoof_close(opened);
      return static_cast<USpoofChecker*>(nullptr);
    }
    return opened;
  }();
  return checker;
}

}  // namespace

std::string Skeleton(std::string_view utf8) {
  const USpoofChecker* checker = SpoofChecker();
  if (checker == nullptr || utf8.empty()) return std::string(utf8);
  // fromUTF8 replaces ill-formed bytes with U+FFFD, so the checker never sees invalid input.
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString skeleton;
  UErrorCode status = U_ZERO_ERROR;
  uspoof_getSkeletonUnicodeString(checker, 0, source, skeleton, &status);
  std::string out;
  if (U_FAILURE(status)) {
    source.toUTF8String(out);  // no skeleton: compare the (sanitised) text itself
    return out;
  }
  skeleton.toUTF8String(out);
  return out;
}

}  // namespace becguard::text
