// PostgreSQL array literals for batched statements (`= ANY($1::text[])`, `unnest($1::text[],
// $2::bigint[])`): one parameter carries a whole batch, so a snapshot or a learned batch costs
// one round trip per table instead of one per key. And the way back: a text[] column as a
// vector. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/postgres/connection.h"

namespace becguard::store::postgres {

// An array literal such as {"a","b \"quoted\""} or {1,2}. Text elements are always quoted, so
// empty strings, commas, braces, quotes, backslashes and NULL-like words survive.
class ArrayLiteral {
 public:
  ArrayLiteral& Text(std::string_view value);
  ArrayLiteral& Int(std::int64_t value);
  std::string str() const { return "{" + body_ + "}"; }
  std::size_t size() const { return size_; }

 private:
  void Separate();

  std::string body_;
  std::size_t size_ = 0;
};

// Runs a statement whose parameters are the columns of a batch ($1 the first array, ...).
template <std::size_t N>
pqxx::result ExecColumns(Tx& tx, const Sql& sql, const std::array<ArrayLiteral, N>& columns) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return tx.Exec(sql, columns[I].str()...);
  }
  (std::make_index_sequence<N>());
}

// A text[] (or text[] of an ARRAY(SELECT ...)) column; NULL elements are skipped.
std::vector<std::string> ParseTextArray(const pqxx::field& field);

// A bytea column's raw bytes.
std::string Bytes(const pqxx::field& field);

// Lower-case hex of raw bytes, for decode($n, 'hex') in a batched bytea update.
std::string Hex(std::string_view bytes);

}  // namespace becguard::store::postgres
