// Greeting and sign-off forms of a message, normalised so that habits compare across messages:
// "Hi Vince," -> "hi <name>,"; "山田様" -> "<name>様"; "Thanks,\nJeff" -> "thanks, / jeff".
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace becguard::style {

// `lines`: the own text's lines, NFKC-normalised, trimmed, empty lines removed.
std::string GreetingForm(const std::vector<std::string_view>& lines);
std::string SignoffForm(const std::vector<std::string_view>& lines);

}  // namespace becguard::style
