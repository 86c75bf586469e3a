// Lines in, statements out: the shell runs SPARQL text once the parser says
// it is complete at the end of a line (SPARQL has no terminator of its
// own), and a dot-command at the end of its line.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace parley::tools {

class Session;

// Whether `text` is a whole query or update request: it parses, or its
// error is somewhere other than the end of the text. Text that holds only
// a prologue (PREFIX and BASE) is not complete: a query follows. `prefixes`
// are the ones in force before the text.
bool IsCompleteSparql(std::string_view text,
                      const std::vector<std::pair<std::string, std::string>>& prefixes);

// What the parser makes of `text`: a whole statement (it parses), the start
// of one (its error is at the end of the text), or wrong (an error before
// the end).
enum class SparqlText : uint8_t { kWhole, kIncomplete, kWrong };
SparqlText ClassifySparql(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& prefixes);

// Whether every line of `text` is blank or a # comment.
bool IsOnlyComments(std::string_view text);

class StatementAssembler {
 public:
  explicit StatementAssembler(Session& session) : session_(session) {}

  // Adds one line (without its line end). Returns the statement when the
  // lines so far make one, which then leaves the buffer.
  std::optional<std::string> AddLine(std::string_view line);

  bool pending() const { return !buffer_.empty(); }
  // Makes `text`, an incomplete statement, the buffer again.
  void Resume(std::string text) { buffer_ = std::move(text); }
  // The lines of an incomplete statement, which then leave the buffer.
  std::string TakePending() { return std::exchange(buffer_, std::string()); }

 private:
  Session& session_;
  std::string buffer_;
};

// Runs the statements of `in` (a script, a piped stdin, a `.read` file).
// An error is printed to stderr as "NAME:LINE: message" (just the message
// when `name` is empty); it stops the script unless `keep_going`. Returns
// OK, or the first error (already printed) so callers can set an exit code.
// Text left incomplete at the end is an error too. Stops early when the
// session asks to quit.
//
// With `look_ahead` (for files, whose next line is already there), a whole
// SPARQL statement runs only once the next line that is not blank or a
// comment does not continue it, so a query written with "ORDER BY ..." on
// the line after its closing brace runs as written. Without it (a pipe,
// whose writer may wait for the answer) a statement runs at the end of the
// line that completes it, as at the prompt.
absl::Status RunScript(Session& session, std::istream& in, std::string_view name, bool keep_going,
                       bool look_ahead);

// Prints a statement's error: `where` ("file:line" or "") and the message.
void PrintError(std::string_view where, const absl::Status& status);

}  // namespace parley::tools
