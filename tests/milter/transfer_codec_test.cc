#include "frontends/milter/transfer_codec.h"

#include <gtest/gtest.h>

namespace becguard::milter {
namespace {

TEST(TransferCodecTest, Base64RoundTripsAndWrapsAt76) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) bytes += static_cast<char>(i * 7);
  const std::string encoded = Base64Encode(bytes, "\r\n");
  EXPECT_EQ(encoded.find("\r\n"), 76u);
  EXPECT_EQ(Base64Decode(encoded), bytes);
  EXPECT_EQ(Base64Encode("ab", "\n"), "YWI=");
  EXPECT_FALSE(Base64Decode("YW*I").has_value());
  EXPECT_FALSE(Base64Decode("YQ==YQ").has_value());
}

TEST(TransferCodecTest, QuotedPrintableEncodesWhatMustBeEscaped) {
  EXPECT_EQ(QuotedPrintableEncode("a=b \r\n", "\r\n"), "a=3Db=20\r\n");
  EXPECT_EQ(QuotedPrintableEncode("\x1b$B", "\r\n"), "=1B$B=\r\n");  // ends with a soft break
  std::string long_line(200, 'x');
  const std::string encoded = QuotedPrintableEncode(long_line + "\n", "\n");
  std::size_t start = 0;
  for (std::size_t nl; (nl = encoded.find('\n', start)) != std::string::npos; start = nl + 1) {
    EXPECT_LE(nl - start, 76u);
  }
  EXPECT_EQ(QuotedPrintableDecode(encoded), long_line + "\n");
  const std::string utf8 = "Grüße — ok\r\n";
  EXPECT_EQ(QuotedPrintableDecode(QuotedPrintableEncode(utf8, "\r\n")), utf8);
}

TEST(TransferCodecTest, EncodedOffsetSkipsEscapesAndSoftBreaks) {
  const std::string qp = "<b=\r\nody>=3D\r\nx";
  // Decoded: "<body>=\r\nx"
  EXPECT_EQ(QuotedPrintableDecode(qp), "<body>=\r\nx");
  EXPECT_EQ(QuotedPrintableEncodedOffset(qp, 0), 0u);
  EXPECT_EQ(QuotedPrintableEncodedOffset(qp, 2), 5u);  // after the soft break
  EXPECT_EQ(QuotedPrintableEncodedOffset(qp, 6), 9u);
  EXPECT_EQ(QuotedPrintableEncodedOffset(qp, 7), 12u);
  EXPECT_EQ(QuotedPrintableEncodedOffset(qp, 10), qp.size());
  EXPECT_FALSE(QuotedPrintableEncodedOffset(qp, 11).has_value());
}

}  // namespace
}  // namespace becguard::milter
