// libFuzzer target: mime::Parse on arbitrary bytes with default limits. Checks the invariants
// every caller relies on: no crash, and all text fields are valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mime/parser.h"
#include "text/utf8.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using becguard::text::IsValidUtf8;
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const becguard::ParsedMessage m = becguard::mime::Parse(raw, becguard::Limits{});
  Check(IsValidUtf8(m.body_text));
  Check(IsValidUtf8(m.new_text));
  Check(IsValidUtf8(m.normalized_new_text));
  Check(IsValidUtf8(m.subject));
  Check(m.new_text.size() <= m.body_text.size());
  for (const becguard::Header& h : m.headers) Check(IsValidUtf8(h.value));
  for (const becguard::Address& a : m.from) {
    Check(IsValidUtf8(a.display_name));
    Check(IsValidUtf8(a.normalized_display_name));
  }
  for (const becguard::Attachment& a : m.attachments) {
    Check(IsValidUtf8(a.filename));
    Check(IsValidUtf8(a.text));
  }
  for (const becguard::Link& l : m.links) Check(IsValidUtf8(l.anchor_text));
  return 0;
}
