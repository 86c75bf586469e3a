// What a query asks of one quad permutation: a range of ids per quad
// position (a constant is a range of one id) and the order rows come in.
#pragma once

#include <array>
#include <cstdint>

#include "engine/layout/key_layout.h"
#include "parley/quad.h"

namespace parley::engine {

// The ids [lo, hi). kAnyId is above every id a term can have, so hi ==
// kAnyId leaves the range open above; the default, [0, kAnyId), is any id.
struct IdRange {
  TermId lo = 0;
  TermId hi = kAnyId;

  static constexpr IdRange Any() { return {}; }
  static constexpr IdRange Exactly(TermId id) { return {id, id + 1}; }
  constexpr bool is_any() const { return lo == 0 && hi == kAnyId; }
  constexpr bool is_constant() const { return hi != kAnyId && hi == lo + 1; }
  constexpr bool empty() const { return hi <= lo; }
  constexpr bool Contains(TermId id) const { return lo <= id && id < hi; }
};

// Quad positions, the index into IdScan::ranges.
enum class QuadPosition : uint8_t { kSubject = 0, kPredicate = 1, kObject = 2, kGraph = 3 };

// A scan of one permutation. Rows come in `order`'s key order. The key range
// read is the one its leading constants and the first range after them
// bound; the other positions are filtered while reading ("residual").
struct IdScan {
  Order order = Order::kSpog;
  std::array<IdRange, 4> ranges;  // by QuadPosition

  IdRange& range(QuadPosition position) { return ranges[static_cast<int>(position)]; }
  const IdRange& range(QuadPosition position) const { return ranges[static_cast<int>(position)]; }

  // True when every range holds `quad`'s id at its position.
  bool Matches(const IdQuad& quad) const {
    return ranges[0].Contains(quad.subject) && ranges[1].Contains(quad.predicate) &&
           ranges[2].Contains(quad.object) && ranges[3].Contains(quad.graph);
  }
  // True when some range is empty: the scan has no rows.
  bool Empty() const {
    return ranges[0].empty() || ranges[1].empty() || ranges[2].empty() || ranges[3].empty();
  }

  // The scan of `pattern`'s constants in the permutation PlanScan would
  // choose for it (the longest bound key prefix).
  static IdScan ForPattern(const IdPattern& pattern);
};

// The number of leading key positions of `scan.order` that are constants.
int ConstantPrefix(const IdScan& scan);

// `quad`'s ids in `order`'s key order: comparing these arrays compares keys.
std::array<TermId, 4> KeyIds(Order order, const IdQuad& quad);

// The first key a row of `scan` can have: its ranges' lower ends.
IdQuad LowestRow(const IdScan& scan);

}  // namespace parley::engine
