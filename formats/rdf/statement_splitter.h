// Splits Turtle / TriG text into top-level statements, so that serd parses
// one statement at a time. Why: serd reports positions per stream and, after
// an error, resumes at the next line even inside a multi-line statement;
// parsing statement by statement gives exact positions, lets lenient reads
// drop exactly the broken statement, and bounds memory by the largest
// statement, not the file.
//
// This is a lexer of the token boundaries only (IRIs, strings, comments,
// escapes, brackets, '.', '{' '}'), not a parser: serd parses every byte.
// It splits only where a statement certainly ends (a '.' followed by white
// space or '#' outside any IRI, string or bracket; a TriG graph's closing
// '}'; the IRI that ends a SPARQL-style PREFIX/BASE); joining two statements
// into one text is harmless because serd reads any number of them.
//
// It also rejects what serd would accept, drop silently or crash on, since
// serd checks less than the grammar asks (see failed()): braces that open no
// TriG graph or close none, "[]" alone as a statement, N3's '=', a statement
// that starts with '.', and '[' / '(' nested deeper than kMaxNesting (serd
// recurses once per level and would overflow the stack). A statement with
// such an error ends where a reader can resume: at the usual end, at a stray
// '}' or at the '}' that balances a rejected '{' (with one '.' right after
// either). A graph's '}' ends its last statement, which a '.' after it
// joins as an error.
//
// Two rewrites make serd's output usable (see rdf_reader.h for why):
// - TriG graph blocks are cut into one text per inner statement, each wrapped
//   as "<graph header> { statement . }"; an anonymous graph name "[]" becomes
//   the label _:B_g<n> (a label no user label maps to, below).
// - Blank node labels: serd renames labels b<digit>... to B<digit>... (so that
//   they cannot clash with its generated b<n>), which would merge a user's
//   _:B1 with a user's _:b1. So labels starting with B<digit> or B_ get a '_'
//   inserted after the B. Labels thus map one-to-one and never collide with
//   serd's generated ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace parley::engine::io {

class StatementSplitter {
 public:
  // Deepest nesting of '[' and '(' accepted; the next opener is an error.
  static constexpr int kMaxNesting = 256;
  explicit StatementSplitter(bool trig) : trig_(trig) {}

  // Consumes bytes of `data` until a statement is complete or `data` ends;
  // returns how many. Sets *complete when a statement is ready (text()).
  size_t Feed(std::string_view data, bool* complete);
  // At the end of the input: true when text remains as a last statement.
  bool Finish();

  // The statement as serd should read it (NUL-terminated). Valid until
  // Next(). Its first prefix_size() bytes are a synthetic graph header.
  const char* text() const { return text_.c_str(); }
  size_t size() const { return text_.size(); }
  size_t prefix_size() const { return prefix_size_; }
  // Source position of text()[prefix_size()]: 1-based line, 0-based column
  // (bytes since the line's start).
  uint64_t line() const { return line_start_; }
  uint64_t column() const { return column_start_; }
  // Source position of the graph header's first byte.
  uint64_t header_line() const { return header_line_; }
  uint64_t header_column() const { return header_column_; }
  // True when the statement contains a NUL byte outside strings (serd would
  // stop there; inside strings NUL is passed escaped).
  bool has_nul() const { return has_nul_; }
  // True when the statement breaks the grammar in a way serd would not
  // report (file comment); then it must not reach serd, and error_*() say
  // where and why: 1-based line and column of the offending byte.
  bool failed() const { return failed_; }
  uint64_t error_line() const { return error_line_; }
  uint64_t error_column() const { return error_column_; }
  const std::string& error_message() const { return error_message_; }

  // Starts the next statement.
  void Next();

 private:
  enum class State {
    kSkip,         // before a statement's first byte: white space, comments
    kSkipComment,  // in a comment before a statement's first byte
    kTop,
    kComment,
    kIri,
    kQuote1,  // after an opening quote: short string, "" or long string?
    kQuote2,  // after two quotes
    kShortString,
    kLongString,
    kStringEscape,
    kTopEscape,    // after '\' outside strings (PN_LOCAL_ESC)
    kUnderscore,   // after '_' at a token's start
    kLabelFirst,   // after "_:"
    kLabelB,       // after "_:B"
    kDot,          // after a '.' at bracket depth 0
    kAfterCloser,  // after a '}' that ends the statement, unless a '.' follows
    kAfterCloserComment,
  };

  // Where "[]" at a statement's start stands (it must not stand alone).
  enum class Anon { kNone, kOpen, kClosed };

  // Handles one byte; false when the byte was not consumed because the
  // statement ended before it.
  bool Step(char c);
  void OpenGraph();
  // Replaces the NUL just appended inside a string by the escape \u0000:
  // serd reads NUL-terminated text.
  void AppendEscapedNul();
  void Complete();
  // Notes a significant byte (not white space, not in a comment) of kTop.
  void NoteToken(char c);
  // Handles '{' and '}' in kTop; true when the byte was consumed.
  bool OpenBrace(char c);
  bool CloseBrace(char c);
  // Records the statement's first error at `line`:`column` (1-based).
  void Fail(uint64_t line, uint64_t column, std::string message);
  void FailHere(std::string message) { Fail(line_, column_ + 1, std::move(message)); }

  const bool trig_;
  State state_ = State::kSkip;
  std::string text_;
  size_t prefix_size_ = 0;
  std::string header_;
  bool in_graph_ = false;
  int depth_ = 0;  // '[' and '(' nesting
  char quote_ = 0;
  State string_state_ = State::kShortString;  // where kStringEscape returns
  int closing_quotes_ = 0;
  char previous_ = ' ';  // last byte outside strings and IRIs
  bool first_token_checked_ = false;
  bool sparql_directive_ = false;
  bool complete_ = false;
  bool has_nul_ = false;
  bool at_start_ = true;  // no significant byte since a statement's start
  Anon anon_ = Anon::kNone;
  uint64_t anon_line_ = 1, anon_column_ = 0;  // of that "[" (1-based)
  int braces_ = 0;                            // unbalanced rejected '{' (their block is skipped)
  bool failed_ = false;
  uint64_t error_line_ = 0, error_column_ = 0;
  std::string error_message_;
  uint64_t anonymous_graphs_ = 0;
  uint64_t line_ = 1, column_ = 0;  // position of the next byte
  uint64_t line_start_ = 1, column_start_ = 0;
  uint64_t header_line_ = 1, header_column_ = 0;
};

}  // namespace parley::engine::io
