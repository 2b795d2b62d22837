// ZipReader: reads entries of an in-memory zip container (DOCX, XLSX) with libzip, never
// trusting the sizes the archive declares: every read is capped by its caller's budget, and at
// most 10,000 entry names are listed. Not thread-safe; one per document.
#pragma once

#include <zip.h>

#include <string>
#include <string_view>
#include <vector>

namespace becguard::mime {

class ZipReader {
 public:
  explicit ZipReader(std::string_view bytes);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool ok() const { return zip_ != nullptr; }

  std::vector<std::string> Names() const;

  // Decompresses at most max bytes of the entry; *truncated is set when more was there.
  bool Read(const std::string& name, std::size_t max, std::string* out, bool* truncated) const;

 private:
  zip_t* zip_ = nullptr;
};

}  // namespace becguard::mime
