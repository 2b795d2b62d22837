#include "frontends/cli/message_source.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>

namespace becguard::cli {
namespace {

namespace fs = std::filesystem;

bool IsMaildir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "cur", ec) && fs::is_directory(dir / "new", ec);
}

// Walks one input directory: regular files in name order, each read once. Symbolic links met
// on the way are not followed unless asked (a link can point anywhere, and a loop of them would
// never end); followed directories are remembered by device and inode, so a loop is walked once.
// What cannot be walked is reported, never skipped silently.
class DirectoryWalk {
 public:
  DirectoryWalk(bool follow_symlinks, std::vector<fs::path>& files,
                std::vector<std::pair<std::string, std::string>>& errors)
      : follow_symlinks_(follow_symlinks), files_(files), errors_(errors) {}

  void Walk(const fs::path& dir) {
    if (!FirstVisit(dir)) return;
    std::error_code ec;
    std::vector<fs::path> entries;
    fs::directory_iterator it(dir, ec);
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
      entries.push_back(it->path());
    }
    if (ec) {
      errors_.emplace_back(dir.string(), "cannot read directory: " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end());
    const bool maildir = IsMaildir(dir);
    for (const fs::path& entry : entries) {
      const std::string name = entry.filename().string();
      if (name.empty() || name[0] == '.') continue;
      if (maildir && name == "tmp") continue;
      if (fs::is_symlink(entry, ec) && !follow_symlinks_) {
        errors_.emplace_back(entry.string(),
                             "symbolic link not followed (--follow-symlinks reads it)");
        continue;
      }
      if (fs::is_directory(entry, ec)) {
        Walk(entry);
      } else if (fs::is_regular_file(entry, ec)) {
        if (FirstVisit(entry)) files_.push_back(entry);
      } else if (fs::exists(entry, ec)) {
        errors_.emplace_back(entry.string(), "not a regular file");
      } else {
        errors_.emplace_back(entry.string(), "dangling symbolic link");
      }
    }
  }

 private:
  // False when the directory or file (by device and inode) was seen before.
  bool FirstVisit(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return true;  // reported when it is read
    return visited_.insert({st.st_dev, st.st_ino}).second;
  }

  const bool follow_symlinks_;
  std::vector<fs::path>& files_;
  std::vector<std::pair<std::string, std::string>>& errors_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

bool LooksLikeMbox(const std::string& bytes) { return bytes.starts_with("From "); }

namespace {

// "From sender@example.com Tue Nov  4 09:00:00 2025": an envelope line even without the blank
// line before it that careless mbox writers omit. Body lines that merely start with "From "
// ("From now on we...") do not carry a weekday token after the sender.
bool IsEnvelopeLine(std::string_view line) {
  std::size_t sender_end = line.find(' ', 5);
  if (sender_end == std::string_view::npos) return false;
  std::string_view rest = line.substr(sender_end + 1);
  while (rest.starts_with(' ')) rest.remove_prefix(1);
  for (std::string_view day : {"Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "}) {
    if (rest.starts_with(day)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> SplitMbox(const std::string& mbox) {
  std::vector<std::string> messages;
  std::string current;
  bool in_message = false;
  std::size_t pos = 0;
  bool previous_blank = true;
  while (pos < mbox.size()) {
    std::size_t end = mbox.find('\n', pos);
    std::size_t next = end == std::string::npos ? mbox.size() : end + 1;
    std::string_view line(mbox.data() + pos, next - pos);
    if (line.starts_with("From ") && (previous_blank || IsEnvelopeLine(line))) {
      if (in_message) messages.push_back(std::move(current));
      current.clear();
      in_message = true;
    } else if (in_message) {
      // mboxrd: ">From ", ">>From " ... lose one '>'.
      std::size_t quotes = line.find_first_not_of('>');
      if (quotes != std::string_view::npos && quotes > 0 &&
          line.substr(quotes).starts_with("From ")) {
        line.remove_prefix(1);
      }
      current.append(line);
    }
    std::string_view content = line;
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) {
      content.remove_suffix(1);
    }
    previous_blank = content.empty();
    pos = next;
  }
  if (in_message) messages.push_back(std::move(current));
  return messages;
}

MessageSource::MessageSource(std::vector<std::string> inputs, std::size_t max_file_bytes,
                             bool follow_symlinks)
    : inputs_(std::move(inputs)),
      max_file_bytes_(max_file_bytes),
      follow_symlinks_(follow_symlinks) {}

std::size_t MessageSource::CountFiles() const {
  std::size_t count = 0;
  for (const std::string& input : inputs_) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<fs::path> files;
      std::vector<std::pair<std::string, std::string>> errors;
      DirectoryWalk(follow_symlinks_, files, errors).Walk(input);
      count += files.size();
    } else {
      ++count;
    }
  }
  return count;
}

bool MessageSource::VisitPath(
    const std::string& path, const std::function<bool(RawMessage&&)>& on_message,
    const std::function<void(const std::string&, const std::string&)>& on_error) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    on_error(path, ec.message());
    return true;
  }
  if (size > max_file_bytes_) {
    on_error(path, "file is larger than the input limit (" + std::to_string(max_file_bytes_) +
                       " bytes); raise --max-file-bytes to read it");
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    on_error(path, "cannot open for reading");
    return true;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    on_error(path, "read error");
    return true;
  }
  if (LooksLikeMbox(bytes)) {
    std::vector<std::string> members = SplitMbox(bytes);
    // One message saved with its mbox "From " line is still that file, not a member of a box.
    if (members.size() == 1) return on_message(RawMessage{path, std::move(members[0])});
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (!on_message(RawMessage{path + "#" + std::to_string(i + 1), std::move(members[i])})) {
        return false;
      }
    }
    return true;
  }
  return on_message(RawMessage{path, std::move(bytes)});
}

void MessageSource::ForEach(
    const std::function<bool(RawMessage&&)>& on_message,
    const std::function<void(const std::string&, const std::string&)>& on_error) {
  for (const std::string& input : inputs_) {
    if (input == "-") {
      std::ostringstream buffer;
      buffer << std::cin.rdbuf();
      std::string bytes = buffer.str();
      if (LooksLikeMbox(bytes)) {
        std::vector<std::string> members = SplitMbox(bytes);
        for (std::size_t i = 0; i < members.size(); ++i) {
          if (!on_message(RawMessage{"-#" + std::to_string(i + 1), std::move(members[i])})) return;
        }
      } else if (!on_message(RawMessage{"-", std::move(bytes)})) {
        return;
      }
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<fs::path> files;
      std::vector<std::pair<std::string, std::string>> errors;
      DirectoryWalk(follow_symlinks_, files, errors).Walk(input);
      for (const auto& [origin, reason] : errors) on_error(origin, reason);
      for (const fs::path& file : files) {
        if (!VisitPath(file.string(), on_message, on_error)) return;
      }
    } else if (fs::exists(input, ec)) {
      if (!VisitPath(input, on_message, on_error)) return;
    } else {
      on_error(input, "no such file or directory");
    }
  }
}

}  // namespace becguard::cli
