// Explains a style mismatch in words a security analyst understands: the strongest differences
// between one message and the claimed sender's profile ("greets with 'dear <name>,' — usually
// 'hi <name>,' (64 %)", "sentences of 31 words on average — usually 12").
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "style/features.h"
#include "style/profile.h"

namespace becguard::style {

// At most `max` differences, strongest first; empty when nothing stands out on its own (the
// mismatch then lies in the character and word habits as a whole).
std::vector<std::string> ExplainDifferences(const StyleSample& sample, const StyleProfile& profile,
                                            std::size_t max = 3);

}  // namespace becguard::style
