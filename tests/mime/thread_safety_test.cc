// Parse must give identical results when called from several threads at once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mime/parser.h"

namespace becguard::mime {
namespace {

std::string Summary(const ParsedMessage& m) {
  std::string s = m.subject + "|" + m.body_text + "|" + m.new_text + "|";
  for (const Address& a : m.from) s += a.display_name + "<" + a.address + ">";
  for (const Attachment& a : m.attachments) s += a.filename + ":" + a.sha256_hex + ":" + a.text;
  for (const Link& l : m.links) s += l.href + l.host;
  s += std::to_string(m.defects.size());
  return s;
}

TEST(ThreadSafetyTest, ConcurrentParsesMatchSerial) {
  std::vector<std::string> raws;
  const std::filesystem::path dir = std::filesystem::path(BECGUARD_TEST_FIXTURES) / "mime";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    raws.push_back(ss.str());
  }
  ASSERT_GE(raws.size(), 10u);
  InitMime();
  std::vector<std::string> expected;
  for (const std::string& r : raws) expected.push_back(Summary(Parse(r, Limits{})));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t i = 0; i < raws.size(); ++i) {
          if (Summary(Parse(raws[i], Limits{})) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace becguard::mime
