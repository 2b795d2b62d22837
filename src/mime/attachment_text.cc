#include "mime/attachment_text.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <algorithm>
#include <climits>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "mime/zip_reader.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (AsciiLower(s[s.size() - suffix.size() + i]) != suffix[i]) return false;
  }
  return true;
}

// Appends to the output until the limit; returns false once the limit is reached.
class TextOut {
 public:
  explicit TextOut(DocumentText* doc, std::size_t max) : doc_(doc), max_(max) {}
  bool Append(std::string_view s) {
    if (doc_->truncated) return false;
    std::string& t = doc_->text;
    if (t.size() + s.size() > max_) {
      t.append(s.substr(0, max_ - t.size()));
      t.resize(text::Utf8SafePrefixLength(t, max_));
      doc_->truncated = true;
      return false;
    }
    t.append(s);
    return true;
  }
  bool full() const { return doc_->truncated; }

 private:
  DocumentText* doc_;
  std::size_t max_;
};

// ---- PDF ----

void IgnorePopplerMessage(const std::string&, void*) {}

std::mutex& PopplerMutex() {
  static std::mutex mu;
  return mu;
}

void PdfText(std::string_view bytes, const DocumentLimits& limits, DocumentText* out) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return;
  // Poppler keeps global state (error callback, font caches); one document at a time.
  std::lock_guard<std::mutex> lock(PopplerMutex());
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(IgnorePopplerMessage, nullptr); });
  try {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc || doc->is_locked()) return;
    out->ok = true;
    TextOut sink(out, limits.max_text_bytes);
    const int pages = std::min(doc->pages(), limits.max_pdf_pages);
    if (doc->pages() > limits.max_pdf_pages) out->truncated = true;
    for (int i = 0; i < pages && !sink.full(); ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (!page) continue;
      const poppler::byte_array utf8 =
          page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
      sink.Append(std::string_view(utf8.data(), utf8.size()));
      sink.Append("\n");
    }
  } catch (...) {
    // poppler-cpp may throw (std::bad_alloc on absurd objects); the text so far is kept.
  }
}

// ---- XML ----

void AppendDecoded(std::string_view s, std::string* out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      const std::size_t amp = std::min(s.find('&', i), s.size());
      out->append(s.substr(i, amp - i));
      i = amp - 1;
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out->push_back('&');
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out->push_back('&');
    else if (ent == "lt")
      out->push_back('<');
    else if (ent == "gt")
      out->push_back('>');
    else if (ent == "quot")
      out->push_back('"');
    else if (ent == "apos")
      out->push_back('\'');
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      const std::string num(ent.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(num.c_str(), &end, hex ? 16 : 10);
      if (end != num.c_str() && *end == '\0' && cp > 0 && cp <= 0x10FFFF) {
        text::AppendUtf8(static_cast<char32_t>(cp), out);
      }
    } else {
      out->append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
}

struct XmlTag {
  std::string_view name;  // local name, without namespace prefix
  std::string_view raw;   // between '<' and '>'
  bool closing = false;
  bool self_closing = false;
};

// Calls on_tag(XmlTag) and on_text(string_view) in document order; stops when they return
// false. Comments, processing instructions and CDATA markers are skipped as tags.
template <typename OnTag, typename OnText>
void WalkXml(std::string_view xml, OnTag on_tag, OnText on_text) {
  std::size_t p = 0;
  while (p < xml.size()) {
    const std::size_t lt = xml.find('<', p);
    if (lt != p && !on_text(xml.substr(p, (lt == std::string_view::npos ? xml.size() : lt) - p))) {
      return;
    }
    if (lt == std::string_view::npos) return;
    const std::size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos) return;
    XmlTag tag;
    tag.raw = xml.substr(lt + 1, gt - lt - 1);
    std::string_view r = tag.raw;
    if (!r.empty() && r.front() == '/') {
      tag.closing = true;
      r.remove_prefix(1);
    }
    if (!r.empty() && r.back() == '/') tag.self_closing = true;
    std::size_t e = 0;
    while (e < r.size() && r[e] != ' ' && r[e] != '/' && r[e] != '\t' && r[e] != '\n' &&
           r[e] != '\r') {
      ++e;
    }
    tag.name = r.substr(0, e);
    if (const std::size_t colon = tag.name.find(':'); colon != std::string_view::npos) {
      tag.name.remove_prefix(colon + 1);
    }
    if (!on_tag(tag)) return;
    p = gt + 1;
  }
}

// Value of attribute `name` in a raw tag, e.g. t="s".
std::string_view Attr(std::string_view raw, std::string_view name) {
  std::size_t p = 0;
  while ((p = raw.find(name, p)) != std::string_view::npos) {
    const std::size_t q = p + name.size();
    if (p > 0 && raw[p - 1] == ' ' && q + 1 < raw.size() && raw[q] == '=' &&
        (raw[q + 1] == '"' || raw[q + 1] == '\'')) {
      const std::size_t end = raw.find(raw[q + 1], q + 2);
      if (end == std::string_view::npos) return {};
      return raw.substr(q + 2, end - q - 2);
    }
    p = q;
  }
  return {};
}

}  // namespace

namespace {

void WordPartText(std::string_view xml, TextOut* sink) {
  bool in_text = false;
  std::string decoded;
  WalkXml(
      xml,
      [&](const XmlTag& tag) {
        if (tag.name == "t") {
          in_text = !tag.closing && !tag.self_closing;
        } else if (tag.name == "tab" && !tag.closing) {
          return sink->Append("\t");
        } else if ((tag.name == "br" || tag.name == "cr") && !tag.closing) {
          return sink->Append("\n");
        } else if (tag.closing && (tag.name == "p" || tag.name == "tr")) {
          return sink->Append("\n");
        } else if (tag.closing && tag.name == "tc") {
          return sink->Append("\t");
        }
        return true;
      },
      [&](std::string_view s) {
        if (!in_text) return true;
        decoded.clear();
        AppendDecoded(s, &decoded);
        return sink->Append(decoded);
      });
}

// The body, then headers and footers: invoice templates often keep bank details in the footer.
void DocxText(std::string_view bytes, const DocumentLimits& limits, DocumentText* out) {
  ZipReader zip(bytes);
  if (!zip.ok()) return;
  std::string xml;
  if (!zip.Read("word/document.xml", limits.max_xml_bytes, &xml, &out->truncated)) return;
  out->ok = true;
  TextOut sink(out, limits.max_text_bytes);
  WordPartText(xml, &sink);
  int extra = 0;
  for (const std::string& name : zip.Names()) {
    if (sink.full() || extra >= 8) break;
    if (!name.ends_with(".xml") ||
        !(name.starts_with("word/header") || name.starts_with("word/footer"))) {
      continue;
    }
    ++extra;
    if (zip.Read(name, limits.max_xml_bytes, &xml, &out->truncated)) WordPartText(xml, &sink);
  }
}

std::vector<std::string> SharedStrings(const ZipReader& zip, const DocumentLimits& limits,
                                       bool* truncated) {
  std::vector<std::string> strings;
  std::string xml;
  if (!zip.Read("xl/sharedStrings.xml", limits.max_xml_bytes, &xml, truncated)) return strings;
  bool in_si = false;
  bool in_t = false;
  int in_phonetic = 0;  // <rPh> holds furigana readings, not cell text
  std::string current;
  WalkXml(
      xml,
      [&](const XmlTag& tag) {
        if (tag.name == "si") {
          if (tag.closing) {
            strings.push_back(std::move(current));
            current.clear();
          }
          in_si = !tag.closing && !tag.self_closing;
          if (tag.self_closing) strings.emplace_back();
        } else if (tag.name == "rPh") {
          in_phonetic += tag.closing ? -1 : (tag.self_closing ? 0 : 1);
        } else if (tag.name == "t") {
          in_t = !tag.closing && !tag.self_closing;
        }
        return true;
      },
      [&](std::string_view s) {
        if (in_si && in_t && in_phonetic <= 0) AppendDecoded(s, &current);
        return true;
      });
  return strings;
}

int SheetNumber(std::string_view name) {
  static constexpr std::string_view kPrefix = "xl/worksheets/sheet";
  if (!name.starts_with(kPrefix) || !name.ends_with(".xml")) return -1;
  const std::string_view digits = name.substr(kPrefix.size(), name.size() - kPrefix.size() - 4);
  if (digits.empty() || digits.size() > 6) return -1;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Rows become lines and cells tab-separated, so a label cell and its value stay together.
void SheetText(std::string_view xml, const std::vector<std::string>& shared, TextOut* sink) {
  std::string_view type;
  bool in_value = false;
  bool in_inline_text = false;
  std::string cell;
  WalkXml(
      xml,
      [&](const XmlTag& tag) {
        if (tag.name == "c") {
          if (!tag.closing) {
            type = Attr(tag.raw, "t");
            cell.clear();
          }
          if (tag.closing || tag.self_closing) {
            if (!cell.empty() && !(sink->Append(cell) && sink->Append("\t"))) return false;
            cell.clear();
          }
        } else if (tag.name == "v") {
          in_value = !tag.closing && !tag.self_closing;
        } else if (tag.name == "t") {
          in_inline_text = !tag.closing && !tag.self_closing;
        } else if (tag.name == "row" && (tag.closing || tag.self_closing)) {
          return sink->Append("\n");
        }
        return true;
      },
      [&](std::string_view s) {
        if (in_value && type == "s") {
          std::size_t index = 0;
          bool digits = !s.empty();
          for (char c : s) {
            if (c < '0' || c > '9' || index > 100000000) digits = false;
            if (digits) index = index * 10 + static_cast<std::size_t>(c - '0');
          }
          if (digits && index < shared.size()) cell += shared[index];
        } else if (in_value || (in_inline_text && type == "inlineStr")) {
          AppendDecoded(s, &cell);
        }
        return true;
      });
}

void XlsxText(std::string_view bytes, const DocumentLimits& limits, DocumentText* out) {
  ZipReader zip(bytes);
  if (!zip.ok()) return;
  std::vector<std::pair<int, std::string>> sheets;
  for (std::string& name : zip.Names()) {
    const int n = SheetNumber(name);
    if (n >= 0) sheets.emplace_back(n, std::move(name));
  }
  if (sheets.empty()) return;
  std::sort(sheets.begin(), sheets.end());
  if (static_cast<int>(sheets.size()) > limits.max_sheets) {
    sheets.resize(static_cast<std::size_t>(limits.max_sheets));
    out->truncated = true;
  }
  out->ok = true;
  const std::vector<std::string> shared = SharedStrings(zip, limits, &out->truncated);
  TextOut sink(out, limits.max_text_bytes);
  std::string xml;
  for (const auto& [n, name] : sheets) {
    if (sink.full()) break;
    if (!zip.Read(name, limits.max_xml_bytes, &xml, &out->truncated)) continue;
    SheetText(xml, shared, &sink);
  }
}

}  // namespace

DocumentKind DocumentKindOf(std::string_view content_type, std::string_view filename) {
  if (content_type == "application/pdf" || content_type == "application/x-pdf") {
    return DocumentKind::kPdf;
  }
  if (content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document") {
    return DocumentKind::kDocx;
  }
  if (content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return DocumentKind::kXlsx;
  }
  if (EndsWithNoCase(filename, ".pdf")) return DocumentKind::kPdf;
  if (EndsWithNoCase(filename, ".docx")) return DocumentKind::kDocx;
  if (EndsWithNoCase(filename, ".xlsx")) return DocumentKind::kXlsx;
  return DocumentKind::kNone;
}

DocumentText ExtractDocumentText(DocumentKind kind, std::string_view bytes,
                                 const DocumentLimits& limits) {
  DocumentText out;
  if (bytes.empty() || bytes.size() > limits.max_input_bytes) return out;
  try {
    switch (kind) {
      case DocumentKind::kPdf:
        PdfText(bytes, limits, &out);
        break;
      case DocumentKind::kDocx:
        DocxText(bytes, limits, &out);
        break;
      case DocumentKind::kXlsx:
        XlsxText(bytes, limits, &out);
        break;
      case DocumentKind::kNone:
        break;
    }
  } catch (...) {
    // std::bad_alloc and the like: a document we cannot read is just text we do not have.
    out.text.clear();
    out.ok = false;
  }
  return out;
}

}  // namespace becguard::mime
