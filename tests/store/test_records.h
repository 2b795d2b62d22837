// Helpers for the store tests: synthetic LearnRecords and temporary database files.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "context/learned_context.h"

namespace becguard::store::testing {

// A message from `from` to one recipient, with a Message-ID and a date.
inline context::LearnRecord MakeRecord(const std::string& id, const std::string& from,
                                       const std::string& to, std::int64_t date) {
  context::LearnRecord record;
  record.message_id = id;
  record.date = date;
  record.from_address = from;
  record.from_domain = from.substr(from.find('@') + 1);
  record.recipients = {{to, ""}};
  record.normalized_subject = "subject of " + id;
  return record;
}

inline payment::PaymentDetail MakePayment(payment::DetailKind kind, const std::string& value,
                                          const std::string& holder = "") {
  payment::PaymentDetail detail;
  detail.kind = kind;
  detail.value = value;
  detail.holder = holder;
  detail.source = "body";
  return detail;
}

// A unique path under the system temp directory, with its directory removed on destruction.
class TempDb {
 public:
  explicit TempDb(const std::string& name) {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("becguard_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / name).string();
  }
  ~TempDb() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  const std::string& path() const { return path_; }
  std::string dir() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace becguard::store::testing
