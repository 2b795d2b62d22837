#include "mime/attachment_text.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "becguard/config.h"
#include "mime/parser.h"

namespace becguard::mime {
namespace {

std::string ReadAttachmentFixture(const std::string& name) {
  std::ifstream in(std::string(BECGUARD_TEST_FIXTURES) + "/mime/attachments/" + name,
                   std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DocumentKindTest, FromContentTypeOrExtension) {
  EXPECT_EQ(DocumentKindOf("application/pdf", ""), DocumentKind::kPdf);
  EXPECT_EQ(DocumentKindOf("application/octet-stream", "Rechnung.PDF"), DocumentKind::kPdf);
  EXPECT_EQ(DocumentKindOf(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "x"),
            DocumentKind::kDocx);
  EXPECT_EQ(DocumentKindOf("application/octet-stream", "book.xlsx"), DocumentKind::kXlsx);
  EXPECT_EQ(DocumentKindOf("image/png", "logo.png"), DocumentKind::kNone);
  EXPECT_EQ(DocumentKindOf("application/octet-stream", "pdf"), DocumentKind::kNone);
}

TEST(AttachmentTextTest, PdfText) {
  const std::string pdf = ReadAttachmentFixture("invoice.pdf");
  ASSERT_FALSE(pdf.empty());
  const DocumentText t = ExtractDocumentText(DocumentKind::kPdf, pdf, DocumentLimits{});
  EXPECT_TRUE(t.ok);
  EXPECT_FALSE(t.truncated);
  EXPECT_NE(t.text.find("INV-2024-0042"), std::string::npos) << t.text;
  EXPECT_NE(t.text.find("DE89 3704 0044 0532 0130 00"), std::string::npos) << t.text;
}

TEST(AttachmentTextTest, CorruptPdfGivesNoTextAndNoCrash) {
  const std::string pdf = ReadAttachmentFixture("corrupt.pdf");
  ASSERT_FALSE(pdf.empty());
  const DocumentText t = ExtractDocumentText(DocumentKind::kPdf, pdf, DocumentLimits{});
  EXPECT_EQ(t.text.find("IBAN"), std::string::npos);
  // Random bytes and an empty input too.
  EXPECT_TRUE(ExtractDocumentText(DocumentKind::kPdf, "%PDF-1.7\n\xff\xfe", {}).text.empty());
  EXPECT_FALSE(ExtractDocumentText(DocumentKind::kPdf, "", {}).ok);
}

TEST(AttachmentTextTest, DocxParagraphsAndEntities) {
  const std::string docx = ReadAttachmentFixture("invoice.docx");
  const DocumentText t = ExtractDocumentText(DocumentKind::kDocx, docx, DocumentLimits{});
  EXPECT_TRUE(t.ok);
  EXPECT_NE(t.text.find("Amount due: 12,450.00 EUR\n"), std::string::npos) << t.text;
  EXPECT_NE(t.text.find("IBAN GB33 BUKB 2020 1555 5555 55"), std::string::npos) << t.text;
  EXPECT_NE(t.text.find("Tom & Jerry Ltd"), std::string::npos) << t.text;
  EXPECT_EQ(t.text.find("w:t"), std::string::npos);  // no markup leaks
  EXPECT_NE(t.text.find("Sort code 20-00-00\tAccount 55779911"), std::string::npos);  // footer
}

TEST(AttachmentTextTest, XlsxSharedStringsRowsAndNoFurigana) {
  const std::string xlsx = ReadAttachmentFixture("invoice.xlsx");
  const DocumentText t = ExtractDocumentText(DocumentKind::kXlsx, xlsx, DocumentLimits{});
  EXPECT_TRUE(t.ok);
  EXPECT_NE(t.text.find("IBAN\tDE89 3704 0044 0532 0130 00\t\n"), std::string::npos) << t.text;
  EXPECT_NE(t.text.find("Northwind Trading & Co"), std::string::npos);
  EXPECT_NE(t.text.find("振込先\t八雲銀行 本町支店 普通 1234567"), std::string::npos) << t.text;
  EXPECT_NE(t.text.find("Amount\t12450"), std::string::npos);
  EXPECT_EQ(t.text.find("フリコミサキ"), std::string::npos);
}

TEST(AttachmentTextTest, ZipBombIsBounded) {
  const std::string docx = ReadAttachmentFixture("bomb.docx");
  ASSERT_LT(docx.size(), 100000u);  // 24 MB of XML inside
  DocumentLimits limits;
  limits.max_xml_bytes = 1u << 20;
  const DocumentText t = ExtractDocumentText(DocumentKind::kDocx, docx, limits);
  EXPECT_TRUE(t.truncated);
  EXPECT_LE(t.text.size(), limits.max_xml_bytes);
  // Defaults: output still capped.
  const DocumentText d = ExtractDocumentText(DocumentKind::kDocx, docx, DocumentLimits{});
  EXPECT_TRUE(d.truncated);
  EXPECT_LE(d.text.size(), DocumentLimits{}.max_text_bytes);
}

TEST(AttachmentTextTest, NotAZipOrWrongKind) {
  EXPECT_FALSE(ExtractDocumentText(DocumentKind::kDocx, "PK\x03\x04 broken", {}).ok);
  EXPECT_FALSE(ExtractDocumentText(DocumentKind::kXlsx, "hello", {}).ok);
  // A DOCX handed in as XLSX has no sheets.
  const std::string docx = ReadAttachmentFixture("invoice.docx");
  EXPECT_FALSE(ExtractDocumentText(DocumentKind::kXlsx, docx, {}).ok);
  EXPECT_FALSE(ExtractDocumentText(DocumentKind::kNone, docx, {}).ok);
}

TEST(AttachmentTextTest, OversizedInputNotOpened) {
  const std::string pdf = ReadAttachmentFixture("invoice.pdf");
  DocumentLimits limits;
  limits.max_input_bytes = 100;
  EXPECT_FALSE(ExtractDocumentText(DocumentKind::kPdf, pdf, limits).ok);
}

TEST(AttachmentTextTest, ParserFillsPdfAttachmentText) {
  const std::string raw = ReadAttachmentFixture("invoice_pdf.eml");
  const ParsedMessage m = Parse(raw, Limits{});
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "invoice.pdf");
  EXPECT_NE(m.attachments[0].text.find("DE89 3704 0044 0532 0130 00"), std::string::npos)
      << m.attachments[0].text;
  EXPECT_NE(m.body_text.find("Please find the invoice attached."), std::string::npos);
}

TEST(AttachmentTextTest, ParserCutsDocumentTextAtLimit) {
  std::string raw = ReadAttachmentFixture("invoice_pdf.eml");
  Limits limits;
  limits.max_text_bytes = 20;
  const ParsedMessage m = Parse(raw, limits);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_LE(m.attachments[0].text.size(), 20u);
  bool cut = false;
  for (const Defect& d : m.defects) cut = cut || d.kind == DefectKind::kLimitTextLength;
  EXPECT_TRUE(cut);
}

}  // namespace
}  // namespace becguard::mime
