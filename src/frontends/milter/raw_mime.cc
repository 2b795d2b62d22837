#include "frontends/milter/raw_mime.h"

#include <gmime/gmime.h>

#include "core/ascii.h"
#include "mime/parser.h"
#include "mime/rfc2047.h"

namespace becguard::milter {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

struct PartHeaders {
  std::string content_type;  // unfolded values, "" when absent
  std::string encoding;
  std::string disposition;
  std::size_t body_begin = 0;  // absolute offset of the first content byte
};

// Reads the header block starting at `begin`, up to `end`. nullopt when it never ends.
std::optional<PartHeaders> ReadHeaders(std::string_view raw, std::size_t begin, std::size_t end) {
  PartHeaders out;
  std::string current;
  auto finish = [&]() {
    if (current.empty()) return;
    const std::size_t colon = current.find(':');
    if (colon != std::string::npos) {
      const std::string name = AsciiLower(Trim(std::string_view(current).substr(0, colon)));
      std::string value = Trim(mime::Unfold(std::string_view(current).substr(colon + 1)));
      if (name == "content-type" && out.content_type.empty()) out.content_type = value;
      if (name == "content-transfer-encoding" && out.encoding.empty()) out.encoding = value;
      if (name == "content-disposition" && out.disposition.empty()) out.disposition = value;
    }
    current.clear();
  };
  std::size_t pos = begin;
  while (pos < end) {
    std::size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos || nl >= end) nl = end;
    std::string_view line = raw.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t next = nl < end ? nl + 1 : end;
    if (line.empty()) {
      finish();
      out.body_begin = next;
      return out;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      current += "\r\n";
      current += line;
    } else {
      finish();
      current = line;
    }
    pos = next;
  }
  // A part with headers only and no blank line has empty content.
  finish();
  if (begin == end) {
    out.body_begin = end;
    return out;
  }
  return std::nullopt;
}

struct ContentType {
  std::string media_type = "text/plain";
  std::string charset, boundary, name;
};

ContentType ParseContentType(const std::string& value) {
  ContentType out;
  if (value.empty()) return out;
  GMimeContentType* ct = g_mime_content_type_parse(nullptr, value.c_str());
  if (ct == nullptr) return out;
  const char* type = g_mime_content_type_get_media_type(ct);
  const char* subtype = g_mime_content_type_get_media_subtype(ct);
  if (type != nullptr && subtype != nullptr)
    out.media_type = AsciiLower(std::string(type) + "/" + subtype);
  if (const char* p = g_mime_content_type_get_parameter(ct, "charset")) out.charset = AsciiLower(p);
  if (const char* p = g_mime_content_type_get_parameter(ct, "boundary")) out.boundary = p;
  if (const char* p = g_mime_content_type_get_parameter(ct, "name")) out.name = p;
  g_object_unref(ct);
  return out;
}

class Mapper {
 public:
  Mapper(std::string_view raw, int max_depth) : raw_(raw), max_depth_(max_depth) {}

  // The entity whose headers start at `begin` and whose content ends at `end`.
  bool Entity(std::size_t begin, std::size_t end, int depth, RawMimeMap& map) {
    if (depth > max_depth_) return false;
    auto headers = ReadHeaders(raw_, begin, end);
    if (!headers) return false;
    if (depth == 0) map.body_begin = headers->body_begin;
    const ContentType ct = ParseContentType(headers->content_type);
    if (ct.media_type.rfind("multipart/", 0) == 0) {
      if (ct.boundary.empty()) return false;
      return Multipart(headers->body_begin, end, ct.boundary, depth, map);
    }
    RawPart part;
    part.media_type = ct.media_type;
    part.charset = ct.charset;
    part.encoding = AsciiLower(headers->encoding);
    const std::string disposition = AsciiLower(headers->disposition);
    part.attachment = disposition.rfind("attachment", 0) == 0 || !ct.name.empty() ||
                      disposition.find("filename") != std::string::npos;
    part.content_begin = headers->body_begin;
    part.content_end = end;
    map.leaves.push_back(part);
    return true;
  }

 private:
  // Delimiter line at `pos` (a line start)? 1 = delimiter, 2 = close delimiter, 0 = no.
  int DelimiterAt(std::size_t pos, std::size_t end, const std::string& boundary,
                  std::size_t* line_end) const {
    const std::string dash = "--" + boundary;
    if (raw_.compare(pos, dash.size(), dash) != 0 || pos + dash.size() > end) return 0;
    std::size_t i = pos + dash.size();
    int kind = 1;
    if (raw_.compare(i, 2, "--") == 0 && i + 2 <= end) {
      kind = 2;
      i += 2;
    }
    while (i < end && (raw_[i] == ' ' || raw_[i] == '\t')) ++i;
    if (i < end && raw_[i] == '\r') ++i;
    if (i < end && raw_[i] == '\n') {
      *line_end = i + 1;
      return kind;
    }
    if (i == end) {
      *line_end = end;
      return kind;
    }
    return 0;
  }

  bool Multipart(std::size_t begin, std::size_t end, const std::string& boundary, int depth,
                 RawMimeMap& map) {
    std::size_t part_start = std::string_view::npos;  // headers of the current part
    std::size_t pos = begin;
    while (pos <= end) {
      std::size_t line_end = 0;
      const int kind = pos < end ? DelimiterAt(pos, end, boundary, &line_end) : 0;
      if (kind != 0) {
        if (part_start != std::string_view::npos) {
          // The line end before the delimiter belongs to the delimiter.
          std::size_t content_end = pos;
          if (content_end > part_start && raw_[content_end - 1] == '\n') --content_end;
          if (content_end > part_start && raw_[content_end - 1] == '\r') --content_end;
          if (!Entity(part_start, content_end, depth + 1, map)) return false;
        }
        if (kind == 2) return true;  // the epilogue is kept as it is
        part_start = line_end;
        pos = line_end;
        continue;
      }
      const std::size_t nl = raw_.find('\n', pos);
      if (nl == std::string_view::npos || nl >= end) break;
      pos = nl + 1;
    }
    return false;  // no close delimiter: truncated or not what GMime saw
  }

  std::string_view raw_;
  int max_depth_;
};

}  // namespace

std::optional<RawMimeMap> MapRawMime(std::string_view raw, int max_depth) {
  mime::InitMime();
  RawMimeMap map;
  const std::size_t nl = raw.find('\n');
  map.eol = (nl != std::string_view::npos && nl > 0 && raw[nl - 1] == '\r') ? "\r\n" : "\n";
  Mapper mapper(raw, max_depth);
  if (!mapper.Entity(0, raw.size(), 0, map)) return std::nullopt;
  return map;
}

}  // namespace becguard::milter
