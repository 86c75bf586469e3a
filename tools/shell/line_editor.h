// Reading lines from a person at a terminal, through libedit: prompts,
// history kept in ~/.parley_history, Ctrl-R search, tab completion, and
// Ctrl-C that abandons the line being typed.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace parley::tools {

class LineEditor {
 public:
  // `complete(line_before_cursor, word)` returns the candidates that
  // complete `word`, the text between the last word break and the cursor.
  using Completer =
      std::function<std::vector<std::string>(std::string_view line, std::string_view word)>;

  // History in `history_file` ("" keeps none).
  LineEditor(std::string history_file, Completer completer);
  ~LineEditor();  // saves the history
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  enum class Outcome { kLine, kInterrupted, kEnd };
  // Shows `prompt` and reads a line into *line (without its line end).
  // kInterrupted: Ctrl-C; kEnd: Ctrl-D on an empty line, or the input ended.
  Outcome ReadLine(const std::string& prompt, std::string* line);

  // Adds a statement (possibly several lines) to the history.
  void Remember(const std::string& statement);

  struct Rep;  // public so that libedit's callbacks can reach it

 private:
  std::unique_ptr<Rep> rep_;
};

// ~/.parley_history, or "" when HOME is unset.
std::string DefaultHistoryFile();

}  // namespace parley::tools
