#include "store/postgres/connection.h"

namespace becguard::store::postgres {

const std::string& Connection::Declare(const Sql& sql) {
  if (auto it = declared_.find(sql.name); it != declared_.end()) return *it;
  connection_.prepare(sql.name, sql.text);
  return *declared_.emplace(sql.name).first;
}

}  // namespace becguard::store::postgres
