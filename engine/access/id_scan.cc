#include "engine/access/id_scan.h"

#include "engine/quad_scan.h"

namespace parley::engine {

IdScan IdScan::ForPattern(const IdPattern& pattern) {
  IdScan scan;
  scan.order = PlanScan(pattern).order;
  const TermId ids[4] = {pattern.subject, pattern.predicate, pattern.object, pattern.graph};
  for (int i = 0; i < 4; ++i) {
    if (ids[i] != kAnyId) scan.ranges[i] = IdRange::Exactly(ids[i]);
  }
  return scan;
}

int ConstantPrefix(const IdScan& scan) {
  int n = 0;
  for (int position : KeyPositions(scan.order)) {
    if (!scan.ranges[position].is_constant()) break;
    ++n;
  }
  return n;
}

std::array<TermId, 4> KeyIds(Order order, const IdQuad& quad) {
  const std::array<TermId, 4> ids{quad.subject, quad.predicate, quad.object, quad.graph};
  std::array<TermId, 4> key;
  for (int i = 0; i < 4; ++i) key[i] = ids[KeyPositions(order)[i]];
  return key;
}

IdQuad LowestRow(const IdScan& scan) {
  return {scan.ranges[0].lo, scan.ranges[1].lo, scan.ranges[2].lo, scan.ranges[3].lo};
}

}  // namespace parley::engine
