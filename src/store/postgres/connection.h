// One libpqxx connection of the PostgreSQL store and the statements it has prepared, plus Tx:
// a transaction on such a connection, through which the reader and writer run their named
// statements. Each statement is declared on a connection the first time it is used there;
// libpqxx prepares it on the server at its first execution and keeps it for the connection's
// life, so every later use is a single Bind/Execute round trip. Not thread-safe: a connection
// belongs to one lease (see ConnectionPool) at a time.
#pragma once

#include <set>
#include <string>
#include <utility>

// The umbrella header: libpqxx 6's single headers depend on their include order.
#include <pqxx/pqxx>

namespace becguard::store::postgres {

// A statement the backend runs: a name unique in the backend, and its SQL.
struct Sql {
  const char* name;
  const char* text;
};

class Connection {
 public:
  // Connects at once; throws pqxx::broken_connection when the server cannot be reached.
  explicit Connection(const std::string& uri) : connection_(uri) {}

  pqxx::connection& raw() { return connection_; }
  // The statement's name, after declaring it on this connection if it is new here.
  const std::string& Declare(const Sql& sql);

 private:
  pqxx::connection connection_;
  std::set<std::string, std::less<>> declared_;
};

struct Tx {
  Connection& connection;
  pqxx::transaction_base& work;

  template <typename... Args>
  pqxx::result Exec(const Sql& sql, Args&&... args) {
    return work.exec_prepared(connection.Declare(sql), std::forward<Args>(args)...);
  }
};

}  // namespace becguard::store::postgres
