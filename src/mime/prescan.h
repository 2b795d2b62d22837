// Cheap pre-scan of the raw bytes that bounds the work GMime will do: GMime builds an object
// for every header and every boundary-delimited part before any limit of ours applies, so
// hostile input (millions of headers or parts) is cut down first. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "becguard/config.h"
#include "mime/defect_sink.h"

namespace becguard::mime {

// Returns the bytes to parse: `raw` itself, or a view of `*storage` when header lines had
// to be dropped. Records a limit defect for whatever was cut.
std::string_view BoundInput(std::string_view raw, const Limits& limits, std::string* storage,
                            DefectSink* defects);

}  // namespace becguard::mime
