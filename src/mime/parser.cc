#include "mime/parser.h"

#include <gmime/gmime.h>

#include <mutex>
#include <string>
#include <vector>

#include "mime/body_walker.h"
#include "mime/defect_sink.h"
#include "mime/gmime_util.h"
#include "mime/header_fields.h"
#include "mime/prescan.h"
#include "mime/quote_split.h"
#include "text/normalize.h"

namespace becguard::mime {
namespace {

// Lets GMime read `raw` in place: the GByteArray only borrows the bytes (freed with
// free_segment = FALSE) and the stream does not own the array.
class BorrowedStream {
 public:
  explicit BorrowedStream(std::string_view raw)
      : array_(g_byte_array_new_take(reinterpret_cast<guint8*>(const_cast<char*>(raw.data())),
                                     raw.size())),
        stream_(g_mime_stream_mem_new_with_byte_array(array_)) {
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream_), FALSE);
  }
  ~BorrowedStream() {
    g_object_unref(stream_);
    g_byte_array_free(array_, FALSE);
  }
  BorrowedStream(const BorrowedStream&) = delete;
  BorrowedStream& operator=(const BorrowedStream&) = delete;
  GMimeStream* get() const { return stream_; }

 private:
  GByteArray* array_;
  GMimeStream* stream_;
};

class ParserOptions {
 public:
  ParserOptions() : options_(g_mime_parser_options_new()) {
    g_mime_parser_options_set_rfc2047_compliance_mode(options_, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options_, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options_, GMIME_RFC_COMPLIANCE_LOOSE);
    // 8-bit parameter values (raw Japanese filenames): GMime tries these in order.
    static const char* kFallback[] = {"UTF-8", "CP932", "EUC-JP", "ISO-8859-1", nullptr};
    g_mime_parser_options_set_fallback_charsets(options_, kFallback);
    // No warning callback on purpose: with one set, GMime decodes every header value just to
    // validate it (about a fifth of the parse time). Structural problems are found by the
    // walker instead (missing boundaries, truncation), header lines by CheckHeaderBlock.
  }
  ~ParserOptions() { g_mime_parser_options_free(options_); }
  ParserOptions(const ParserOptions&) = delete;
  ParserOptions& operator=(const ParserOptions&) = delete;
  GMimeParserOptions* get() const { return options_; }

 private:
  GMimeParserOptions* options_;
};

// Header lines that are neither "Name: value" nor a continuation. GMime skips or misreads
// them; other mail software may read them differently, which is worth a defect.
void CheckHeaderBlock(std::string_view raw, DefectSink* defects) {
  std::size_t pos = 0;
  int checked = 0;
  while (pos < raw.size() && checked++ < 10000) {
    std::size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos) nl = raw.size();
    std::string_view line = raw.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return;  // end of the header block
    if (line.front() == ' ' || line.front() == '\t') continue;
    const std::size_t colon = line.find(':');
    bool ok = colon != std::string_view::npos && colon > 0;
    for (std::size_t i = 0; ok && i < colon; ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      // RFC 5322 field names are printable ASCII; a blank before the colon is obsolete but
      // still common ("Subject :").
      if (c < 33 || c > 126) ok = (c == ' ' || c == '\t') && i > 0;
    }
    if (!ok) {
      defects->Add(DefectKind::kMalformedHeader, "invalid header line");
      return;
    }
  }
}

void FinishText(ParsedMessage* msg) {
  const QuoteSplit split = SplitQuotedHistory(msg->body_text);
  msg->new_text = std::string(split.new_text);
  msg->quoted_text = std::string(split.quoted_text);
  msg->normalized_new_text = text::Normalize(msg->new_text);
  msg->normalized_subject = text::Normalize(msg->subject);
}

void ParseInto(std::string_view raw, const Limits& limits, ParsedMessage* msg,
               DefectSink* defects) {
  ParserOptions options;
  CheckHeaderBlock(raw, defects);
  BorrowedStream stream(raw);
  GRef<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  // The top level is read as a MIME part, not a GMimeMessage: a message object decodes every
  // address/subject header through iconv on its own (a fifth of the parse time), and those
  // values are decoded here anyway, more robustly.
  GRef<GMimeObject> root(g_mime_parser_construct_part(parser.get(), options.get()));
  if (!root) {
    defects->Add(DefectKind::kMalformedHeader, "no message header block");
    BodyFromRawText(raw, limits, msg, defects);
    return;
  }
  GMimeHeaderList* list = g_mime_object_get_header_list(root.get());
  std::vector<RawHeader> raw_headers;
  const int count = list == nullptr ? 0 : g_mime_header_list_get_count(list);
  raw_headers.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    GMimeHeader* h = g_mime_header_list_get_header_at(list, i);
    const char* name = h == nullptr ? nullptr : g_mime_header_get_name(h);
    const char* value = h == nullptr ? nullptr : g_mime_header_get_raw_value(h);
    raw_headers.push_back(RawHeader{name == nullptr ? "" : name, value == nullptr ? "" : value});
  }
  if (raw_headers.empty()) {
    defects->Add(DefectKind::kMalformedHeader, "no headers");
  }
  ApplyHeaders(raw_headers, limits, msg, defects);
  WalkBody(root.get(), limits, msg, defects);
}

}  // namespace

void InitMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

ParsedMessage Parse(std::string_view raw, const Limits& limits) {
  InitMime();
  ParsedMessage msg;
  msg.raw_size = raw.size();
  DefectSink defects(&msg.defects);
  if (raw.size() > limits.max_message_bytes) {
    defects.Add(DefectKind::kLimitMessageSize,
                "message of " + std::to_string(raw.size()) + " bytes: only the first " +
                    std::to_string(limits.max_message_bytes) + " were parsed");
    raw = raw.substr(0, limits.max_message_bytes);
  }
  // Blank lines before the header block (export tools, broken relays) would otherwise end
  // the headers at once and turn the whole message into body text.
  std::size_t lead = 0;
  while (lead < raw.size() && (raw[lead] == '\r' || raw[lead] == '\n')) ++lead;
  raw.remove_prefix(lead);
  if (raw.starts_with("From ")) {  // an mbox separator line, not a header
    const std::size_t nl = raw.find('\n');
    raw.remove_prefix(nl == std::string_view::npos ? raw.size() : nl + 1);
  }
  std::string storage;
  raw = BoundInput(raw, limits, &storage, &defects);
  if (!raw.empty()) ParseInto(raw, limits, &msg, &defects);
  FinishText(&msg);
  return msg;
}

}  // namespace becguard::mime
