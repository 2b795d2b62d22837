// Result<T> and Error: how becguard reports "no answer could be produced".
//
// Malformed mail is not an Error (the parser records defects instead); an Error means a
// verdict or a component could not be produced at all. Value types, thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace becguard {

// A short canonical list in the spirit of absl::StatusCode.
enum class ErrorCode {
  kInvalidArgument,   // bad config value, bad command-line argument
  kNotFound,          // file, data file or key missing
  kMalformed,         // input cannot be read at all (not: mail with defects)
  kLimitExceeded,     // an explicit, configured limit stopped the work
  kUnavailable,       // a dependency (library, service) could not be used
  kDeadlineExceeded,  // a time limit passed
  kInternal,          // a bug: an invariant did not hold
};

std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "not_found: data/freemail.txt: no such file"
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error(code, std::move(message)));
}

}  // namespace becguard

// Propagates the error of a Result<T> expression; the only error macro in the code base.
#define BECGUARD_RETURN_IF_ERROR(expr)                                    \
  do {                                                                    \
    if (auto becguard_result_ = (expr); !becguard_result_) {              \
      return tl::unexpected<::becguard::Error>(becguard_result_.error()); \
    }                                                                     \
  } while (false)
