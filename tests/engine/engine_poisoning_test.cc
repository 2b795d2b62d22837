// Learning that cannot be turned against us (context/trust.h), end to end through the Engine
// with learning on scan: an attacker who first sends a few harmless messages, which the scanner
// learns, still gets flagged when the bank change comes.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "becguard/engine.h"

namespace becguard {
namespace {

std::string Mail(const std::string& from, const std::string& to, const std::string& id,
                 const std::string& subject, const std::string& body) {
  return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + id +
         ">\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
         body;
}

constexpr char kVendor[] = "Anna Berg <billing@brightwater.example>";
constexpr char kClerk[] = "ap@larkspur.example";
constexpr char kOnFileIban[] = "DE89 3704 0044 0532 0130 00";
constexpr char kAttackerIban[] = "GB82 WEST 1234 5698 7654 32";

std::string Invoice(const std::string& iban, int n) {
  return "Dear accounts team,\n\nplease find invoice " + std::to_string(4400 + n) +
         " for the March delivery attached. Kindly pay to our account\nIBAN: " + iban +
         "\n\nBest regards,\nAnna Berg\nBrightwater Chemicals\n";
}

bool Has(const ScanReport& report, FindingId id) {
  for (const ScoredFinding& f : report.findings) {
    if (f.finding.id == id) return true;
  }
  return false;
}

class EnginePoisoningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.store_location = "memory:";
    options.learn_on_scan = LearnPolicy::kNotBec;  // the most permissive policy
    auto engine =
        Engine::Create("[organization]\ndomains = [\"larkspur.example\"]\n", "/", options);
    ASSERT_TRUE(engine) << engine.error().ToString();
    engine_ = std::move(*engine);
    // Taught history: a year of invoices from the vendor, and our replies.
    std::vector<std::string> raw;
    for (int i = 0; i < 12; ++i) {
      raw.push_back(Mail(kVendor, kClerk, "inv" + std::to_string(i) + "@brightwater.example",
                         "Invoice " + std::to_string(4400 + i), Invoice(kOnFileIban, i)));
      raw.push_back(Mail(kClerk, "billing@brightwater.example",
                         "ack" + std::to_string(i) + "@larkspur.example", "Re: Invoice",
                         "Thank you, payment is scheduled for Friday.\n"));
    }
    std::vector<ScanInput> inputs;
    for (const std::string& r : raw) inputs.push_back(ScanInput{r, "history", {}});
    auto learnt = engine_->Learn(inputs);
    ASSERT_TRUE(learnt) << learnt.error().ToString();
  }

  // Scans and, like every front end, teaches what the scan says it may.
  ScanReport ScanAndLearn(const std::string& raw) {
    auto report = engine_->Scan(ScanInput{raw, "scan", {}});
    EXPECT_TRUE(report) << report.error().ToString();
    if (!report) return {};
    if (report->lesson) {
      const std::shared_ptr<const Lesson> lessons[] = {report->lesson};
      EXPECT_TRUE(engine_->Teach(lessons));
    }
    return *report;
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(EnginePoisoningTest, HarmlessMessagesFirstDoNotMakeAStrangerKnown) {
  const std::string attacker = "Anna Berg <anna.berg@brightwater-payments.example>";
  for (int i = 0; i < 3; ++i) {
    const ScanReport warmup = ScanAndLearn(
        Mail(attacker, kClerk, "hello" + std::to_string(i) + "@brightwater-payments.example",
             "Quick question", "Hello, could you confirm you received our catalogue?\n"));
    ASSERT_TRUE(warmup.lesson != nullptr || warmup.verdict == Verdict::kBec);
  }
  const ScanReport attack =
      ScanAndLearn(Mail(attacker, kClerk, "attack@brightwater-payments.example",
                        "Invoice 4470 - new bank details", Invoice(kAttackerIban, 70)));
  EXPECT_TRUE(Has(attack, FindingId::kFirstContact));
  EXPECT_NE(attack.verdict, Verdict::kClean);
}

TEST_F(EnginePoisoningTest, AnAccountOnlyIncomingMailShowedNeverBecomesTheOneOnFile) {
  // From the vendor's own (hijacked) mailbox: three invoices to the new account, each learned.
  for (int i = 0; i < 3; ++i) {
    const ScanReport report =
        ScanAndLearn(Mail(kVendor, kClerk, "hij" + std::to_string(i) + "@brightwater.example",
                          "Invoice " + std::to_string(4450 + i), Invoice(kAttackerIban, 50 + i)));
    EXPECT_TRUE(Has(report, FindingId::kPaymentChanged)) << "message " << i;
  }
  const ScanReport fourth = ScanAndLearn(Mail(kVendor, kClerk, "hij4@brightwater.example",
                                              "Invoice 4460", Invoice(kAttackerIban, 60)));
  EXPECT_TRUE(Has(fourth, FindingId::kPaymentChanged));
  EXPECT_NE(fourth.verdict, Verdict::kClean);
  // The account on file is still fine.
  const ScanReport genuine = ScanAndLearn(
      Mail(kVendor, kClerk, "ok@brightwater.example", "Invoice 4461", Invoice(kOnFileIban, 61)));
  EXPECT_FALSE(Has(genuine, FindingId::kPaymentChanged));
}

TEST_F(EnginePoisoningTest, TaughtNoticeMakesTheNewAccountTheOneOnFile) {
  // Someone called the vendor, confirmed the change and taught the notice (becguard learn).
  const std::string notice = Mail(kVendor, kClerk, "notice@brightwater.example", "New bank details",
                                  Invoice(kAttackerIban, 80));
  ASSERT_TRUE(engine_->Learn(ScanInput{notice, "confirmed", {}}));
  const ScanReport next = ScanAndLearn(Mail(kVendor, kClerk, "next@brightwater.example",
                                            "Invoice 4481", Invoice(kAttackerIban, 81)));
  EXPECT_FALSE(Has(next, FindingId::kPaymentChanged));
}

}  // namespace
}  // namespace becguard
