// MessageSource: walks the inputs given on the command line (files, directories, mbox files,
// Maildir folders, "-" for stdin) and hands out one raw message at a time.
//
// Detection: a directory with cur/ and new/ is a Maildir (tmp/ is skipped); other directories are
// walked recursively in name order, each directory and file once (loops end), symbolic links
// inside them only when asked, unreadable ones reported; a file whose first line starts with "From
// " is an mbox (split on "From " lines, ">From " unescaped as in mboxrd; a single member keeps the
// file's name as its origin); anything else is one message. Not thread-safe; used by one reader
// thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace becguard::cli {

struct RawMessage {
  std::string origin;  // "path", "path#N" for mbox members, "-" for stdin
  std::string bytes;
};

class MessageSource {
 public:
  // max_file_bytes: a single file (or mbox) larger than this is reported as an error, unread.
  // follow_symlinks: follow symbolic links met inside input directories (inputs named on the
  // command line are always followed); otherwise each is reported and skipped.
  MessageSource(std::vector<std::string> inputs, std::size_t max_file_bytes,
                bool follow_symlinks = false);

  // Calls on_message for every message and on_error(origin, reason) for every input that could
  // not be read; never stops early unless on_message returns false.
  void ForEach(const std::function<bool(RawMessage&&)>& on_message,
               const std::function<void(const std::string&, const std::string&)>& on_error);

  // Number of top-level files the inputs expand to (for the progress bar); mbox members and
  // stdin are not known up front.
  std::size_t CountFiles() const;

 private:
  bool VisitPath(const std::string& path, const std::function<bool(RawMessage&&)>& on_message,
                 const std::function<void(const std::string&, const std::string&)>& on_error);
  std::vector<std::string> inputs_;
  std::size_t max_file_bytes_;
  bool follow_symlinks_;
};

// Splits an mbox into messages, undoing ">From " quoting. Exposed for tests.
std::vector<std::string> SplitMbox(const std::string& mbox);
bool LooksLikeMbox(const std::string& bytes);

}  // namespace becguard::cli
