// DefectSink: appends parser defects to a ParsedMessage, dropping exact repeats and capping
// the count so hostile input cannot grow the list without bound. Not thread-safe (one per
// Parse call).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "becguard/message.h"

namespace becguard::mime {

class DefectSink {
 public:
  explicit DefectSink(std::vector<Defect>* out) : out_(out) {}

  void Add(DefectKind kind, std::string detail) {
    for (const Defect& d : *out_) {
      if (d.kind == kind && d.detail == detail) return;
    }
    if (out_->size() >= kMaxDefects) return;
    out_->push_back(Defect{kind, std::move(detail)});
  }

  bool Has(DefectKind kind) const {
    for (const Defect& d : *out_) {
      if (d.kind == kind) return true;
    }
    return false;
  }

 private:
  static constexpr std::size_t kMaxDefects = 64;
  std::vector<Defect>* out_;
};

}  // namespace becguard::mime
