// An aligned text table for people, the one format that buffers (column
// widths depend on every row):
//
//   +-----------------+-------------+
//   | s               | name        |
//   +-----------------+-------------+
//   | <http://ex.org> | "北京"@zh   |
//   | _:b0            | 42          |
//   +-----------------+-------------+
//   2 rows
//
// Cells are terms in Turtle syntax (numbers and booleans bare, xsd:
// datatypes abbreviated, escapes keep every cell on one line); an unbound
// variable is an empty cell. Widths count terminal columns, so CJK text
// aligns. CONSTRUCT shows subject, predicate, object and "N triples"; ASK a
// one-cell table headed "ask".
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "query/results/term_text.h"
#include "query/results/writers.h"

namespace parley::query {
namespace {

using Row = std::vector<std::string>;

std::string CellText(const Term& term) {
  std::string text;
  AppendTurtleTerm(term, /*xsd_prefix=*/true, &text);
  return text;
}

void AppendBorder(const std::vector<size_t>& widths, std::string* out) {
  for (size_t width : widths) out->append("+").append(width + 2, '-');
  out->append("+\n");
}

void AppendCells(const Row& cells, const std::vector<size_t>& widths, std::string* out) {
  for (size_t i = 0; i < widths.size(); ++i) {
    out->append("| ").append(cells[i]);
    out->append(widths[i] - DisplayWidth(cells[i]) + 1, ' ');
  }
  out->append("|\n");
}

// Writes the table and then `footer` (with its line end) in one piece.
absl::Status EmitTable(const Row& header, const std::vector<Row>& rows, std::string_view footer,
                       std::ostream& out) {
  std::string text;
  if (!header.empty()) {
    std::vector<size_t> widths(header.size());
    for (size_t i = 0; i < header.size(); ++i) widths[i] = DisplayWidth(header[i]);
    for (const Row& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
    AppendBorder(widths, &text);
    AppendCells(header, widths, &text);
    AppendBorder(widths, &text);
    for (const Row& row : rows) AppendCells(row, widths, &text);
    if (!rows.empty()) AppendBorder(widths, &text);
  }
  text.append(footer);
  return Emit(out, text);
}

std::string CountLine(size_t count, std::string_view noun) {
  return absl::StrCat(count, " ", std::string(noun), count == 1 ? "" : "s", "\n");
}

}  // namespace

absl::Status WriteTable(QueryResult& result, std::ostream& out) {
  std::vector<Row> rows;
  switch (result.kind()) {
    case QueryResult::Kind::kBoolean:
      rows.push_back({result.boolean() ? "true" : "false"});
      return EmitTable({"ask"}, rows, "", out);

    case QueryResult::Kind::kSolutions: {
      const std::vector<std::string>& variables = result.variables();
      std::vector<std::optional<Term>> solution;
      while (true) {
        absl::StatusOr<bool> more = result.NextRow(&solution);
        if (!more.ok()) return more.status();
        if (!*more) break;
        Row& row = rows.emplace_back(variables.size());
        for (size_t i = 0; i < variables.size() && i < solution.size(); ++i) {
          if (solution[i]) row[i] = CellText(*solution[i]);
        }
      }
      return EmitTable(Row(variables.begin(), variables.end()), rows, CountLine(rows.size(), "row"),
                       out);
    }

    case QueryResult::Kind::kTriples: {
      Term subject, predicate, object;
      while (true) {
        absl::StatusOr<bool> more = result.NextTriple(&subject, &predicate, &object);
        if (!more.ok()) return more.status();
        if (!*more) break;
        rows.push_back({CellText(subject), CellText(predicate), CellText(object)});
      }
      return EmitTable({"subject", "predicate", "object"}, rows, CountLine(rows.size(), "triple"),
                       out);
    }
  }
  return absl::InternalError("unknown result kind");
}

}  // namespace parley::query
