// Statement: a lease on one cached prepared statement of a Connection. Binding, stepping and
// reading columns; the destructor resets the statement and clears its bindings, so a read
// never holds the database open past its scope and the cache can hand it out again.
// Not thread-safe (used under the owning store's mutex).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "becguard/result.h"

namespace becguard::store::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), bind_rc_(other.bind_rc_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameter indexes start at 1, as in SQL ("?1"). A bind failure is reported by Step.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& BindBlob(int index, std::string_view bytes);

  // true: a row is ready; false: done.
  Result<bool> Step();
  // Steps to completion (statements without result rows), then resets so the lease can be
  // bound and run again.
  Result<void> Run();
  // Ends the current execution (e.g. after reading only the first row); bindings stay.
  void Reset() { sqlite3_reset(stmt_); }

  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const;
  std::string Blob(int column) const;

 private:
  Error StepError(int rc) const;

  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

}  // namespace becguard::store::sqlite
