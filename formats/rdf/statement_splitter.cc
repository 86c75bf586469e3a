#include "formats/rdf/statement_splitter.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "formats/rdf/str_cat.h"

namespace parley::engine::io {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A byte after which a blank node label can start a token.
bool IsDelimiter(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '(':
    case '[':
    case '{':
    case ',':
    case ';':
    case ')':
    case ']':
    case '}':
    case '>':
    case '"':
    case '\'':
      return true;
    default:
      return false;
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

size_t StatementSplitter::Feed(std::string_view data, bool* complete) {
  *complete = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (!Step(c)) {
      *complete = true;
      return i;
    }
    if (c == '\n') {
      ++line_;
      column_ = 0;
    } else {
      ++column_;
    }
    if (complete_) {
      *complete = true;
      return i + 1;
    }
  }
  return data.size();
}

bool StatementSplitter::Finish() {
  if (complete_) return true;
  if (anon_ == Anon::kClosed) {
    Fail(anon_line_, anon_column_, "'[]' alone is not a statement");
  }
  if (failed_) {
    complete_ = true;
    return true;
  }
  if (state_ == State::kDot && !in_graph_) {
    Complete();
    return true;
  }
  // An unclosed graph is left unclosed, for serd to report.
  if (text_.size() > prefix_size_ || in_graph_) complete_ = true;
  return complete_;
}

void StatementSplitter::Next() {
  complete_ = false;
  has_nul_ = false;
  depth_ = 0;
  state_ = State::kSkip;
  previous_ = ' ';
  sparql_directive_ = false;
  at_start_ = true;
  anon_ = Anon::kNone;
  braces_ = 0;
  failed_ = false;
  error_message_.clear();
  if (in_graph_) {
    text_ = header_;
    prefix_size_ = header_.size();
    first_token_checked_ = true;
  } else {
    text_.clear();
    prefix_size_ = 0;
    first_token_checked_ = false;
  }
}

void StatementSplitter::Complete() {
  if (in_graph_) text_.append(" }");
  complete_ = true;
}

void StatementSplitter::Fail(uint64_t line, uint64_t column, std::string message) {
  if (failed_) return;
  failed_ = true;
  error_line_ = line;
  error_column_ = column;
  error_message_ = std::move(message);
}

void StatementSplitter::AppendEscapedNul() {
  text_.pop_back();
  text_.append("\\u0000");
}

void StatementSplitter::OpenGraph() {
  header_line_ = line_start_;
  header_column_ = column_start_;
  header_ = text_;
  // The header is repeated before every inner statement: keep it on one line
  // so that serd's line numbers stay those of the statement.
  for (char& c : header_) {
    if (IsSpace(c)) c = ' ';
  }
  size_t open = header_.find('[');
  if (open != std::string::npos) {
    size_t close = header_.find(']', open);
    if (close != std::string::npos && header_.find_first_not_of(' ', open + 1) == close &&
        header_.find_first_not_of(' ', close + 1) == header_.size() - 1) {
      header_.replace(open, close - open + 1, "_:B_g" + std::to_string(++anonymous_graphs_));
    }
  }
  text_ = header_;
  prefix_size_ = header_.size();
  in_graph_ = true;
  first_token_checked_ = true;
  previous_ = ' ';
  at_start_ = true;
  anon_ = Anon::kNone;
  state_ = State::kSkip;
}

void StatementSplitter::NoteToken(char c) {
  // "[]" (blank, possibly with white space and comments inside) at a
  // statement's start needs a predicate after it, or a graph in TriG; serd
  // reads "[] ." as nothing at all.
  if (anon_ == Anon::kOpen) {
    anon_ = c == ']' ? Anon::kClosed : Anon::kNone;
    if (c == ']') return;
  } else if (anon_ == Anon::kClosed) {
    if (c == '.' || c == '}') Fail(anon_line_, anon_column_, "'[]' alone is not a statement");
    anon_ = Anon::kNone;
  }
  if (at_start_ && c == '[') {
    anon_ = Anon::kOpen;
    anon_line_ = line_;
    anon_column_ = column_ + 1;
  }
  // A '.' at depth 0 may end a statement that another follows at once
  // ("ex:o.[] ."); inside a name ("ex:a.b") the next byte clears this again.
  at_start_ = c == '.' && depth_ == 0;
}

bool StatementSplitter::OpenBrace(char c) {
  if (trig_ && !in_graph_ && depth_ == 0 && braces_ == 0 && !failed_) {
    text_.push_back(c);
    OpenGraph();
    return true;
  }
  // Any other '{' is an error, and its block up to the balancing '}' is
  // part of the failed statement: a reader resumes after it.
  if (!trig_) {
    FailHere("a graph ('{') in Turtle: read the file as TriG");
  } else if (in_graph_ && braces_ == 0) {
    FailHere("'{' inside a graph");
  } else {
    FailHere("unexpected '{'");
  }
  ++braces_;
  return false;
}

bool StatementSplitter::CloseBrace(char c) {
  if (braces_ > 0) {
    text_.push_back(c);
    if (--braces_ == 0) state_ = State::kAfterCloser;
    return true;
  }
  if (trig_ && in_graph_) {
    if (depth_ > 0) FailHere("'}' while a '[' or '(' is open");
    text_.push_back(c);
    in_graph_ = false;
    state_ = State::kAfterCloser;  // TriG forbids a '.' after a graph
    return true;
  }
  // serd skips a stray '}' together with the statement after it: the '}'
  // (and a '.' after it) is a failed statement of its own.
  FailHere("'}' without a graph to close");
  text_.push_back(c);
  state_ = State::kAfterCloser;
  return true;
}

bool StatementSplitter::Step(char c) {
  switch (state_) {
    case State::kSkip:
      if (IsSpace(c)) return true;
      if (c == '#') {
        state_ = State::kSkipComment;
        return true;
      }
      line_start_ = line_;
      column_start_ = column_;
      state_ = State::kTop;
      if (c == '.') FailHere("'.' without a statement");
      return Step(c);
    case State::kAfterCloser:
      if (IsSpace(c)) return true;
      if (c == '#') {
        state_ = State::kAfterCloserComment;
        return true;
      }
      // A '.' after a graph's '}' is an error (it belongs to the graph's last
      // statement); after a stray '}' it is absorbed into the failed one.
      if (c == '.') FailHere("'.' after a graph");
      Complete();
      return c == '.';
    case State::kAfterCloserComment:
      if (c == '\n' || c == '\r') state_ = State::kAfterCloser;
      return true;
    case State::kSkipComment:
      if (c == '\n' || c == '\r') state_ = State::kSkip;
      return true;
    case State::kComment:
      // Comments are dropped; their line end is kept for serd's line count.
      if (c == '\n' || c == '\r') {
        text_.push_back(c);
        previous_ = c;
        state_ = State::kTop;
      }
      return true;
    case State::kIri:
      text_.push_back(c);
      if (c == '\0') has_nul_ = true;
      if (c == '>' || c == '\n') {
        state_ = State::kTop;
        previous_ = '>';
        if (sparql_directive_) Complete();
      }
      return true;
    case State::kQuote1:
      if (c == quote_) {
        text_.push_back(c);
        state_ = State::kQuote2;
        return true;
      }
      state_ = State::kShortString;
      return Step(c);
    case State::kQuote2:
      if (c == quote_) {
        text_.push_back(c);
        closing_quotes_ = 0;
        state_ = State::kLongString;
        return true;
      }
      state_ = State::kTop;  // the empty string "" or ''
      previous_ = quote_;
      return Step(c);
    case State::kShortString:
      text_.push_back(c);
      if (c == '\\') {
        string_state_ = State::kShortString;
        state_ = State::kStringEscape;
      } else if (c == quote_ || c == '\n' || c == '\r') {
        state_ = State::kTop;
        previous_ = quote_;
      } else if (c == '\0') {
        AppendEscapedNul();
      }
      return true;
    case State::kLongString:
      text_.push_back(c);
      if (c == '\\') {
        closing_quotes_ = 0;
        string_state_ = State::kLongString;
        state_ = State::kStringEscape;
      } else if (c == quote_) {
        if (++closing_quotes_ == 3) {
          state_ = State::kTop;
          previous_ = quote_;
        }
      } else {
        closing_quotes_ = 0;
        if (c == '\0') AppendEscapedNul();
      }
      return true;
    case State::kStringEscape:
      text_.push_back(c);
      state_ = string_state_;
      return true;
    case State::kTopEscape:
      text_.push_back(c);
      previous_ = 'a';  // the escaped byte belongs to a name
      state_ = State::kTop;
      return true;
    case State::kUnderscore:
      if (c == ':') {
        text_.push_back(c);
        previous_ = c;
        state_ = State::kLabelFirst;
        return true;
      }
      state_ = State::kTop;
      return Step(c);
    case State::kLabelFirst:
      if (c == 'B') {
        text_.push_back(c);
        previous_ = c;
        state_ = State::kLabelB;
        return true;
      }
      state_ = State::kTop;
      return Step(c);
    case State::kLabelB:
      if (IsDigit(c) || c == '_') text_.push_back('_');
      state_ = State::kTop;
      return Step(c);
    case State::kDot:
      if (IsSpace(c) || c == '#') {
        Complete();
        return false;
      }
      state_ = State::kTop;
      return Step(c);
    case State::kTop:
      break;
  }

  if (!IsSpace(c) && c != '#') NoteToken(c);
  switch (c) {
    case '#':
      state_ = State::kComment;
      return true;
    case '<':
      text_.push_back(c);
      state_ = State::kIri;
      return true;
    case '"':
    case '\'':
      text_.push_back(c);
      quote_ = c;
      state_ = State::kQuote1;
      return true;
    case '\\':
      text_.push_back(c);
      state_ = State::kTopEscape;
      return true;
    case '[':
    case '(':
      // serd recurses once per level: bound the depth before its stack.
      if (++depth_ > kMaxNesting) {
        FailHere(Cat("'[' and '(' nested more than ", kMaxNesting, " levels deep"));
      }
      break;
    case ']':
    case ')':
      if (depth_ > 0) --depth_;
      break;
    case '{':
      if (OpenBrace(c)) return true;
      break;
    case '}':
      return CloseBrace(c);
    case '=':
      FailHere("'=' is N3, not Turtle");
      break;
    case '.':
      if (depth_ == 0 && braces_ == 0) {
        text_.push_back(c);
        previous_ = c;
        state_ = State::kDot;
        return true;
      }
      break;
    case '_':
      if (IsDelimiter(previous_)) {
        text_.push_back(c);
        previous_ = c;
        state_ = State::kUnderscore;
        return true;
      }
      break;
    case ' ':
    case '\t':
    case '\r':
    case '\n':
      if (!first_token_checked_) {
        first_token_checked_ = true;
        std::string_view token(text_);
        token.remove_prefix(prefix_size_);
        sparql_directive_ =
            absl::EqualsIgnoreCase(absl::string_view(token.data(), token.size()), "prefix") ||
            absl::EqualsIgnoreCase(absl::string_view(token.data(), token.size()), "base");
      }
      break;
    case '\0':
      has_nul_ = true;
      break;
    default:
      break;
  }
  text_.push_back(c);
  previous_ = c;
  return true;
}

}  // namespace parley::engine::io
