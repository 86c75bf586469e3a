// Solutions as the evaluator passes them between operators: blocks of rows of
// term ids. Every row has one cell per variable of the query (the query's
// variable slots, see variables.h), so operators never remap columns: an
// unbound variable is kUnbound in its cell. Rows are stored row-major in one
// vector, which keeps a row's cells together for hashing and copying.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parley/quad.h"

namespace parley::query {

// The cell of a variable a solution does not bind. Never the id of a term
// (it is the scan wildcard kAnyId).
inline constexpr TermId kUnbound = kAnyId;

// Operators hand on at most about this many rows per block.
inline constexpr size_t kBlockRows = 1024;
// A block's first filling stops at this many rows; each Clear() doubles the
// limit up to kBlockRows. An operator reuses its input block from call to
// call, so a pipeline computes a few rows first (what ASK, a small LIMIT or
// the first screen of a shell needs) and full blocks once it streams.
inline constexpr size_t kFirstBlockRows = 32;

class Block {
 public:
  explicit Block(size_t width = 0, size_t row_limit = kFirstBlockRows)
      : width_(width), row_limit_(row_limit) {}

  size_t width() const { return width_; }
  size_t rows() const { return rows_; }
  bool empty() const { return rows_ == 0; }
  // Whether a producer should stop filling the block (see kFirstBlockRows).
  bool full() const { return rows_ >= row_limit_; }

  // Removes every row; keeps the width (and the capacity). After a filling
  // the row limit doubles, up to kBlockRows.
  void Clear() {
    if (rows_ > 0 && row_limit_ < kBlockRows) {
      row_limit_ = row_limit_ * 2 < kBlockRows ? row_limit_ * 2 : kBlockRows;
    }
    rows_ = 0;
    cells_.clear();
  }
  // Removes every row and sets the width.
  void Reset(size_t width) {
    Clear();
    width_ = width;
  }

  const TermId* row(size_t i) const { return cells_.data() + i * width_; }
  TermId* mutable_row(size_t i) { return cells_.data() + i * width_; }

  // Appends a row of `width()` cells copied from `cells`.
  void AppendRow(const TermId* cells) {
    cells_.insert(cells_.end(), cells, cells + width_);
    ++rows_;
  }
  // Appends a row with every variable unbound and returns it.
  TermId* AppendUnboundRow() {
    cells_.resize(cells_.size() + width_, kUnbound);
    ++rows_;
    return cells_.data() + (rows_ - 1) * width_;
  }
  // Keeps the first `rows` rows.
  void Truncate(size_t rows) {
    if (rows >= rows_) return;
    rows_ = rows;
    cells_.resize(rows * width_);
  }

  // Bytes this block holds (for memory accounting).
  size_t bytes() const { return cells_.capacity() * sizeof(TermId) + sizeof(*this); }

 private:
  size_t width_ = 0;
  size_t rows_ = 0;
  size_t row_limit_ = kFirstBlockRows;
  std::vector<TermId> cells_;
};

// True when the two rows agree on every variable both bind (SPARQL's
// compatibility of solution mappings).
inline bool Compatible(const TermId* a, const TermId* b, size_t width) {
  for (size_t i = 0; i < width; ++i) {
    if (a[i] != kUnbound && b[i] != kUnbound && a[i] != b[i]) return false;
  }
  return true;
}

// out := the union of compatible rows a and b (out may alias a).
inline void MergeRows(const TermId* a, const TermId* b, size_t width, TermId* out) {
  for (size_t i = 0; i < width; ++i) out[i] = a[i] != kUnbound ? a[i] : b[i];
}

}  // namespace parley::query
