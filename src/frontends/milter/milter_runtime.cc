#include "frontends/milter/milter_runtime.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace becguard::milter {

Result<std::shared_ptr<const MilterRuntime>> LoadRuntime(const std::string& config_path,
                                                         const EngineOptions& options) {
  std::string text;
  std::string base_dir = std::filesystem::current_path().string();
  if (!config_path.empty()) {
    std::ifstream in(config_path, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kNotFound, "config: cannot read " + config_path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    base_dir = std::filesystem::absolute(config_path).parent_path().string();
  }
  auto config = ParseMilterConfig(text);
  if (!config) return tl::unexpected(config.error());
  // The engine reads the same text the [milter] table came from, so both halves match.
  auto engine = Engine::Create(text, base_dir, options);
  if (!engine) return tl::unexpected(engine.error());
  auto runtime = std::make_shared<MilterRuntime>();
  runtime->engine = std::shared_ptr<const Engine>(std::move(*engine));
  runtime->config = std::move(*config);
  return std::shared_ptr<const MilterRuntime>(std::move(runtime));
}

}  // namespace becguard::milter
