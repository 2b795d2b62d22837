#include "frontends/cli/report_format.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace becguard::cli {
namespace {

// East Asian wide and full-width characters take two terminal columns.
bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Cuts to at most `width` terminal columns on UTF-8 boundaries and pads to exactly `width`.
std::string Fit(const std::string& s, std::size_t width) {
  std::string out;
  std::size_t columns = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? lead : lead & (0x3F >> (len - 1));
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    const std::size_t w = IsWide(c) ? 2 : 1;
    if (columns + w > width - (i + len < s.size() ? 1 : 0)) {
      out += "…";
      ++columns;
      break;
    }
    const char ch = s[i];
    out.append(ch == '\n' || ch == '\r' || ch == '\t' ? " " : s.substr(i, len));
    columns += w;
    i += len;
  }
  while (columns++ < width) out += ' ';
  return out;
}

const char* VerdictColor(Verdict v) {
  switch (v) {
    case Verdict::kBec:
      return "\x1b[1;31m";
    case Verdict::kSuspicious:
      return "\x1b[33m";
    case Verdict::kClean:
      return "\x1b[32m";
  }
  return "";
}

std::string WeightText(double weight) {
  return std::fabs(weight - std::round(weight)) < 0.05 ? fmt::format("{:.0f}", weight)
                                                       : fmt::format("{:.1f}", weight);
}

}  // namespace

std::string FormatJsonLine(const std::string& file, const ScanReport& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const ScoredFinding& f : report.findings) {
    findings.push_back({{"id", f.Name()},
                        {"weight", std::round(f.weight * 10) / 10},
                        {"evidence", f.finding.evidence.ToString()}});
  }
  nlohmann::json line = {{"file", file},
                         {"message_id", report.message_id},
                         {"verdict", std::string(VerdictName(report.verdict))},
                         {"score", report.score},
                         {"findings", std::move(findings)}};
  if (!report.auth.empty()) {  // only when results were verified or trusted
    nlohmann::json auth = nlohmann::json::array();
    for (const AuthMethodResult& r : report.auth) {
      nlohmann::json entry = {{"method", r.method}, {"result", r.result}};
      if (!r.properties.empty()) entry["properties"] = r.properties;
      if (!r.reason.empty()) entry["reason"] = r.reason;
      auth.push_back(std::move(entry));
    }
    line["auth"] = std::move(auth);
  }
  // Replace invalid UTF-8 instead of throwing: evidence quotes hostile mail.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string FormatTableHeader(bool color) {
  std::string header = fmt::format("{:<10} {:>5}  {}  {}  {}", "VERDICT", "SCORE", Fit("FILE", 34),
                                   Fit("SUBJECT", 36), "TOP FINDINGS");
  return color ? "\x1b[1m" + header + "\x1b[0m" : header;
}

std::string FormatTableRow(const std::string& file, const ScanReport& report, bool color) {
  std::string top;
  int shown = 0;
  for (const ScoredFinding& f : report.findings) {
    if (f.weight <= 0 || shown == 3) continue;
    if (!top.empty()) top += ", ";
    top += f.Name();
    ++shown;
  }
  std::string verdict = fmt::format("{:<10}", VerdictName(report.verdict));
  if (color) verdict = VerdictColor(report.verdict) + verdict + "\x1b[0m";
  // The end of a path says most: keep it, cut the front.
  constexpr std::size_t kFileWidth = 34;
  std::string path = file;
  if (path.size() > kFileWidth) {
    std::size_t cut = path.size() - (kFileWidth - 1);
    while (cut < path.size() && (static_cast<unsigned char>(path[cut]) & 0xC0) == 0x80) ++cut;
    path = "…" + path.substr(cut);
  }
  return fmt::format("{} {:>5}  {}  {}  {}", verdict, report.score, Fit(path, kFileWidth),
                     Fit(report.subject, 36), top);
}

std::string FormatExplanation(const std::string& file, const ScanReport& report,
                              const ParsedMessage& parsed, double suspicious_threshold,
                              double bec_threshold) {
  std::string out;
  out += fmt::format("File:        {}\n", file);
  out += fmt::format("Message-ID:  {}\n", report.message_id);
  out += fmt::format("Subject:     {}\n", parsed.subject);
  auto list = [](const std::vector<Address>& addresses) {
    std::string s;
    for (const Address& a : addresses) {
      if (!s.empty()) s += ", ";
      s += a.display_name.empty() ? a.address : "\"" + a.display_name + "\" <" + a.address + ">";
    }
    return s;
  };
  out += fmt::format("From:        {}\n", list(parsed.from));
  if (!parsed.reply_to.empty()) out += fmt::format("Reply-To:    {}\n", list(parsed.reply_to));
  if (parsed.return_path) out += fmt::format("Return-Path: {}\n", parsed.return_path->address);
  if (!parsed.to.empty()) out += fmt::format("To:          {}\n", list(parsed.to));
  if (!parsed.cc.empty()) out += fmt::format("Cc:          {}\n", list(parsed.cc));
  for (const HeaderAddress& n : parsed.notification_to) {
    out += fmt::format("{}: {}\n", n.header, n.address.address);
  }
  out += fmt::format("\nVerdict:     {} (score {} of 100; suspicious at {}, bec at {})\n",
                     VerdictName(report.verdict), report.score, WeightText(suspicious_threshold),
                     WeightText(bec_threshold));
  if (!report.auth.empty()) {
    out += "Authentication:";
    for (const AuthMethodResult& r : report.auth) {
      out += fmt::format(" {}={}{}{};", r.method, r.result,
                         r.properties.empty() ? "" : " " + r.properties,
                         r.reason.empty() ? "" : " (" + r.reason + ")");
    }
    out += "\n";
  }
  if (report.findings.empty()) {
    out += "\nNo findings: nothing in this message looks like business e-mail compromise.\n";
  } else {
    out += "\nFindings (points, strongest first):\n";
    for (const ScoredFinding& f : report.findings) {
      out += fmt::format("  {:>5}  {}\n", WeightText(f.weight), f.Name());
      const std::string description = f.finding.id == FindingId::kComposite
                                          ? f.finding.evidence.detail
                                          : std::string(GetFindingInfo(f.finding.id).description);
      out += fmt::format("         what:     {}\n", description);
      if (f.finding.id != FindingId::kComposite) {
        out += fmt::format("         evidence: {}\n", f.finding.evidence.ToString());
      }
      if (f.weight == 0 && f.finding.id != FindingId::kComposite) {
        out += "         (counted once per id or capped by its group: no extra points)\n";
      }
    }
  }
  if (!parsed.defects.empty()) {
    out += "\nParser notes:\n";
    for (const Defect& d : parsed.defects) {
      out += fmt::format("  {}: {}\n", DefectKindName(d.kind), d.detail);
    }
  }
  return out;
}

}  // namespace becguard::cli
