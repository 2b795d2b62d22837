// `becguard compare`: reads the two messages, runs forensics::CompareMessages and renders the
// result for a person (sectioned text) or a program (one JSON document).
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "becguard/config.h"
#include "forensics/compare.h"
#include "frontends/cli/commands.h"
#include "mime/parser.h"
#include "payment/payment_details.h"

namespace becguard::cli {
namespace {

using forensics::DiffHunk;
using forensics::DiffOp;
using forensics::MessageComparison;
using forensics::TextDiff;
using nlohmann::json;

constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

bool ReadFile(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return false;
  }
  out = std::move(buffer).str();
  if (out.size() > kMaxInputBytes) {
    error = "larger than 1 GiB";
    return false;
  }
  return true;
}

bool IsSeparator(char c) { return c == ' ' || c == '-' || c == '.'; }

// The numeric parts of a canonical detail value worth hiding: the IBAN itself, the account of
// "routing:account", the number of "bank|branch|type|number". Bank and branch names stay.
std::vector<std::string> SecretParts(const payment::PaymentDetail& detail) {
  std::vector<std::string> parts;
  std::string part;
  auto flush = [&] {
    std::size_t digits = 0;
    for (char c : part) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
    if (part.size() >= 6 && digits >= 4) parts.push_back(part);
    part.clear();
  };
  for (char c : detail.value) {
    if (c == ':' || c == '|') {
      flush();
    } else {
      part += c;
    }
  }
  flush();
  return parts;
}

// Masks every occurrence of `secret` in `line`, also when written with spaces or dashes
// ("GB33 BUKB 2020 ..."), keeping the last 4 characters as MaskValue does.
void MaskOccurrences(std::string& line, std::string_view secret) {
  for (std::size_t start = 0; start < line.size(); ++start) {
    std::vector<std::size_t> positions;
    std::size_t i = start;
    std::size_t k = 0;
    while (i < line.size() && k < secret.size()) {
      const auto c = static_cast<unsigned char>(line[i]);
      if (!positions.empty() && IsSeparator(line[i])) {
        ++i;
        continue;
      }
      if (std::toupper(c) != std::toupper(static_cast<unsigned char>(secret[k]))) break;
      positions.push_back(i);
      ++i;
      ++k;
    }
    if (k != secret.size()) continue;
    for (std::size_t p = 0; p + 4 < positions.size(); ++p) line[positions[p]] = '*';
    start = i - 1;
  }
}

class Masker {
 public:
  Masker(const MessageComparison& comparison, bool enabled) {
    if (!enabled) return;
    for (const auto* list : {&comparison.payment.a, &comparison.payment.b}) {
      for (const payment::PaymentDetail& detail : *list) {
        for (std::string& part : SecretParts(detail)) secrets_.push_back(std::move(part));
      }
    }
    enabled_ = true;
  }

  std::string Value(const payment::PaymentDetail& detail) const {
    return enabled_ ? payment::MaskValue(detail.value) : detail.value;
  }

  std::string Text(std::string text) const {
    for (const std::string& secret : secrets_) MaskOccurrences(text, secret);
    return text;
  }

 private:
  bool enabled_ = false;
  std::vector<std::string> secrets_;
};

char OpChar(DiffOp op) {
  switch (op) {
    case DiffOp::kEqual:
      return ' ';
    case DiffOp::kRemoved:
      return '-';
    case DiffOp::kAdded:
      return '+';
  }
  return '?';
}

json DiffJson(const TextDiff& diff, const Masker& masker) {
  json hunks = json::array();
  for (const DiffHunk& hunk : diff.hunks) {
    json lines = json::array();
    for (const auto& line : hunk.lines) {
      lines.push_back({{"op", std::string(1, OpChar(line.op))}, {"text", masker.Text(line.text)}});
    }
    hunks.push_back({{"sent_start", hunk.a_start},
                     {"sent_lines", hunk.a_count},
                     {"received_start", hunk.b_start},
                     {"received_lines", hunk.b_count},
                     {"lines", std::move(lines)}});
  }
  return {{"hunks", std::move(hunks)},
          {"truncated", diff.truncated},
          {"approximate", diff.approximate}};
}

json SideJson(const forensics::AttachmentSide& side) {
  if (side.filename.empty() && side.sha256_hex.empty()) return nullptr;
  return {{"filename", side.filename},
          {"content_type", side.content_type},
          {"size", side.size},
          {"sha256", side.sha256_hex}};
}

json DetailsJson(const std::vector<payment::PaymentDetail>& details, const Masker& masker) {
  json out = json::array();
  for (const payment::PaymentDetail& detail : details) {
    out.push_back({{"kind", std::string(payment::DetailKindName(detail.kind))},
                   {"value", masker.Value(detail)},
                   {"bank_name", detail.bank_name},
                   {"holder", detail.holder},
                   {"source", detail.source}});
  }
  return out;
}

json ComparisonJson(const CompareOptions& options, const MessageComparison& comparison,
                    const Masker& masker) {
  json headers = json::array();
  for (const auto& header : comparison.headers) {
    headers.push_back({{"name", header.name},
                       {"sent", header.a_present ? json(header.a) : json(nullptr)},
                       {"received", header.b_present ? json(header.b) : json(nullptr)}});
  }
  json attachments = json::array();
  for (const auto& attachment : comparison.attachments) {
    json entry = {{"change", std::string(forensics::AttachmentChangeName(attachment.change))},
                  {"sent", SideJson(attachment.a)},
                  {"received", SideJson(attachment.b)}};
    if (attachment.change == forensics::AttachmentChange::kChanged) {
      entry["text_diff"] = DiffJson(attachment.text_diff, masker);
    }
    attachments.push_back(std::move(entry));
  }
  return {{"sent", options.sent},
          {"received", options.received},
          {"identical", comparison.identical()},
          {"headers", std::move(headers)},
          {"body", DiffJson(comparison.body, masker)},
          {"attachments", std::move(attachments)},
          {"payment",
           {{"sent", DetailsJson(comparison.payment.a, masker)},
            {"received", DetailsJson(comparison.payment.b, masker)},
            {"only_in_sent", DetailsJson(comparison.payment.only_in_a, masker)},
            {"only_in_received", DetailsJson(comparison.payment.only_in_b, masker)}}}};
}

void PrintDiff(std::ostream& out, const TextDiff& diff, const Masker& masker,
               std::string_view indent) {
  for (const DiffHunk& hunk : diff.hunks) {
    out << indent << "@@ -" << hunk.a_start << "," << hunk.a_count << " +" << hunk.b_start << ","
        << hunk.b_count << " @@\n";
    for (const auto& line : hunk.lines) {
      out << indent << OpChar(line.op);
      if (!line.text.empty()) out << ' ' << masker.Text(line.text);
      out << "\n";
    }
  }
  if (diff.truncated) out << indent << "(only the first lines were compared)\n";
  if (diff.approximate) out << indent << "(too many changes: the rest is shown as one block)\n";
}

std::string DetailLine(const payment::PaymentDetail& detail, const Masker& masker) {
  std::string line =
      std::string(payment::DetailKindName(detail.kind)) + "  " + masker.Value(detail);
  if (!detail.bank_name.empty()) line += "  bank: " + detail.bank_name;
  if (!detail.holder.empty()) line += "  holder: " + detail.holder;
  line += "  (" + detail.source + ")";
  return line;
}

void PrintDetails(std::ostream& out, std::string_view title,
                  const std::vector<payment::PaymentDetail>& details, const Masker& masker) {
  out << "  " << title << ":";
  if (details.empty()) out << " none";
  out << "\n";
  for (const auto& detail : details) out << "    " << DetailLine(detail, masker) << "\n";
}

void PrintHuman(std::ostream& out, const CompareOptions& options,
                const MessageComparison& comparison, const Masker& masker) {
  out << "sent:     " << options.sent << "\nreceived: " << options.received << "\n";
  if (comparison.identical()) {
    out << "\nThe messages are identical in headers, body, attachments and payment details.\n";
    return;
  }
  out << "\nHeaders";
  if (comparison.headers.empty()) out << ": no differences";
  out << "\n";
  for (const auto& header : comparison.headers) {
    out << "  " << header.name << "\n";
    out << "    sent:     " << (header.a_present ? header.a : "(absent)") << "\n";
    out << "    received: " << (header.b_present ? header.b : "(absent)") << "\n";
  }
  out << "\nBody";
  if (comparison.body.empty()) out << ": no differences";
  out << "\n";
  PrintDiff(out, comparison.body, masker, "  ");
  out << "\nAttachments";
  if (comparison.attachments.empty()) out << ": no differences";
  out << "\n";
  for (const auto& attachment : comparison.attachments) {
    out << "  " << forensics::AttachmentChangeName(attachment.change) << ": ";
    switch (attachment.change) {
      case forensics::AttachmentChange::kAdded:
        out << attachment.b.filename << " (" << attachment.b.size << " bytes)";
        break;
      case forensics::AttachmentChange::kRemoved:
        out << attachment.a.filename << " (" << attachment.a.size << " bytes)";
        break;
      case forensics::AttachmentChange::kChanged:
        out << attachment.a.filename << " (" << attachment.a.size << " -> " << attachment.b.size
            << " bytes)";
        break;
      case forensics::AttachmentChange::kRenamed:
        out << attachment.a.filename << " -> " << attachment.b.filename << " (same content)";
        break;
    }
    out << "\n";
    PrintDiff(out, attachment.text_diff, masker, "    ");
  }
  out << "\nPayment details";
  if (!comparison.payment.differs()) out << ": no differences";
  out << "\n";
  PrintDetails(out, "sent", comparison.payment.a, masker);
  PrintDetails(out, "received", comparison.payment.b, masker);
  if (comparison.payment.differs()) {
    PrintDetails(out, "only in sent", comparison.payment.only_in_a, masker);
    PrintDetails(out, "only in received", comparison.payment.only_in_b, masker);
  }
}

}  // namespace

int RunCompare(const CompareOptions& options) {
  std::string raw[2];
  const std::string* paths[2] = {&options.sent, &options.received};
  bool readable = true;
  for (int i = 0; i < 2; ++i) {
    std::string error;
    if (!ReadFile(*paths[i], raw[i], error)) {
      std::cerr << "becguard: " << *paths[i] << ": " << error << "\n";
      readable = false;
    }
  }
  if (!readable) return kExitInputError;

  const Limits limits{};
  const ParsedMessage sent = mime::Parse(raw[0], limits);
  const ParsedMessage received = mime::Parse(raw[1], limits);
  const MessageComparison comparison = forensics::CompareMessages(sent, received);
  const Masker masker(comparison, options.mask);
  if (options.json) {
    std::cout << ComparisonJson(options, comparison, masker)
                     .dump(-1, ' ', false, json::error_handler_t::replace)
              << "\n";
  } else {
    PrintHuman(std::cout, options, comparison, masker);
  }
  return comparison.identical() ? 0 : 1;
}

}  // namespace becguard::cli
