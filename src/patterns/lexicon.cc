#include "patterns/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

namespace becguard::patterns {
namespace {

// Evidence shows the match with some surrounding words, but never whole paragraphs.
constexpr std::size_t kExcerptBytes = 60;

std::string_view TrimCr(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  return line;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses one lexicon file's text into specs. `origin` names the file in errors; `seen` holds
// the entry names of earlier files, since names must identify their line across the lexicon.
Result<void> ParseLexicon(std::string_view text, const std::string& origin,
                          std::set<std::string>& seen, std::vector<PatternSpec>& specs) {
  int line_number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = TrimCr(text.substr(pos, eol - pos));
    pos = eol + 1;
    ++line_number;
    if (TrimSpaces(line).empty() || TrimSpaces(line).front() == '#') continue;

    const std::string where = origin + ":" + std::to_string(line_number);
    std::size_t tab1 = line.find('\t');
    std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) {
      return MakeError(ErrorCode::kInvalidArgument,
                       where + ": expected <intent> TAB <name> TAB <regex>");
    }
    std::string_view intent_name = TrimSpaces(line.substr(0, tab1));
    std::string_view name = TrimSpaces(line.substr(tab1 + 1, tab2 - tab1 - 1));
    // The regex is everything after the second tab, kept verbatim except trailing blanks (a
    // leading space can be a deliberate word edge).
    std::string_view regex = line.substr(tab2 + 1);
    while (!regex.empty() && (regex.back() == ' ' || regex.back() == '\t')) regex.remove_suffix(1);
    std::optional<Intent> intent = IntentFromName(intent_name);
    if (!intent) {
      return MakeError(ErrorCode::kInvalidArgument,
                       where + ": unknown intent '" + std::string(intent_name) + "'");
    }
    if (name.empty() || regex.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, where + ": empty name or regex");
    }
    if (!seen.insert(std::string(name)).second) {
      return MakeError(ErrorCode::kInvalidArgument,
                       where + ": duplicate entry name '" + std::string(name) + "'");
    }
    specs.push_back(PatternSpec{std::string(name), std::string(regex), static_cast<int>(*intent)});
  }
  return {};
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The match widened to about kExcerptBytes with context on both sides, cut on UTF-8
// boundaries and, where the context allows, on spaces so English words stay whole.
std::string Excerpt(std::string_view text, std::size_t begin, std::size_t end) {
  end = std::min(end, text.size());
  begin = std::min(begin, end);
  // Patterns may begin with the word-edge character before the match.
  while (begin < end && text[begin] == ' ') ++begin;
  if (end - begin >= kExcerptBytes) {
    std::size_t cut = begin + kExcerptBytes;
    while (cut > begin && IsContinuationByte(text[cut])) --cut;
    // Prefer ending on a word edge when one lies in the second half.
    std::size_t space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > begin + kExcerptBytes / 2) cut = space;
    return std::string(TrimSpaces(text.substr(begin, cut - begin)));
  }
  std::size_t context = (kExcerptBytes - (end - begin)) / 2;
  std::size_t left = begin > context ? begin - context : 0;
  std::size_t right = std::min(text.size(), end + context);
  while (left < begin && IsContinuationByte(text[left])) ++left;
  while (right > end && right < text.size() && IsContinuationByte(text[right])) --right;
  // Drop a partial word at either edge (only when a space lies inside the context).
  if (left > 0 && text[left - 1] != ' ') {
    std::size_t space = text.find(' ', left);
    if (space != std::string_view::npos && space < begin) left = space + 1;
  }
  if (right < text.size() && text[right] != ' ') {
    std::size_t space = text.rfind(' ', right);
    if (space != std::string_view::npos && space >= end) right = space;
  }
  return std::string(TrimSpaces(text.substr(left, right - left)));
}

}  // namespace

Result<Lexicon> Lexicon::FromText(std::string_view lexicon_text) {
  std::set<std::string> seen;
  std::vector<PatternSpec> specs;
  BECGUARD_RETURN_IF_ERROR(ParseLexicon(lexicon_text, "lexicon", seen, specs));
  auto set = PatternSet::Compile(std::move(specs));
  if (!set) return MakeError(set.error().code(), "lexicon: " + set.error().message());
  return Lexicon(std::move(*set));
}

Result<Lexicon> Lexicon::LoadDir(const std::string& dir, const std::string& cache_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return MakeError(ErrorCode::kNotFound, dir + ": lexicon directory not found");
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".txt" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) return MakeError(ErrorCode::kNotFound, dir + ": " + ec.message());
  std::sort(files.begin(), files.end());

  std::set<std::string> seen;
  std::vector<PatternSpec> specs;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kNotFound, file.string() + ": cannot open");
    std::ostringstream content;
    content << in.rdbuf();
    BECGUARD_RETURN_IF_ERROR(ParseLexicon(content.str(), file.string(), seen, specs));
  }
  auto set = PatternSet::Compile(std::move(specs), cache_dir);
  if (!set) return MakeError(set.error().code(), dir + ": " + set.error().message());
  return Lexicon(std::move(*set));
}

IntentHits Lexicon::Scan(std::string_view normalized_subject,
                         std::string_view normalized_text) const {
  IntentHits hits;
  std::vector<std::uint8_t> in_subject(set_.size(), 0);
  for (const PatternMatch& match : set_.Scan(normalized_subject)) {
    in_subject[match.pattern_index] = 1;
    const PatternSpec& spec = set_.spec(match.pattern_index);
    hits.Add(IntentHit{static_cast<Intent>(spec.tag), spec.name, true,
                       Excerpt(normalized_subject, match.begin, match.end)});
  }
  // A pattern already seen in the subject adds no new evidence from the body.
  for (const PatternMatch& match : set_.Scan(normalized_text)) {
    if (in_subject[match.pattern_index]) continue;
    const PatternSpec& spec = set_.spec(match.pattern_index);
    hits.Add(IntentHit{static_cast<Intent>(spec.tag), spec.name, false,
                       Excerpt(normalized_text, match.begin, match.end)});
  }
  return hits;
}

}  // namespace becguard::patterns
