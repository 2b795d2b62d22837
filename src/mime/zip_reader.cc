#include "mime/zip_reader.h"

#include <algorithm>

namespace becguard::mime {

ZipReader::ZipReader(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src != nullptr) {
    zip_ = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (zip_ == nullptr) zip_source_free(src);
  }
  zip_error_fini(&error);
}

ZipReader::~ZipReader() {
  if (zip_ != nullptr) zip_discard(zip_);
}

std::vector<std::string> ZipReader::Names() const {
  std::vector<std::string> names;
  const zip_int64_t n = zip_get_num_entries(zip_, 0);
  for (zip_int64_t i = 0; i < n && i < 10000; ++i) {
    const char* name = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr) names.emplace_back(name);
  }
  return names;
}

bool ZipReader::Read(const std::string& name, std::size_t max, std::string* out,
                     bool* truncated) const {
  const zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
  if (index < 0) return false;
  zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
  if (f == nullptr) return false;
  out->clear();
  char buf[64 * 1024];
  bool ok = true;
  while (out->size() < max) {
    const std::size_t want = std::min(sizeof(buf), max - out->size());
    const zip_int64_t got = zip_fread(f, buf, want);
    if (got < 0) {
      ok = false;
      break;
    }
    if (got == 0) break;
    out->append(buf, static_cast<std::size_t>(got));
  }
  if (out->size() >= max) {
    char probe;
    if (zip_fread(f, &probe, 1) > 0) *truncated = true;
  }
  zip_fclose(f);
  return ok || !out->empty();
}

}  // namespace becguard::mime
