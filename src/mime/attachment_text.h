// Text of document attachments (PDF via poppler-cpp, DOCX and XLSX via their zip container's
// XML) for payment-detail extraction and attachment comparison, with explicit limits on input
// size, pages, decompressed bytes and output. Broken, encrypted or hostile documents give empty
// text, never an error or a crash. Thread-safe (PDF parsing is serialised internally).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace becguard::mime {

enum class DocumentKind { kNone, kPdf, kDocx, kXlsx };

// From the content type, else the file name extension (mail clients often send
// application/octet-stream).
DocumentKind DocumentKindOf(std::string_view content_type, std::string_view filename);

struct DocumentLimits {
  std::size_t max_input_bytes = 20u << 20;  // larger documents are not opened
  int max_pdf_pages = 20;
  std::size_t max_xml_bytes = 8u << 20;  // decompressed bytes read from one zip entry
  int max_sheets = 16;
  std::size_t max_text_bytes = 1u << 20;  // output cut here (UTF-8 safe)
};

struct DocumentText {
  std::string text;
  bool ok = false;         // the document could be opened and read
  bool truncated = false;  // a limit cut the text
};

DocumentText ExtractDocumentText(DocumentKind kind, std::string_view bytes,
                                 const DocumentLimits& limits);

}  // namespace becguard::mime
