#include "store/postgres/sql_arrays.h"

namespace becguard::store::postgres {
void ArrayLiteral::Separate() {
  if (size_++ > 0) body_ += ',';
}

ArrayLiteral& ArrayLiteral::Text(std::string_view value) {
  Separate();
  body_ += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') body_ += '\\';
    body_ += c;
  }
  body_ += '"';
  return *this;
}

ArrayLiteral& ArrayLiteral::Int(std::int64_t value) {
  Separate();
  body_ += std::to_string(value);
  return *this;
}

std::vector<std::string> ParseTextArray(const pqxx::field& field) {
  std::vector<std::string> out;
  if (field.is_null()) return out;
  pqxx::array_parser parser = field.as_array();
  while (true) {
    auto [juncture, value] = parser.get_next();
    if (juncture == pqxx::array_parser::done) break;
    if (juncture == pqxx::array_parser::string_value) out.push_back(std::move(value));
  }
  return out;
}

std::string Bytes(const pqxx::field& field) { return pqxx::binarystring(field).str(); }

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

}  // namespace becguard::store::postgres
