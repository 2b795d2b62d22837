#include "store/sqlite/statement.h"

namespace becguard::store::sqlite {

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  // SQLITE_TRANSIENT: callers bind temporaries; SQLite copies the bytes.
  const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                   SQLITE_TRANSIENT);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                                   SQLITE_TRANSIENT);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_rc_ != SQLITE_OK) return tl::unexpected(StepError(bind_rc_));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(StepError(rc));
}

Result<void> Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
      Reset();
      return {};
    }
  }
}

std::string Statement::Text(int column) const {
  const auto* bytes = sqlite3_column_text(stmt_, column);
  if (bytes == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) return "";
  return std::string(static_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Error Statement::StepError(int rc) const {
  std::string message = "sqlite: ";
  message += sqlite3_errstr(rc);
  if (sqlite3* db = sqlite3_db_handle(stmt_); db != nullptr && sqlite3_errcode(db) == rc) {
    message += ": ";
    message += sqlite3_errmsg(db);
  }
  message += " (in: ";
  message += sqlite3_sql(stmt_);
  message += ")";
  return Error(ErrorCode::kUnavailable, std::move(message));
}

}  // namespace becguard::store::sqlite
