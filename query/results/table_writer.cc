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
// datatypes abbreviated, escapes keep every cell on one line), IRIs
// shortened by WriteOptions::prefixes; an unbound variable is an empty
// cell. Cells are left-aligned, numeric literals right-aligned on request.
// CONSTRUCT shows subject, predicate, object and "N triples"; ASK a
// one-cell table headed "ask". The layout (lines, widths, cutting to
// WriteOptions::max_width) is table_layout.h's.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "query/results/table_layout.h"
#include "query/results/term_text.h"
#include "query/results/writers.h"

namespace parley::query {
namespace {

TableCell Cell(const Term& term, const WriteOptions& options) {
  TableCell cell;
  AppendShortTerm(term, options.prefixes, &cell.text);
  cell.align_right = options.right_align_numbers && IsNumericLiteral(term);
  return cell;
}

std::string CountLine(size_t count, std::string_view noun) {
  return absl::StrCat(count, " ", std::string(noun), count == 1 ? "" : "s", "\n");
}

// Writes the table and then `footer` (with its line end), if the options
// want it, in one piece.
absl::Status EmitTable(const TextTable& table, std::string_view footer, const WriteOptions& options,
                       std::ostream& out) {
  std::string text = RenderTable(table, options.table_style, options.max_width);
  if (options.count_footer) text.append(footer);
  return Emit(out, text);
}

}  // namespace

absl::Status WriteTable(QueryResult& result, const WriteOptions& options, std::ostream& out) {
  TextTable table;
  switch (result.kind()) {
    case QueryResult::Kind::kBoolean:
      table.header = {"ask"};
      table.rows.push_back({TableCell{result.boolean() ? "true" : "false"}});
      return EmitTable(table, "", options, out);

    case QueryResult::Kind::kSolutions: {
      const std::vector<std::string>& variables = result.variables();
      table.header.assign(variables.begin(), variables.end());
      std::vector<std::optional<Term>> solution;
      while (true) {
        absl::StatusOr<bool> more = result.NextRow(&solution);
        if (!more.ok()) return more.status();
        if (!*more) break;
        std::vector<TableCell>& row = table.rows.emplace_back(variables.size());
        for (size_t i = 0; i < variables.size() && i < solution.size(); ++i) {
          if (solution[i]) row[i] = Cell(*solution[i], options);
        }
      }
      return EmitTable(table, CountLine(table.rows.size(), "row"), options, out);
    }

    case QueryResult::Kind::kTriples: {
      table.header = {"subject", "predicate", "object"};
      Term subject, predicate, object;
      while (true) {
        absl::StatusOr<bool> more = result.NextTriple(&subject, &predicate, &object);
        if (!more.ok()) return more.status();
        if (!*more) break;
        table.rows.push_back(
            {Cell(subject, options), Cell(predicate, options), Cell(object, options)});
      }
      return EmitTable(table, CountLine(table.rows.size(), "triple"), options, out);
    }
  }
  return absl::InternalError("unknown result kind");
}

}  // namespace parley::query
