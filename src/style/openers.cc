#include "style/openers.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace becguard::style {
namespace {

constexpr std::array<std::string_view, 12> kGreetingStarts{
    "hi",        "hello", "hey", "dear",  "greetings", "good",
    "gentlemen", "team",  "all", "folks", "guys",      "morning"};
constexpr std::array<std::string_view, 16> kGreetingWords{
    "morning", "afternoon", "evening", "day", "all", "team", "everyone", "folks",
    "guys",    "sir",       "madam",   "mr",  "ms",  "mrs",  "dr",       "and"};
constexpr std::array<std::string_view, 8> kJaAddressees{"様",   "さん", "殿", "各位",
                                                        "様へ", "さま", "君", "くん"};
constexpr std::array<std::string_view, 8> kJaOpeners{"お疲れ様",     "お疲れさま", "お世話になって",
                                                     "いつもお世話", "拝啓",       "こんにちは",
                                                     "おはよう",     "ご無沙汰"};
constexpr std::array<std::string_view, 14> kClosings{
    "thanks", "thank", "regards", "best", "cheers", "sincerely", "yours",
    "rgds",   "thx",   "kind",    "warm", "many",   "talk",      "ciao"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> LatinTokens(std::string_view s, char* terminator) {
  std::vector<std::string> tokens;
  std::string current;
  *terminator = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) || u >= 0x80 || c == '\'') {
      current.push_back(static_cast<char>(std::tolower(u)));
      continue;
    }
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
    if (c == ',' || c == ':' || c == '!' || c == '-') {
      *terminator = c;
      break;
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

template <std::size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool EndsWithJaAddressee(std::string_view line, std::string_view* suffix) {
  while (!line.empty() && (line.back() == ',' || line.back() == ' ')) line.remove_suffix(1);
  for (std::string_view ending : {"、", "，"}) {
    if (line.ends_with(ending)) line.remove_suffix(ending.size());
  }
  for (std::string_view a : kJaAddressees) {
    if (line.ends_with(a) && line.size() > a.size()) {
      *suffix = a;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string GreetingForm(const std::vector<std::string_view>& lines) {
  if (lines.empty()) return "";
  const std::string_view first = lines.front();
  for (std::string_view opener : kJaOpeners) {
    if (first.starts_with(opener)) return std::string(opener);
  }
  std::string_view suffix;
  if (first.size() <= 60 && EndsWithJaAddressee(first, &suffix)) {
    return "<name>" + std::string(suffix);
  }
  char terminator = 0;
  const std::vector<std::string> tokens = LatinTokens(first, &terminator);
  if (tokens.empty()) return "";
  std::string form;
  bool last_was_name = false;
  auto append = [&](std::string_view word) {
    if (!form.empty()) form.push_back(' ');
    form.append(word);
  };
  if (In(kGreetingStarts, tokens.front())) {
    for (std::size_t i = 0; i < tokens.size() && i < 5; ++i) {
      if (In(kGreetingStarts, tokens[i]) || In(kGreetingWords, tokens[i])) {
        append(tokens[i]);
        last_was_name = false;
      } else if (!last_was_name) {
        append("<name>");
        last_was_name = true;
      }
    }
  } else if (tokens.size() <= 3 && (terminator == ',' || terminator == ':') &&
             first.find_first_of(".?") == std::string_view::npos) {
    form = "<name>";  // "Vince," / "John and Sally:"
  } else {
    return "";
  }
  if (terminator == ',' || terminator == ':' || terminator == '!') form.push_back(terminator);
  return form;
}

std::string SignoffForm(const std::vector<std::string_view>& lines) {
  if (lines.size() < 2) return "";  // a one-line note has no separate sign-off
  const std::string_view last = lines.back();
  const std::string_view before = lines[lines.size() - 2];
  auto is_closing = [](std::string_view line) {
    if (line.find("よろしく") != line.npos || line.find("宜しく") != line.npos ||
        line.find("以上") == 0) {
      return true;
    }
    char terminator = 0;
    const std::vector<std::string> tokens = LatinTokens(line, &terminator);
    return !tokens.empty() && tokens.size() <= 4 && In(kClosings, tokens.front());
  };
  auto is_short = [](std::string_view line) {
    return line.size() <= 40 && std::count(line.begin(), line.end(), ' ') <= 3 &&
           line.find_first_of(".?") == std::string_view::npos;
  };
  if (!is_short(last) && !is_closing(last)) return "";
  std::string form = Lower(last);
  if (is_closing(before) && before.size() <= 60 && !is_closing(last)) {
    form = Lower(before) + " / " + form;
  }
  return form;
}

}  // namespace becguard::style
