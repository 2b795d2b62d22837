// Writing style end to end through the Engine: `learn` builds profiles in the store, and a scan
// of mail from the CEO's own address written by someone else gets style.mismatch, alone below
// "suspicious"; the CEO's own new mail does not.
#include <gtest/gtest.h>

#include <string>

#include "../style/writers.h"
#include "becguard/engine.h"

namespace becguard {
namespace {

namespace writers = style::testing;

std::string Mail(const std::string& from, const std::string& id, const std::string& body) {
  return "From: " + from + "\r\nTo: ap@larkspur.example\r\nSubject: update " + id +
         "\r\nMessage-ID: <" + id +
         "@larkspur.example>\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
         body;
}

class EngineStyleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.store_location = "memory:";
    options.learn_on_scan = LearnPolicy::kNone;
    auto engine =
        Engine::Create("[organization]\ndomains = [\"larkspur.example\"]\n", "/", options);
    ASSERT_TRUE(engine) << engine.error().ToString();
    engine_ = std::move(*engine);
    Teach("ceo@larkspur.example", writers::Terse());
    Teach("pat@larkspur.example", writers::Casual());
    for (int k = 0; k < 8; ++k) {
      Teach("staff" + std::to_string(k) + "@larkspur.example", writers::Population(k));
    }
  }
  void Teach(const std::string& from, const writers::Writer& w) {
    for (int i = 0; i < 25; ++i) {
      auto learnt = engine_->Learn(
          ScanInput{Mail(from, from + std::to_string(i), writers::Message(w, i)), "learn", {}});
      ASSERT_TRUE(learnt) << learnt.error().ToString();
    }
  }
  const ScoredFinding* Style(const ScanReport& report) {
    for (const ScoredFinding& f : report.findings) {
      if (f.finding.id == FindingId::kStyleMismatch) return &f;
    }
    return nullptr;
  }
  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineStyleTest, SomeoneElseWritingFromTheCeosAddress) {
  auto report = engine_->Scan(ScanInput{
      Mail("CEO <ceo@larkspur.example>", "attack", writers::Message(writers::Casual(), 60)),
      "t",
      {}});
  ASSERT_TRUE(report) << report.error().ToString();
  const ScoredFinding* f = Style(*report);
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->finding.evidence.expected.find("ceo@larkspur.example"), std::string::npos);
  EXPECT_EQ(report->verdict, Verdict::kClean);  // alone it never blocks mail
}

TEST_F(EngineStyleTest, TheCeosOwnMailIsQuiet) {
  for (int i = 60; i < 64; ++i) {
    auto report =
        engine_->Scan(ScanInput{Mail("CEO <ceo@larkspur.example>", "own" + std::to_string(i),
                                     writers::Message(writers::Terse(), i)),
                                "t",
                                {}});
    ASSERT_TRUE(report);
    EXPECT_EQ(Style(*report), nullptr) << i;
  }
}

}  // namespace
}  // namespace becguard
