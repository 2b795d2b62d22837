// MessageAssembler: rebuilds the raw message from libmilter's header and body callbacks, so the
// engine and the banner inserter see the bytes the MTA will deliver (CRLF line ends).
// One per message; not thread-safe (libmilter calls one session's callbacks in order).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace becguard::milter {

struct ReceivedHeader {
  std::string name;
  std::string value;  // as received: leading space removed, folding as "\r\n" + whitespace
};

class MessageAssembler {
 public:
  explicit MessageAssembler(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // `value` as libmilter gives it: folded lines separated by LF (or CRLF); with
  // `has_leading_space` (SMFIP_HDR_LEADSPC negotiated) the text after the colon is exact,
  // otherwise one space is put back.
  void AddHeader(std::string_view name, std::string_view value, bool has_leading_space);
  void EndOfHeaders();
  void AppendBody(std::string_view chunk);

  // True once the message grew past max_bytes; the bytes beyond were not kept.
  bool over_limit() const { return over_limit_; }
  std::size_t total_bytes() const { return total_bytes_; }
  const std::string& raw() const { return raw_; }
  const std::vector<ReceivedHeader>& headers() const { return headers_; }

  // 1-based index among headers of the same name (what smfi_chgheader wants) of headers_[i].
  int IndexAmongSameName(std::size_t i) const;

 private:
  void Append(std::string_view bytes);

  std::size_t max_bytes_;
  std::size_t total_bytes_ = 0;
  bool over_limit_ = false;
  bool headers_ended_ = false;
  std::string raw_;
  std::vector<ReceivedHeader> headers_;
};

}  // namespace becguard::milter
