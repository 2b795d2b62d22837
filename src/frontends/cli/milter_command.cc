// `becguard milter`: hands over to the libmilter adapter in src/frontends/milter.
#include "frontends/cli/commands.h"
#include "frontends/milter/milter_service.h"

namespace becguard::cli {

int RunMilterCommand(const MilterCommandOptions& options, const EngineOptions& engine_options) {
  milter::MilterOptions milter_options;
  milter_options.config_path = options.config_path;
  milter_options.socket = options.socket;
  milter_options.engine_options = engine_options;
  return milter::RunMilter(milter_options);
}

}  // namespace becguard::cli
