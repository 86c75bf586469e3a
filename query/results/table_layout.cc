#include "query/results/table_layout.h"

#include <algorithm>
#include <numeric>
#include <string_view>

#include "query/results/term_text.h"

namespace parley::query {
namespace {

constexpr size_t kMinColumnWidth = 8;
// A header longer than this may be cut when the table must shrink.
constexpr size_t kMaxKeptHeaderWidth = 16;

// The characters of one horizontal border.
struct Border {
  std::string_view left, cross, right, fill;
};

struct Lines {
  Border top, middle, bottom;
  std::string_view vertical;
};

constexpr Lines kAsciiLines = {
    {"+", "+", "+", "-"}, {"+", "+", "+", "-"}, {"+", "+", "+", "-"}, "|"};
constexpr Lines kUnicodeLines = {
    {"┌", "┬", "┐", "─"}, {"├", "┼", "┤", "─"}, {"└", "┴", "┘", "─"}, "│"};

// Columns a line takes beyond its cells: "| " before each cell, " " after
// it, and the closing "|".
size_t FrameWidth(size_t columns) { return 3 * columns + 1; }

// The sum of the widths when no column is wider than `cap`.
size_t CappedSum(const std::vector<size_t>& natural, const std::vector<size_t>& minimum,
                 size_t cap) {
  size_t sum = 0;
  for (size_t i = 0; i < natural.size(); ++i) {
    sum += std::max(minimum[i], std::min(natural[i], cap));
  }
  return sum;
}

void AppendRepeated(std::string_view text, size_t times, std::string* out) {
  for (size_t i = 0; i < times; ++i) out->append(text);
}

void AppendBorder(const Border& border, const std::vector<size_t>& widths, std::string* out) {
  for (size_t i = 0; i < widths.size(); ++i) {
    out->append(i == 0 ? border.left : border.cross);
    AppendRepeated(border.fill, widths[i] + 2, out);
  }
  out->append(border.right).append("\n");
}

void AppendCell(std::string_view text, bool align_right, size_t width, std::string_view vertical,
                std::string* out) {
  const std::string fitted = FitToWidth(text, width);
  const size_t padding = width - DisplayWidth(fitted);
  out->append(vertical).append(" ");
  if (align_right) out->append(padding, ' ');
  out->append(fitted);
  if (!align_right) out->append(padding, ' ');
  out->append(" ");
}

}  // namespace

std::vector<size_t> ColumnWidths(const TextTable& table, size_t max_width) {
  const size_t columns = table.header.size();
  std::vector<size_t> natural(columns), minimum(columns);
  for (size_t i = 0; i < columns; ++i) natural[i] = DisplayWidth(table.header[i]);
  for (const std::vector<TableCell>& row : table.rows) {
    for (size_t i = 0; i < columns && i < row.size(); ++i) {
      natural[i] = std::max(natural[i], DisplayWidth(row[i].text));
    }
  }
  const size_t frame = FrameWidth(columns);
  const size_t budget = max_width > frame ? max_width - frame : 0;
  const size_t natural_sum = std::accumulate(natural.begin(), natural.end(), size_t{0});
  if (max_width == 0 || natural_sum <= budget) return natural;

  for (size_t i = 0; i < columns; ++i) {
    const size_t header = std::min(DisplayWidth(table.header[i]), kMaxKeptHeaderWidth);
    minimum[i] = std::min(natural[i], std::max(kMinColumnWidth, header));
  }
  if (std::accumulate(minimum.begin(), minimum.end(), size_t{0}) >= budget) return minimum;

  // The largest cap on column widths under which the table fits: CappedSum
  // grows with the cap, fits at 0 (the minimums) and not at the widest
  // column (the natural widths).
  size_t fits = 0;
  size_t too_wide = *std::max_element(natural.begin(), natural.end());
  while (too_wide - fits > 1) {
    const size_t cap = fits + (too_wide - fits) / 2;
    (CappedSum(natural, minimum, cap) <= budget ? fits : too_wide) = cap;
  }
  std::vector<size_t> widths(columns);
  for (size_t i = 0; i < columns; ++i) widths[i] = std::max(minimum[i], std::min(natural[i], fits));
  // The columns left over go, one each, to the leftmost columns the cap
  // held back; fewer remain than such columns, or the next cap would fit.
  size_t spare = budget - CappedSum(natural, minimum, fits);
  for (size_t i = 0; i < columns && spare > 0; ++i) {
    if (natural[i] > widths[i] && widths[i] == fits) {
      ++widths[i];
      --spare;
    }
  }
  return widths;
}

std::string RenderTable(const TextTable& table, WriteOptions::TableStyle style, size_t max_width) {
  std::string text;
  if (table.header.empty()) return text;
  const Lines& lines = style == WriteOptions::TableStyle::kUnicode ? kUnicodeLines : kAsciiLines;
  const std::vector<size_t> widths = ColumnWidths(table, max_width);

  AppendBorder(lines.top, widths, &text);
  for (size_t i = 0; i < widths.size(); ++i) {
    AppendCell(table.header[i], /*align_right=*/false, widths[i], lines.vertical, &text);
  }
  text.append(lines.vertical).append("\n");
  if (table.rows.empty()) {
    AppendBorder(style == WriteOptions::TableStyle::kUnicode ? lines.bottom : lines.middle, widths,
                 &text);
    return text;
  }
  AppendBorder(lines.middle, widths, &text);
  const TableCell empty;
  for (const std::vector<TableCell>& row : table.rows) {
    for (size_t i = 0; i < widths.size(); ++i) {
      const TableCell& cell = i < row.size() ? row[i] : empty;
      AppendCell(cell.text, cell.align_right, widths[i], lines.vertical, &text);
    }
    text.append(lines.vertical).append("\n");
  }
  AppendBorder(lines.bottom, widths, &text);
  return text;
}

}  // namespace parley::query
