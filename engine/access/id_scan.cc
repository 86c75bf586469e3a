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

}  // namespace parley::engine
