#include "mime/prescan.h"

namespace becguard::mime {
namespace {

// Offset of the line after the one starting at `pos` (raw.size() at the end).
std::size_t NextLine(std::string_view raw, std::size_t pos) {
  const std::size_t nl = raw.find('\n', pos);
  return nl == std::string_view::npos ? raw.size() : nl + 1;
}

bool IsBlankLine(std::string_view raw, std::size_t pos) {
  return pos >= raw.size() || raw[pos] == '\n' ||
         (raw[pos] == '\r' && pos + 1 < raw.size() && raw[pos + 1] == '\n');
}

}  // namespace

std::string_view BoundInput(std::string_view raw, const Limits& limits, std::string* storage,
                            DefectSink* defects) {
  // Keep one header more than the limit so the header stage still sees (and reports) it.
  const std::size_t max_header_lines =
      limits.max_headers < 0 ? 1 : static_cast<std::size_t>(limits.max_headers) + 1;
  std::size_t pos = 0, headers = 0, cut = std::string_view::npos;
  while (pos < raw.size() && !IsBlankLine(raw, pos)) {
    if (raw[pos] != ' ' && raw[pos] != '\t' && ++headers > max_header_lines &&
        cut == std::string_view::npos) {
      cut = pos;
    }
    pos = NextLine(raw, pos);
  }
  if (cut != std::string_view::npos) {
    storage->reserve(cut + (raw.size() - pos));
    storage->assign(raw.substr(0, cut));
    storage->append(raw.substr(pos));
    raw = *storage;
  }
  // Every part needs a "--boundary" line; far more of them than parts we read is an attack.
  const std::size_t max_boundaries =
      4 * static_cast<std::size_t>(limits.max_parts < 0 ? 0 : limits.max_parts) + 64;
  std::size_t boundaries = 0;
  for (pos = 0; pos < raw.size(); pos = NextLine(raw, pos)) {
    if (raw[pos] == '-' && pos + 1 < raw.size() && raw[pos + 1] == '-' &&
        ++boundaries > max_boundaries) {
      defects->Add(DefectKind::kLimitPartCount, "more than " + std::to_string(max_boundaries) +
                                                    " boundary lines; input after byte " +
                                                    std::to_string(pos) + " was not read");
      return raw.substr(0, pos);
    }
  }
  return raw;
}

}  // namespace becguard::mime
