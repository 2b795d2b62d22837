#include "becguard/message.h"
#include "core/ascii.h"

#include <array>

namespace becguard {
const Header* ParsedMessage::FindHeader(std::string_view name) const {
  for (const Header& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return &h;
  }
  return nullptr;
}

std::string_view DefectKindName(DefectKind kind) {
  switch (kind) {
    case DefectKind::kMalformedHeader:
      return "malformed_header";
    case DefectKind::kBadAddress:
      return "bad_address";
    case DefectKind::kBadEncodedWord:
      return "bad_encoded_word";
    case DefectKind::kCharsetFallback:
      return "charset_fallback";
    case DefectKind::kBadTransferEncoding:
      return "bad_transfer_encoding";
    case DefectKind::kTruncated:
      return "truncated";
    case DefectKind::kLimitMessageSize:
      return "limit_message_size";
    case DefectKind::kLimitMimeDepth:
      return "limit_mime_depth";
    case DefectKind::kLimitPartCount:
      return "limit_part_count";
    case DefectKind::kLimitHeaderCount:
      return "limit_header_count";
    case DefectKind::kLimitHeaderLength:
      return "limit_header_length";
    case DefectKind::kLimitTextLength:
      return "limit_text_length";
  }
  return "unknown";
}

bool IsLimitDefect(DefectKind kind) {
  switch (kind) {
    case DefectKind::kLimitMessageSize:
    case DefectKind::kLimitMimeDepth:
    case DefectKind::kLimitPartCount:
    case DefectKind::kLimitHeaderCount:
    case DefectKind::kLimitHeaderLength:
    case DefectKind::kLimitTextLength:
      return true;
    default:
      return false;
  }
}

}  // namespace becguard
