#include "mime/html_to_text.h"

#include <gtest/gtest.h>

#include "mime/url.h"

namespace becguard::mime {
namespace {

TEST(HtmlToTextTest, BlocksBreaksAndWhitespace) {
  const HtmlText h = HtmlToText("<div>line   one</div><p>para\n two</p>a<br>b<BR/>c");
  EXPECT_EQ(h.text, "line one\n\npara two\n\na\nb\nc");
}

TEST(HtmlToTextTest, DropsScriptStyleTitleAndComments) {
  const HtmlText h = HtmlToText(
      "<head><title>T</title><style>.x{}</style></head><script>if (a<b) {}</script>"
      "<!-- hidden <p>x</p> -->visible<SCRIPT type=x>evil()</SCRIPT> text");
  EXPECT_EQ(h.text, "visible text");
}

TEST(HtmlToTextTest, HeadDroppedOnlyWhenItEnds) {
  EXPECT_EQ(HtmlToText("<head><meta x>junk text<link y></head><body>hello</body>").text, "hello");
  EXPECT_EQ(HtmlToText("<HEAD>junk<BODY>hello").text, "hello");
  EXPECT_EQ(HtmlToText("<head><p>Pay the invoice today</p>").text, "Pay the invoice today");
}

TEST(HtmlToTextTest, Entities) {
  EXPECT_EQ(HtmlToText("a&amp;b &lt;c&gt; &#26085;&#x672C; &nbsp;&quot;q&quot; &euro;").text,
            "a&b <c> 日本 \"q\" €");
  EXPECT_EQ(HtmlToText("AT&T &unknown; &#0; &#xFFFFFFFF;").text,
            "AT&T &unknown; \xEF\xBF\xBD \xEF\xBF\xBD");
  EXPECT_EQ(HtmlToText("&amp &copy2024").text, "& ©2024");
}

TEST(HtmlToTextTest, LinksWithAnchorText) {
  const HtmlText h = HtmlToText(
      "<a href='https://evil.example/x?a=1&amp;b=2'>  Your <b>Bank</b>\n Login </a>"
      "<a name=top>no href</a><A HREF=http://User@Host.Example:8080/p>x</A>"
      "<a href=\"javascript:void(0)\">js</a>");
  ASSERT_EQ(h.links.size(), 3u);
  EXPECT_EQ(h.links[0].href, "https://evil.example/x?a=1&b=2");
  EXPECT_EQ(h.links[0].anchor_text, "Your Bank Login");
  EXPECT_EQ(h.links[0].host, "evil.example");
  EXPECT_EQ(h.links[1].host, "host.example");
  EXPECT_EQ(h.links[2].host, "");
}

TEST(HtmlToTextTest, UnclosedAnchorClosedByNextAnchor) {
  const HtmlText h = HtmlToText("<a href=https://a.example>first <a href=https://b.example>second");
  ASSERT_EQ(h.links.size(), 2u);
  EXPECT_EQ(h.links[0].anchor_text, "first");
  EXPECT_EQ(h.links[1].anchor_text, "second");
}

TEST(HtmlToTextTest, TrackingPixelsAndHiddenImages) {
  const HtmlText h = HtmlToText(
      "<img src=https://t.example/o.gif width=1 height=1>"
      "<img src='https://cdn.example/logo.png' width='200' height='50'>"
      "<img src=https://t.example/a.gif style='visibility: hidden'>"
      "<img src=https://t.example/b.gif style='opacity:0.0'>"
      "<img src=https://t.example/c.gif style='opacity:0.5'>"
      "<img src=https://t.example/d.gif style='WIDTH:1px;HEIGHT:1px'>"
      "<img src=https://t.example/e.gif width=100%>"
      "<img alt=no-src>");
  ASSERT_EQ(h.images.size(), 7u);
  EXPECT_TRUE(h.images[0].hidden);
  EXPECT_EQ(h.images[0].height, 1);
  EXPECT_FALSE(h.images[1].hidden);
  EXPECT_EQ(h.images[1].width, 200);
  EXPECT_TRUE(h.images[2].hidden);
  EXPECT_TRUE(h.images[3].hidden);
  EXPECT_FALSE(h.images[4].hidden);
  EXPECT_TRUE(h.images[5].hidden);
  EXPECT_FALSE(h.images[6].hidden);
  EXPECT_EQ(h.images[6].width, -1);
  EXPECT_EQ(h.images[0].host, "t.example");
}

TEST(HtmlToTextTest, MalformedMarkupNeverLosesEverything) {
  EXPECT_EQ(HtmlToText("a < b and c > d").text, "a < b and c > d");
  EXPECT_EQ(HtmlToText("text <p unterminated").text, "text");
  EXPECT_EQ(HtmlToText("<p title=\"a>b\">ok</p>").text, "ok");
  EXPECT_EQ(HtmlToText("x<!-- never closed").text, "x");
  EXPECT_EQ(HtmlToText("<").text, "<");
  EXPECT_EQ(HtmlToText("").text, "");
}

TEST(HtmlToTextTest, PreKeepsLines) { EXPECT_EQ(HtmlToText("<pre>a  b\nc</pre>").text, "a  b\nc"); }

TEST(UrlTest, HostExtraction) {
  EXPECT_EQ(UrlHost("https://WWW.Example.COM./path"), "www.example.com");
  EXPECT_EQ(UrlHost("http://bank.com@evil.example/login"), "evil.example");
  EXPECT_EQ(UrlHost("https:\\\\evil.example\\x"), "evil.example");
  EXPECT_EQ(UrlHost("https://[2001:db8::1]:443/"), "[2001:db8::1]");
  EXPECT_EQ(UrlHost("mailto:Pay@Vendor.Example?subject=x"), "vendor.example");
  EXPECT_EQ(UrlHost("ftp://files.example"), "");
  EXPECT_EQ(UrlHost("/relative/path"), "");
  EXPECT_EQ(UrlHost("cid:image001.png@01D"), "");
}

TEST(UrlTest, FindTextUrlsTrimsProsePunctuation) {
  std::vector<Link> links;
  FindTextUrls(
      "See https://a.example/x. Also (https://b.example/y) and "
      "https://c.example/q?a=(1), https://a.example/x again. httpx://no",
      &links);
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].href, "https://a.example/x");
  EXPECT_EQ(links[1].href, "https://b.example/y");
  EXPECT_EQ(links[2].href, "https://c.example/q?a=(1)");
  EXPECT_EQ(links[2].host, "c.example");
}

TEST(UrlTest, JapaneseTextEndsUrl) {
  std::vector<Link> links;
  FindTextUrls("こちら→https://jp.example/login。ご確認ください", &links);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].href, "https://jp.example/login");
}

}  // namespace
}  // namespace becguard::mime
