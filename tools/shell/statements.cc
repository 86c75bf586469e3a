#include "tools/shell/statements.h"
#include "tools/text_util.h"

#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "parley/query.h"
#include "query/parser/parser.h"
#include "query/parser/syntax_error.h"
#include "tools/shell/dot_commands.h"
#include "tools/shell/session.h"

namespace parley::tools {

bool IsOnlyComments(std::string_view text) {
  for (std::string_view line : Split(text, "\n")) {
    line = Trim(line);
    if (!line.empty() && line[0] != '#') return false;
  }
  return true;
}

SparqlText ClassifySparql(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& prefixes) {
  query::ParseOptions options;
  options.base_iri = "file:///";  // relative IRIs are no reason to wait
  options.prefixes = prefixes;
  absl::Status status;
  if (LooksLikeUpdate(text)) {
    absl::StatusOr<query::UpdateRequest> request = query::ParseUpdate(text, options);
    if (request.ok())
      return request->operations.empty() ? SparqlText::kIncomplete : SparqlText::kWhole;
    status = request.status();
  } else {
    status = query::ParseQuery(text, options).status();
  }
  if (status.ok()) return SparqlText::kWhole;
  return query::IsIncompleteSyntaxError(status) ? SparqlText::kIncomplete : SparqlText::kWrong;
}

bool IsCompleteSparql(std::string_view text,
                      const std::vector<std::pair<std::string, std::string>>& prefixes) {
  return ClassifySparql(text, prefixes) != SparqlText::kIncomplete;
}

std::optional<std::string> StatementAssembler::AddLine(std::string_view line) {
  // Comments alone never make a statement: they wait for none.
  if (IsOnlyComments(buffer_)) buffer_.clear();
  if (buffer_.empty() && IsOnlyComments(line)) return std::nullopt;
  if (!buffer_.empty()) buffer_.push_back('\n');
  buffer_.append(line);
  std::string_view text = TrimLeft(buffer_);
  bool complete = true;
  if (text[0] == '.') {
    if (DotCommandTakesQuery(text)) {
      const size_t space = text.find_first_of(" \t\n");
      const std::string_view query =
          space == std::string_view::npos ? std::string_view() : text.substr(space);
      complete = Trim(query).empty() || IsCompleteSparql(query, session_.prefixes().entries());
    }
  } else {
    complete = IsCompleteSparql(text, session_.prefixes().entries());
  }
  if (!complete) return std::nullopt;
  return TakePending();
}

void PrintError(std::string_view where, const absl::Status& status) {
  std::cerr << "parley: ";
  if (!where.empty()) std::cerr << where << ": ";
  std::cerr << status.message() << "\n";
}

absl::Status RunScript(Session& session, std::istream& in, std::string_view name, bool keep_going,
                       bool look_ahead) {
  StatementAssembler assembler(session);
  absl::Status first_error;
  std::string line;
  int line_number = 0;
  int statement_line = 0;  // where the pending statement began
  // With look_ahead, a whole SPARQL statement waits here for the next line
  // that is not blank or a comment, which may continue it.
  std::string held;
  std::string gap;  // blank and comment lines after `held`
  int held_line = 0;
  auto run = [&](const std::string& statement, int at) {
    absl::Status status = session.Execute(statement);
    if (status.ok()) return true;
    PrintError(name.empty() ? std::string() : absl::StrCat(std::string(name), ":", at), status);
    if (first_error.ok()) first_error = status;
    return keep_going;
  };
  while (!session.quit_requested && std::getline(in, line)) {
    ++line_number;
    if (!held.empty()) {
      if (IsOnlyComments(line)) {
        absl::StrAppend(&gap, "\n", line);
        continue;
      }
      if (TrimLeft(line)[0] != '.') {
        std::string longer = absl::StrCat(held, gap, "\n", line);
        const SparqlText state = ClassifySparql(longer, session.prefixes().entries());
        if (state == SparqlText::kWhole) {
          held = std::move(longer);
          gap.clear();
          continue;
        }
        if (state == SparqlText::kIncomplete) {
          assembler.Resume(std::move(longer));
          statement_line = held_line;
          held.clear();
          gap.clear();
          continue;
        }
      }
      // The line starts another statement.
      gap.clear();
      if (!run(std::exchange(held, std::string()), held_line)) return first_error;
      if (session.quit_requested) break;
    }
    if (!assembler.pending()) statement_line = line_number;
    std::optional<std::string> statement = assembler.AddLine(line);
    if (!statement) continue;
    if (look_ahead && TrimLeft(*statement)[0] != '.') {
      held = std::move(*statement);
      held_line = statement_line;
      continue;
    }
    if (!run(*statement, statement_line)) return first_error;
  }
  if (!held.empty() && !session.quit_requested && !run(held, held_line)) return first_error;
  const std::string rest = assembler.TakePending();
  if (!session.quit_requested && !IsOnlyComments(rest)) {
    // Run it anyway: the parser's error says what is missing.
    absl::Status status = session.Execute(rest);
    if (status.ok()) status = absl::InvalidArgumentError("the input ended inside a statement");
    PrintError(name.empty() ? std::string() : absl::StrCat(std::string(name), ":", statement_line),
               status);
    if (first_error.ok()) first_error = status;
  }
  return first_error;
}

}  // namespace parley::tools
