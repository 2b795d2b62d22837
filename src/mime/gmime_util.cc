#include "mime/gmime_util.h"

#include <openssl/evp.h>

#include "core/ascii.h"

namespace becguard::mime {
namespace {

const char* NullToEmpty(const char* s) { return s == nullptr ? "" : s; }

bool IsBase64Char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/' || c == '=' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool IsHex(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

// Scans the still-encoded content for characters its transfer encoding does not allow.
bool HasEncodingErrors(GMimeStream* raw, GMimeContentEncoding enc) {
  if (raw == nullptr) return false;
  if (g_mime_stream_reset(raw) != 0) return false;
  char buf[4096];
  int qp_pending = 0;  // bytes still expected after '=' in quoted-printable
  bool qp_soft = false;
  for (;;) {
    const ssize_t n = g_mime_stream_read(raw, buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(buf[i]);
      if (enc == GMIME_CONTENT_ENCODING_BASE64) {
        if (!IsBase64Char(c)) return true;
        continue;
      }
      if (qp_pending > 0) {
        if (qp_pending == 2 && (c == '\r' || c == '\n' || c == ' ' || c == '\t')) {
          qp_soft = true;  // soft line break (trailing blanks tolerated)
          qp_pending = 0;
          continue;
        }
        if (!IsHex(c)) return true;
        --qp_pending;
        continue;
      }
      if (qp_soft && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) continue;
      qp_soft = false;
      if (c == '=') qp_pending = 2;
    }
  }
  g_mime_stream_reset(raw);
  return false;
}

}  // namespace

PartContent::PartContent(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return;
  mem_ = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(content, mem_);
  GByteArray* arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem_));
  if (arr != nullptr && arr->len > 0) {
    bytes_ = std::string_view(reinterpret_cast<const char*>(arr->data), arr->len);
  }
  const GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(content);
  if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
    bad_encoding_ = HasEncodingErrors(g_mime_data_wrapper_get_stream(content), enc);
  }
}

PartContent::~PartContent() {
  if (mem_ != nullptr) g_object_unref(mem_);
}

std::string MimeTypeOf(GMimeObject* obj) {
  GMimeContentType* ct = g_mime_object_get_content_type(obj);
  if (ct == nullptr) return "text/plain";
  const char* type = g_mime_content_type_get_media_type(ct);
  const char* sub = g_mime_content_type_get_media_subtype(ct);
  if (type == nullptr || *type == '\0') return "text/plain";
  std::string out = AsciiLower(type);
  out.push_back('/');
  out += AsciiLower(NullToEmpty(sub));
  return out;
}

std::string DispositionOf(GMimeObject* obj) {
  GMimeContentDisposition* d = g_mime_object_get_content_disposition(obj);
  if (d == nullptr) return {};
  return AsciiLower(NullToEmpty(g_mime_content_disposition_get_disposition(d)));
}

std::string ContentTypeParam(GMimeObject* obj, const char* name) {
  GMimeContentType* ct = g_mime_object_get_content_type(obj);
  if (ct == nullptr) return {};
  const char* v = g_mime_content_type_get_parameter(ct, name);
  return v == nullptr ? std::string() : std::string(v);
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 0x0F]);
  }
  return out;
}

}  // namespace becguard::mime
