#include "frontends/milter/subject_tagger.h"

#include "frontends/milter/header_renderer.h"
#include "frontends/milter/transfer_codec.h"
#include "mime/rfc2047.h"

namespace becguard::milter {

std::optional<std::string> TagSubject(std::string_view raw_subject, std::string_view tag) {
  mime::HeaderTextFlags flags;
  const std::string decoded = mime::DecodeEncodedWords(mime::Unfold(raw_subject), &flags);
  const std::string clean_tag = SanitizeHeaderText(tag);
  if (clean_tag.empty() || decoded.rfind(clean_tag, 0) == 0) return std::nullopt;

  bool ascii = true;
  for (unsigned char c : clean_tag) ascii = ascii && c < 0x80;
  std::string_view rest = raw_subject;
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  std::string out;
  if (ascii) {
    out = clean_tag;
    if (!rest.empty()) out += ' ';
  } else {
    // Whitespace between two encoded words is not displayed: the separating space then has to
    // live inside the tag's word.
    const bool word_follows = rest.rfind("=?", 0) == 0;
    out = "=?UTF-8?B?" + Base64Encode(clean_tag + (word_follows ? " " : ""), "") + "?=";
    if (!rest.empty()) out += ' ';
  }
  out += rest;
  return out;
}

}  // namespace becguard::milter
