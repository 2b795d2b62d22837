#include "frontends/milter/message_assembler.h"

#include <strings.h>

namespace becguard::milter {
namespace {

// Every line end becomes CRLF (libmilter separates folded header lines with a bare LF).
std::string ToCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

void MessageAssembler::Append(std::string_view bytes) {
  total_bytes_ += bytes.size();
  if (over_limit_) return;
  if (raw_.size() + bytes.size() > max_bytes_) {
    over_limit_ = true;
    return;
  }
  raw_.append(bytes);
}

void MessageAssembler::AddHeader(std::string_view name, std::string_view value,
                                 bool has_leading_space) {
  std::string v = ToCrlf(value);
  std::string line(name);
  line += ':';
  if (!has_leading_space) line += ' ';
  line += v;
  line += "\r\n";
  Append(line);
  std::string_view stored = v;
  while (has_leading_space && !stored.empty() &&
         (stored.front() == ' ' || stored.front() == '\t')) {
    stored.remove_prefix(1);
  }
  headers_.push_back({std::string(name), std::string(stored)});
}

void MessageAssembler::EndOfHeaders() {
  if (headers_ended_) return;
  headers_ended_ = true;
  Append("\r\n");
}

void MessageAssembler::AppendBody(std::string_view chunk) {
  EndOfHeaders();
  Append(chunk);
}

int MessageAssembler::IndexAmongSameName(std::size_t i) const {
  int index = 0;
  for (std::size_t j = 0; j <= i && j < headers_.size(); ++j) {
    if (strcasecmp(headers_[j].name.c_str(), headers_[i].name.c_str()) == 0) ++index;
  }
  return index;
}

}  // namespace becguard::milter
