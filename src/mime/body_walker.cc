#include "mime/body_walker.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "core/ascii.h"
#include "mime/attachment_text.h"
#include "mime/charset.h"
#include "mime/gmime_util.h"
#include "mime/html_to_text.h"
#include "mime/rfc2047.h"
#include "mime/url.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

// CRLF and lone CR become LF, in place.
void NormalizeNewlines(std::string* s) {
  if (s->find('\r') == std::string::npos) return;
  std::size_t w = 0;
  for (std::size_t r = 0; r < s->size(); ++r) {
    const char c = (*s)[r];
    if (c == '\r') {
      if (r + 1 < s->size() && (*s)[r + 1] == '\n') continue;
      (*s)[w++] = '\n';
    } else {
      (*s)[w++] = c;
    }
  }
  s->resize(w);
}

// <meta charset="x"> / content="text/html; charset=x" for HTML parts that declare nothing.
std::string SniffHtmlCharset(std::string_view html) {
  const std::string_view head = html.substr(0, 4096);
  static constexpr std::string_view kKey = "charset=";
  for (std::size_t i = 0; i + kKey.size() <= head.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < kKey.size(); ++k) {
      if (AsciiLower(head[i + k]) != kKey[k]) {
        match = false;
        break;
      }
    }
    if (!match) continue;
    std::size_t p = i + kKey.size();
    while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) ++p;
    const std::size_t b = p;
    while (p < head.size() &&
           (std::isalnum(static_cast<unsigned char>(head[p])) || head[p] == '-' || head[p] == '_' ||
            head[p] == ':' || head[p] == '.')) {
      ++p;
    }
    if (p > b) return std::string(head.substr(b, p - b));
  }
  return {};
}

bool IsTextLike(const std::string& type, const std::string& filename) {
  if (type.starts_with("text/")) return true;
  if (type.find("csv") != std::string::npos) return true;
  const std::size_t n = filename.size();
  return n >= 4 && AsciiLower(filename[n - 4]) == '.' && AsciiLower(filename[n - 3]) == 'c' &&
         AsciiLower(filename[n - 2]) == 's' && AsciiLower(filename[n - 1]) == 'v';
}

class Walker {
 public:
  Walker(const Limits& limits, ParsedMessage* msg, DefectSink* defects)
      : limits_(limits), msg_(msg), defects_(defects) {}

  void Walk(GMimeObject* obj, int depth, bool nested) {
    if (obj == nullptr) return;
    if (++parts_ > limits_.max_parts) {
      defects_->Add(DefectKind::kLimitPartCount, "more than " + std::to_string(limits_.max_parts) +
                                                     " MIME parts; the rest were not read");
      return;
    }
    if (depth > limits_.max_mime_depth) {
      defects_->Add(DefectKind::kLimitMimeDepth, "parts nested deeper than " +
                                                     std::to_string(limits_.max_mime_depth) +
                                                     " levels were not read");
      return;
    }
    if (GMIME_IS_MULTIPART(obj)) {
      GMimeMultipart* mp = GMIME_MULTIPART(obj);
      const int count = g_mime_multipart_get_count(mp);
      if (g_mime_multipart_get_boundary(mp) == nullptr) {
        defects_->Add(DefectKind::kMalformedHeader, "multipart without boundary");
      } else if (!mp->write_end_boundary) {
        // GMime clears this when the closing "--boundary--" never came.
        defects_->Add(DefectKind::kTruncated, "multipart without its closing boundary");
      }
      if (count == 0) defects_->Add(DefectKind::kTruncated, "multipart without parts");
      if (count == 0 && orphan_text_.empty()) {
        // A multipart whose boundary GMime could not find keeps its content as prologue;
        // it is the only text there is.
        if (const char* prologue = g_mime_multipart_get_prologue(mp)) orphan_text_ = prologue;
      }
      for (int i = 0; i < count; ++i) Walk(g_mime_multipart_get_part(mp, i), depth + 1, nested);
    } else if (GMIME_IS_MESSAGE_PART(obj)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
      AddMessageAttachment(obj, inner);
      if (inner != nullptr) Walk(g_mime_message_get_mime_part(inner), depth + 1, true);
    } else if (GMIME_IS_PART(obj)) {
      Leaf(GMIME_PART(obj), nested);
    }
  }

  void Finish() {
    std::string plain;
    if (plain_ != nullptr) plain = DecodeText(plain_, "text/plain body");
    const bool plain_empty = plain.find_first_not_of(" \t\n") == std::string::npos;
    if (html_ != nullptr) {
      msg_->has_html = true;
      HtmlText h = ConvertHtml(html_);
      if (h.dropped_links || h.dropped_images) {
        defects_->Add(DefectKind::kLimitTextLength,
                      "more than " + std::to_string(kMaxLinks) +
                          " links or images in the HTML; the rest were not collected");
      }
      msg_->links = std::move(h.links);
      msg_->images = std::move(h.images);
      if (plain_empty) plain = std::move(h.text);
    }
    if (plain.empty() && !orphan_text_.empty()) {
      plain = ToUtf8(orphan_text_, "").utf8;
      NormalizeNewlines(&plain);
    }
    if (plain.size() > limits_.max_text_bytes) {
      defects_->Add(DefectKind::kLimitTextLength, "body text of " + std::to_string(plain.size()) +
                                                      " bytes cut to " +
                                                      std::to_string(limits_.max_text_bytes));
      plain.resize(text::Utf8SafePrefixLength(plain, limits_.max_text_bytes));
    }
    msg_->body_text = std::move(plain);
    FindTextUrls(msg_->body_text, &msg_->links);
  }

 private:
  void Leaf(GMimePart* part, bool nested) {
    GMimeObject* obj = GMIME_OBJECT(part);
    const std::string type = MimeTypeOf(obj);
    const std::string disp = DispositionOf(obj);
    std::string filename = FilenameOf(part);
    const bool attachment = disp == "attachment" || !filename.empty();
    if (!nested && !attachment) {
      if (type == "text/plain" && plain_ == nullptr) {
        plain_ = part;
        return;
      }
      if (type == "text/html" && html_ == nullptr) {
        html_ = part;
        return;
      }
    }
    PartContent content(part);
    if (content.bad_encoding()) {
      defects_->Add(DefectKind::kBadTransferEncoding, "attachment " + type);
    }
    Attachment a;
    a.filename = std::move(filename);
    a.content_type = type;
    a.size = content.bytes().size();
    a.sha256_hex = Sha256Hex(content.bytes());
    a.is_inline = disp == "inline" || (disp.empty() && a.filename.empty());
    if (IsTextLike(type, a.filename)) {
      std::string charset = ContentTypeParam(obj, "charset");
      if (type == "text/html") {
        std::string_view html = content.bytes().substr(0, limits_.max_html_bytes);
        if (charset.empty()) charset = SniffHtmlCharset(html);
        a.text = HtmlToText(ToUtf8(html, charset).utf8).text;
      } else {
        a.text = ToUtf8(ConversionInput(content.bytes()), charset).utf8;
        NormalizeNewlines(&a.text);
      }
      if (a.text.size() > limits_.max_text_bytes) {
        defects_->Add(DefectKind::kLimitTextLength,
                      "attachment text cut to " + std::to_string(limits_.max_text_bytes));
        a.text.resize(text::Utf8SafePrefixLength(a.text, limits_.max_text_bytes));
      }
    } else if (const DocumentKind kind = DocumentKindOf(type, a.filename);
               kind != DocumentKind::kNone) {
      DocumentLimits doc_limits;
      doc_limits.max_text_bytes = limits_.max_text_bytes;
      DocumentText doc = ExtractDocumentText(kind, content.bytes(), doc_limits);
      if (doc.truncated) {
        defects_->Add(DefectKind::kLimitTextLength, "document text cut: " + a.filename);
      }
      a.text = std::move(doc.text);
    }
    msg_->attachments.push_back(std::move(a));
  }

  void AddMessageAttachment(GMimeObject* obj, GMimeMessage* inner) {
    Attachment a;
    a.content_type = MimeTypeOf(obj);
    const char* name = nullptr;
    if (GMimeContentDisposition* d = g_mime_object_get_content_disposition(obj)) {
      name = g_mime_content_disposition_get_parameter(d, "filename");
    }
    if (name == nullptr) {
      if (GMimeContentType* ct = g_mime_object_get_content_type(obj)) {
        name = g_mime_content_type_get_parameter(ct, "name");
      }
    }
    if (name != nullptr) a.filename = CleanFilename(name);
    a.is_inline = DispositionOf(obj) != "attachment";
    if (inner != nullptr) {
      GRef<GMimeStream> mem(g_mime_stream_mem_new());
      g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, mem.get());
      GByteArray* arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
      std::string_view bytes;
      if (arr != nullptr && arr->len > 0) {
        bytes = std::string_view(reinterpret_cast<const char*>(arr->data), arr->len);
      }
      a.size = bytes.size();
      a.sha256_hex = Sha256Hex(bytes);
      if (const char* subject = g_mime_message_get_subject(inner)) {
        a.text = "Subject: " + text::SanitizeUtf8(subject);
      }
    }
    msg_->attachments.push_back(std::move(a));
  }

  std::string CleanFilename(const char* raw) {
    std::string_view name(raw);
    if (name.find("=?") != std::string_view::npos) {
      HeaderTextFlags flags;
      std::string decoded = DecodeEncodedWords(name, &flags);
      if (flags.bad_encoded_word) defects_->Add(DefectKind::kBadEncodedWord, "attachment name");
      return decoded;
    }
    if (text::IsValidUtf8(name)) return std::string(name);
    DecodedText d = GuessToUtf8(name);
    defects_->Add(DefectKind::kCharsetFallback, "attachment name");
    return std::move(d.utf8);
  }

  std::string FilenameOf(GMimePart* part) {
    const char* raw = g_mime_part_get_filename(part);
    if (raw == nullptr || *raw == '\0') return {};
    return CleanFilename(raw);
  }

  // Converting more input than can survive the text limit is wasted work. Every charset
  // yields at least one output byte per four input bytes, so the output of this prefix still
  // exceeds the limit and the cut after conversion records the defect.
  std::string_view ConversionInput(std::string_view bytes) const {
    const std::size_t cap =
        limits_.max_text_bytes > (SIZE_MAX / 8) ? SIZE_MAX / 2 : 4 * limits_.max_text_bytes;
    return bytes.size() > cap ? bytes.substr(0, cap) : bytes;
  }

  std::string DecodeText(GMimePart* part, std::string_view what) {
    PartContent content(part);
    if (content.bad_encoding()) {
      defects_->Add(DefectKind::kBadTransferEncoding, std::string(what));
    }
    const std::string charset = ContentTypeParam(GMIME_OBJECT(part), "charset");
    DecodedText d = ToUtf8(ConversionInput(content.bytes()), charset);
    if (d.guessed) {
      defects_->Add(DefectKind::kCharsetFallback, std::string(what) + " declared charset '" +
                                                      text::SanitizeUtf8(charset.substr(0, 40)) +
                                                      "'");
    }
    NormalizeNewlines(&d.utf8);
    return std::move(d.utf8);
  }

  HtmlText ConvertHtml(GMimePart* part) {
    PartContent content(part);
    if (content.bad_encoding()) defects_->Add(DefectKind::kBadTransferEncoding, "text/html body");
    std::string_view html = content.bytes();
    if (html.size() > limits_.max_html_bytes) {
      defects_->Add(DefectKind::kLimitTextLength,
                    "HTML of " + std::to_string(html.size()) + " bytes: only the first " +
                        std::to_string(limits_.max_html_bytes) + " converted");
      html = html.substr(0, limits_.max_html_bytes);
    }
    std::string charset = ContentTypeParam(GMIME_OBJECT(part), "charset");
    if (charset.empty()) charset = SniffHtmlCharset(html);
    DecodedText d = ToUtf8(html, charset);
    if (d.guessed) {
      defects_->Add(DefectKind::kCharsetFallback,
                    "text/html body declared charset '" +
                        text::SanitizeUtf8(std::string_view(charset).substr(0, 40)) + "'");
    }
    return HtmlToText(d.utf8);
  }

  const Limits& limits_;
  ParsedMessage* msg_;
  DefectSink* defects_;
  GMimePart* plain_ = nullptr;
  GMimePart* html_ = nullptr;
  int parts_ = 0;
  std::string orphan_text_;
};

}  // namespace

void WalkBody(GMimeObject* root, const Limits& limits, ParsedMessage* msg, DefectSink* defects) {
  Walker w(limits, msg, defects);
  w.Walk(root, 0, false);
  w.Finish();
}

void BodyFromRawText(std::string_view bytes, const Limits& limits, ParsedMessage* msg,
                     DefectSink* defects) {
  DecodedText d = GuessToUtf8(bytes);
  if (d.guessed && !text::IsValidUtf8(bytes)) {
    defects->Add(DefectKind::kCharsetFallback, "unstructured text");
  }
  NormalizeNewlines(&d.utf8);
  if (d.utf8.size() > limits.max_text_bytes) {
    defects->Add(DefectKind::kLimitTextLength,
                 "body text cut to " + std::to_string(limits.max_text_bytes));
    d.utf8.resize(text::Utf8SafePrefixLength(d.utf8, limits.max_text_bytes));
  }
  msg->body_text = std::move(d.utf8);
  FindTextUrls(msg->body_text, &msg->links);
}

}  // namespace becguard::mime
