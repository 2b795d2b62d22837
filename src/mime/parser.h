// mime::Parse: raw RFC 5322 bytes -> ParsedMessage, with GMime 3.
//
// Never fails on malformed mail: problems become ParsedMessage::defects, limits are enforced
// here (Limits) and recorded as kLimit* defects. Thread-safe: GMime is initialised once
// (InitMime, call before threads start; Parse calls it lazily too) and each call uses its own
// GMime objects.
#pragma once

#include <string_view>

#include "becguard/config.h"
#include "becguard/message.h"

namespace becguard::mime {

void InitMime();

ParsedMessage Parse(std::string_view raw, const Limits& limits);

}  // namespace becguard::mime
