#include "store/postgres/connection_pool.h"

namespace becguard::store::postgres {

ConnectionPool::ConnectionPool(std::string uri, std::string display, std::size_t max_size)
    : uri_(std::move(uri)), display_(std::move(display)), max_size_(max_size) {}

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->Return(std::move(connection_), false);
}

void ConnectionPool::Lease::Discard() {
  if (connection_) pool_->Return(std::move(connection_), true);
}

Result<ConnectionPool::Lease> ConnectionPool::Borrow() {
  {
    std::unique_lock lock(mutex_);
    const bool available = returned_.wait_for(lock, kBorrowTimeout,
                                              [&] { return !idle_.empty() || open_ < max_size_; });
    if (!available) {
      return MakeError(ErrorCode::kUnavailable,
                       "PostgreSQL store " + display_ + ": all " + std::to_string(max_size_) +
                           " connections stayed busy (raise pool_size in the location)");
    }
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // reserved while connecting outside the lock
  }
  try {
    return Lease(this, std::make_unique<Connection>(uri_));
  } catch (const std::exception& error) {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    returned_.notify_one();
    return MakeError(ErrorCode::kUnavailable,
                     "PostgreSQL store " + display_ + " unreachable: " + error.what());
  }
}

void ConnectionPool::Return(std::unique_ptr<Connection> connection, bool broken) {
  std::vector<std::unique_ptr<Connection>> closing;  // closed outside the lock
  {
    std::lock_guard lock(mutex_);
    if (broken) {
      closing.push_back(std::move(connection));
      for (auto& idle : idle_) closing.push_back(std::move(idle));
      idle_.clear();
      open_ -= closing.size();
    } else {
      idle_.push_back(std::move(connection));
    }
  }
  returned_.notify_all();
}

}  // namespace becguard::store::postgres
