// Walks a message's MIME tree: picks the body text (text/plain first, else HTML converted),
// collects links/images from HTML, and turns every other leaf into an Attachment. Enforces
// the depth, part-count and text limits. One walker per Parse call; not thread-safe.
#pragma once

#include <gmime/gmime.h>

#include "becguard/config.h"
#include "becguard/message.h"
#include "mime/defect_sink.h"

namespace becguard::mime {

// Fills body_text, has_html, links, images and attachments of `msg` from `root` (the
// message's top-level MIME part, may be null).
void WalkBody(GMimeObject* root, const Limits& limits, ParsedMessage* msg, DefectSink* defects);

// Body text from raw bytes that GMime could not structure (no headers at all): the bytes
// are charset-guessed and used as plain text.
void BodyFromRawText(std::string_view bytes, const Limits& limits, ParsedMessage* msg,
                     DefectSink* defects);

}  // namespace becguard::mime
