// ConnectionPool: the PostgreSQL connections of one store, opened on demand up to a maximum and
// lent to one caller at a time, so scanning threads read in parallel without each opening a
// connection per message. A lease whose connection broke is discarded; the idle ones go too,
// since they talk to the same (restarted or unreachable) server. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "becguard/result.h"
#include "store/postgres/connection.h"

namespace becguard::store::postgres {

class ConnectionPool {
 public:
  // How long Borrow waits for a busy pool before giving up.
  static constexpr std::chrono::seconds kBorrowTimeout{30};

  // uri goes to libpq; display (without password) into messages.
  ConnectionPool(std::string uri, std::string display, std::size_t max_size);

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }
    // The connection broke: close it instead of returning it, and drop the idle ones.
    void Discard();

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // An idle connection, a new one while fewer than max_size are open, or after waiting for one
  // to come back. kUnavailable when the server cannot be reached or the pool stays busy.
  Result<Lease> Borrow();

  const std::string& display() const { return display_; }

 private:
  void Return(std::unique_ptr<Connection> connection, bool broken);

  const std::string uri_;
  const std::string display_;
  const std::size_t max_size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                           // idle and lent; guarded by mutex_
};

}  // namespace becguard::store::postgres
