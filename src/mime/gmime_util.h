// Small RAII and reading helpers around GMime objects used by the parser. Not shared between
// threads; each Parse call owns its objects.
#pragma once

#include <gmime/gmime.h>

#include <string>
#include <string_view>

namespace becguard::mime {

// Owns one GObject reference.
template <typename T>
class GRef {
 public:
  explicit GRef(T* p = nullptr) : p_(p) {}
  ~GRef() {
    if (p_ != nullptr) g_object_unref(p_);
  }
  GRef(const GRef&) = delete;
  GRef& operator=(const GRef&) = delete;
  T* get() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }

 private:
  T* p_;
};

// Decoded (transfer-encoding removed) content of a leaf part. The view stays valid while the
// object lives.
class PartContent {
 public:
  explicit PartContent(GMimePart* part);
  ~PartContent();
  PartContent(const PartContent&) = delete;
  PartContent& operator=(const PartContent&) = delete;

  std::string_view bytes() const { return bytes_; }
  // True when base64/quoted-printable input held characters outside its alphabet.
  bool bad_encoding() const { return bad_encoding_; }

 private:
  GMimeStream* mem_ = nullptr;
  std::string_view bytes_;
  bool bad_encoding_ = false;
};

// Lower-case "type/subtype" of an object ("text/plain" when GMime has none).
std::string MimeTypeOf(GMimeObject* obj);

// Lower-case Content-Disposition value ("attachment", "inline") or "" when absent.
std::string DispositionOf(GMimeObject* obj);

// A content-type parameter (e.g. "charset"), "" when absent.
std::string ContentTypeParam(GMimeObject* obj, const char* name);

// Lower-case hex SHA-256 of bytes.
std::string Sha256Hex(std::string_view bytes);

}  // namespace becguard::mime
