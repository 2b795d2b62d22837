#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "domain/domain_tools.h"

namespace becguard::domain {
namespace {

TEST(DomainListTest, ExactAndParentMatches) {
  const DomainList list = DomainList::FromDomains({"sendgrid.net", "Gmail.com", "yahoo.co.jp."});
  EXPECT_EQ(list.size(), 3u);
  EXPECT_TRUE(list.Contains("sendgrid.net"));
  EXPECT_TRUE(list.Contains("em123.sendgrid.net"));
  EXPECT_TRUE(list.Contains("a.b.em123.sendgrid.net"));
  EXPECT_TRUE(list.Contains("GMAIL.COM"));
  EXPECT_TRUE(list.Contains("gmail.com."));
  EXPECT_TRUE(list.Contains("yahoo.co.jp"));
}

TEST(DomainListTest, NoSuffixOrSubstringConfusion) {
  const DomainList list = DomainList::FromDomains({"mail.com", "sendgrid.net"});
  EXPECT_FALSE(list.Contains("gmail.com"));  // not a parent, only a string suffix
  EXPECT_FALSE(list.Contains("sendgrid.net.evil.com"));
  EXPECT_FALSE(list.Contains("net"));
  EXPECT_FALSE(list.Contains("xsendgrid.net"));
  EXPECT_FALSE(list.Contains(""));
}

TEST(DomainListTest, EmptyList) {
  const DomainList list = DomainList::FromDomains({});
  EXPECT_EQ(list.size(), 0u);
  EXPECT_FALSE(list.Contains("gmail.com"));
}

TEST(DomainListTest, DuplicatesCollapse) {
  const DomainList list = DomainList::FromDomains({"a.com", "A.com", "a.com."});
  EXPECT_EQ(list.size(), 1u);
}

TEST(DomainListTest, LoadParsesCommentsAndBlanks) {
  const auto path = std::filesystem::temp_directory_path() / "becguard_domain_list_test.txt";
  {
    std::ofstream out(path);
    out << "# a comment\n\n  gmail.com  \nOutlook.JP # trailing note\r\n\t# indented comment\n"
           "mail.com extra words\n";
  }
  auto list = DomainList::Load(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(list.has_value()) << list.error().ToString();
  EXPECT_EQ(list->size(), 3u);
  EXPECT_TRUE(list->Contains("gmail.com"));
  EXPECT_TRUE(list->Contains("outlook.jp"));
  EXPECT_TRUE(list->Contains("mail.com"));
  EXPECT_FALSE(list->Contains("comment"));
}

TEST(DomainListTest, LoadMissingFileIsNotFound) {
  auto list = DomainList::Load("/nonexistent/becguard/freemail.txt");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().code(), ErrorCode::kNotFound);
}

TEST(DomainListTest, ShippedFreemailList) {
  auto list = DomainList::Load(std::string(BECGUARD_TEST_DATA_DIR) + "/freemail_domains.txt");
  ASSERT_TRUE(list.has_value()) << list.error().ToString();
  EXPECT_GE(list->size(), 250u);
  for (const char* domain :
       {"gmail.com",      "googlemail.com", "outlook.com",   "outlook.jp",    "hotmail.co.uk",
        "yahoo.co.jp",    "icloud.com",     "proton.me",     "gmx.de",        "web.de",
        "mail.com",       "consultant.com", "usa.com",       "qq.com",        "163.com",
        "naver.com",      "docomo.ne.jp",   "i.softbank.jp", "optimum.net",   "comcast.net",
        "btinternet.com", "orange.fr",      "t-online.de",   "mailinator.com"}) {
    EXPECT_TRUE(list->Contains(domain)) << domain;
  }
  // Companies and ESPs are not consumer mailboxes.
  for (const char* domain : {"google.com", "microsoft.com", "sendgrid.net", "example.com",
                             "harwelldynamics.com", "amazonses.com"}) {
    EXPECT_FALSE(list->Contains(domain)) << domain;
  }
}

TEST(DomainListTest, ShippedEspList) {
  auto list = DomainList::Load(std::string(BECGUARD_TEST_DATA_DIR) + "/esp_domains.txt");
  ASSERT_TRUE(list.has_value()) << list.error().ToString();
  for (const char* domain : {"sendgrid.net", "em5.sendgrid.net", "amazonses.com", "mcsv.net",
                             "mailgun.org", "list-manage.com", "mtasv.net", "sparkpostmail.com"}) {
    EXPECT_TRUE(list->Contains(domain)) << domain;
  }
  for (const char* domain : {"gmail.com", "outlook.com", "harwelldynamics.com"}) {
    EXPECT_FALSE(list->Contains(domain)) << domain;
  }
}

TEST(DomainListTest, ShippedListsDoNotOverlap) {
  auto freemail = DomainList::Load(std::string(BECGUARD_TEST_DATA_DIR) + "/freemail_domains.txt");
  auto esp = DomainList::Load(std::string(BECGUARD_TEST_DATA_DIR) + "/esp_domains.txt");
  ASSERT_TRUE(freemail.has_value());
  ASSERT_TRUE(esp.has_value());
  std::ifstream in(std::string(BECGUARD_TEST_DATA_DIR) + "/esp_domains.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::string domain = line.substr(0, line.find_first_of(" \t#"));
    if (domain.empty()) continue;
    EXPECT_FALSE(freemail->Contains(domain)) << domain << " is in both lists";
  }
}

}  // namespace
}  // namespace becguard::domain
