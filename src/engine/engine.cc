// The one scan path: parse -> lexicon -> detectors -> scoring. See include/becguard/engine.h.
#include "becguard/engine.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/authenticator.h"
#include "context/org_directory.h"
#include "context/store.h"
#include "detectors/registry.h"
#include "domain/domain_tools.h"
#include "engine/config_loader.h"
#include "engine/learning.h"
#include "intel/intel_db.h"
#include "mime/parser.h"
#include "patterns/lexicon.h"
#include "scoring/scorer.h"

namespace becguard {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<toml::table> ParseTomlFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
}

class EngineImpl final : public Engine {
 public:
  EngineImpl(Config config, patterns::Lexicon lexicon, domain::DomainList freemail,
             domain::DomainList esp, intel::IntelDb intel, scoring::Scorer scorer,
             std::vector<std::unique_ptr<detectors::Detector>> chain,
             std::unique_ptr<context::Store> store,
             std::unique_ptr<auth::Authenticator> authenticator)
      : config_(std::move(config)),
        org_(config_.organization, config_.partners),
        lookalikes_(org_.protected_domains()),
        lexicon_(std::move(lexicon)),
        freemail_(std::move(freemail)),
        esp_(std::move(esp)),
        intel_(std::move(intel)),
        scorer_(std::move(scorer)),
        chain_(std::move(chain)),
        store_(std::move(store)),
        authenticator_(std::move(authenticator)),
        trust_{config_.store.trust_min_sightings, config_.store.trust_min_sighting_days} {}

  Result<ScanReport> Scan(const ScanInput& input) const override {
    ParsedMessage parsed;
    return ScanParsed(input, parsed);
  }

  Result<ScanReport> ScanParsed(const ScanInput& input, ParsedMessage& parsed) const override {
    parsed = mime::Parse(input.raw, config_.limits);
    const patterns::IntentHits intents =
        lexicon_.Scan(parsed.normalized_subject, parsed.normalized_new_text);
    detectors::MessageFeatures features = engine::ComputeFeatures(parsed, false);
    // The authentication stage: the one place a scan may wait on the network (bounded by
    // auth.dns_budget_ms), before detectors that only read its verdicts.
    features.auth = authenticator_->Evaluate(parsed, input.raw, input.envelope);
    std::vector<std::string> warnings;
    std::optional<context::LearnedContext> learned;
    if (store_) {
      auto snapshot = store_->Snapshot(engine::BuildQuery(parsed, features, lookalikes_, &org_));
      if (snapshot) {
        learned = std::move(*snapshot);
        learned->trust = trust_;
        if (!learned->style_profiles.empty()) engine::AddStyleSample(parsed, features);
      } else {
        warnings.push_back("learned context unavailable: " + snapshot.error().ToString());
      }
    }
    const detectors::DetectorContext context{parsed,      intents,   org_,
                                             lookalikes_, freemail_, esp_,
                                             intel_,      features,  learned ? &*learned : nullptr};
    FindingSink sink;
    for (const auto& detector : chain_) detector->Inspect(context, sink);

    scoring::ScoringOutcome outcome = scorer_.Score(sink.Take());
    ScanReport report;
    report.message_id = parsed.message_id;
    report.subject = parsed.subject;
    if (const Address* from = parsed.header_from()) report.from = from->address;
    report.score = outcome.score;
    report.verdict = outcome.verdict;
    report.findings = std::move(outcome.findings);
    report.auth = features.auth.ToMethodResults();

    // What the message would teach; learning comes after the verdict and cannot change it.
    const LearnPolicy policy = config_.store.learn_on_scan;
    const bool teach = policy == LearnPolicy::kNotBec  ? report.verdict != Verdict::kBec
                       : policy == LearnPolicy::kClean ? report.verdict == Verdict::kClean
                                                       : false;
    if (store_ && teach) {
      if (features.style.empty()) engine::AddStyleSample(parsed, features);
      report.lesson = std::make_shared<const Lesson>(Lesson{engine::BuildLearnRecord(
          parsed, features, org_, engine::LearnSource::kScanned, UnixNow())});
    }
    report.warnings = std::move(warnings);
    return report;
  }

  Result<void> Teach(std::span<const std::shared_ptr<const Lesson>> lessons) const override {
    if (!store_) return MakeError(ErrorCode::kInvalidArgument, "no store configured");
    std::vector<context::LearnRecord> records;
    records.reserve(lessons.size());
    for (const auto& lesson : lessons) {
      if (lesson) records.push_back(lesson->record);
    }
    return store_->Learn(records);
  }

  std::shared_ptr<const Lesson> LessonOf(const ScanInput& input) const override {
    const ParsedMessage parsed = mime::Parse(input.raw, config_.limits);
    const detectors::MessageFeatures features = engine::ComputeFeatures(parsed, true);
    return std::make_shared<const Lesson>(Lesson{
        engine::BuildLearnRecord(parsed, features, org_, engine::LearnSource::kTaught, UnixNow())});
  }

  bool has_store() const override { return store_ != nullptr; }

  const Config& config() const override { return config_; }
  double suspicious_threshold() const override { return scorer_.suspicious_threshold(); }
  double bec_threshold() const override { return scorer_.bec_threshold(); }

 private:
  Config config_;
  context::OrgDirectory org_;
  domain::LookalikeMatcher lookalikes_;
  patterns::Lexicon lexicon_;
  domain::DomainList freemail_;
  domain::DomainList esp_;
  intel::IntelDb intel_;
  scoring::Scorer scorer_;
  std::vector<std::unique_ptr<detectors::Detector>> chain_;
  std::unique_ptr<context::Store> store_;  // thread-safe; null when no store is configured
  std::unique_ptr<auth::Authenticator> authenticator_;  // thread-safe
  context::TrustRules trust_;
};

}  // namespace

Result<void> Engine::Learn(std::span<const ScanInput> inputs) const {
  std::vector<std::shared_ptr<const Lesson>> lessons;
  lessons.reserve(inputs.size());
  for (const ScanInput& input : inputs) lessons.push_back(LessonOf(input));
  return Teach(lessons);
}

Result<std::unique_ptr<Engine>> Engine::Create(std::string_view config_toml,
                                               const std::string& base_dir,
                                               const EngineOptions& options) {
  mime::InitMime();
  auto loaded = engine::ParseConfig(config_toml, base_dir);
  if (!loaded) return tl::unexpected(loaded.error());
  if (options.store_location) loaded->config.store.location = *options.store_location;
  if (options.learn_on_scan) loaded->config.store.learn_on_scan = *options.learn_on_scan;
  if (options.verify_auth) loaded->config.auth.mode = AuthMode::kVerify;
  const Config& config = loaded->config;
  const fs::path data(config.data_dir);

  auto lexicon = patterns::Lexicon::LoadDir((data / "lexicons").string(), config.cache_dir);
  if (!lexicon) return tl::unexpected(lexicon.error());
  auto freemail = domain::DomainList::Load((data / "freemail_domains.txt").string());
  if (!freemail) return tl::unexpected(freemail.error());
  auto esp = domain::DomainList::Load((data / "esp_domains.txt").string());
  if (!esp) return tl::unexpected(esp.error());
  auto intel = intel::IntelDb::Load(
      config.ioc_files, (data / "intel" / "campaign_patterns.txt").string(), config.cache_dir);
  if (!intel) return tl::unexpected(intel.error());
  auto scores = ParseTomlFile(config.scores_file);
  if (!scores) return tl::unexpected(scores.error());
  auto scorer = scoring::Scorer::FromToml(*scores, loaded->scoring);
  if (!scorer) return tl::unexpected(scorer.error());
  auto chain = detectors::BuildDetectors(loaded->detectors);
  if (!chain) return tl::unexpected(chain.error());
  std::unique_ptr<context::Store> store;
  if (!config.store.location.empty()) {
    auto opened = context::OpenStore(config.store.location);
    if (!opened) return tl::unexpected(opened.error());
    store = std::move(*opened);
  }

  auto authenticator = auth::Authenticator::Create(config.auth, config.limits.max_message_bytes);
  if (!authenticator) return tl::unexpected(authenticator.error());

  return std::unique_ptr<Engine>(
      new EngineImpl(std::move(loaded->config), std::move(*lexicon), std::move(*freemail),
                     std::move(*esp), std::move(*intel), std::move(*scorer), std::move(*chain),
                     std::move(store), std::move(*authenticator)));
}

Result<std::unique_ptr<Engine>> Engine::CreateFromFile(const std::string& config_path,
                                                       const EngineOptions& options) {
  auto text = ReadFile(config_path);
  if (!text) return tl::unexpected(text.error());
  std::string base = fs::absolute(fs::path(config_path)).parent_path().string();
  return Create(*text, base, options);
}

}  // namespace becguard
