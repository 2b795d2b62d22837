// Thread subjects: a subject without the reply/forward prefixes mail clients add in many
// languages (Re:, RE:, Fw:, FWD:, AW:, WG:, SV:, VS:, TR:, RIF:, 返信:, 転送:, 回复:, 转发:,
// Re[2]:, Re(2):, Re^2:) and without leading [list-tag]s, so a thread is recognised however it
// was answered. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace becguard::text {

// The subject with all leading reply/forward prefixes and [tags] removed, trimmed. Expects
// text::Normalize output (so "ＲＥ：" has become "re:"); ASCII letters are compared
// case-insensitively anyway. "re: [ap] fw: invoice 42" -> "invoice 42".
std::string NormalizeThreadSubject(std::string_view normalized_subject);

// True when the subject starts (after optional [tags]) with a reply or forward prefix.
bool IsReplySubject(std::string_view normalized_subject);

}  // namespace becguard::text
