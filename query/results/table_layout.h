// The layout of a text table for people, apart from where its cells come
// from: cells, their alignment, a line style and a width in, text out.
// Internal to query/results/ (the table writer and its tests).
//
//   +-------+-----+        ┌───────┬─────┐
//   | s     | n   |        │ s     │ n   │
//   +-------+-----+        ├───────┼─────┤
//   | _:b0  |  42 |        │ _:b0  │  42 │
//   | <htt… | 1.5 |        │ <htt… │ 1.5 │
//   +-------+-----+        └───────┴─────┘
//
// Widths count terminal columns (DisplayWidth), so CJK text aligns.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "query/results/result_writer.h"

namespace parley::query {

struct TableCell {
  std::string text;  // one line of UTF-8
  bool align_right = false;
};

struct TextTable {
  std::vector<std::string> header;           // one per column, left-aligned
  std::vector<std::vector<TableCell>> rows;  // header.size() cells each
};

// The width of each column: its widest cell (header included) when the
// table then fits in `max_width` columns or `max_width` is 0. Otherwise
// the widest columns give up columns first until the lines fit, each
// keeping at least min(its width, max(8, its header's width up to 16));
// when even those minimums do not fit, the minimums.
std::vector<size_t> ColumnWidths(const TextTable& table, size_t max_width);

// The table's lines, each ending in '\n': border, header, border, rows,
// border; a table without rows closes with the border under its header
// (in kUnicode the bottom one). Widths as ColumnWidths(); a cell wider
// than its column is cut with "…" (FitToWidth). Empty for a table without
// columns.
std::string RenderTable(const TextTable& table, WriteOptions::TableStyle style, size_t max_width);

}  // namespace parley::query
