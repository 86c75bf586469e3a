#include "engine/kv/keyspaces.h"

namespace parley::engine {

std::vector<KeyspaceOptions> StoreKeyspaces() {
  std::vector<KeyspaceOptions> keyspaces(kFamilyCount);
  for (size_t i = 0; i < kFamilyCount; ++i) {
    keyspaces[i].name = std::string(FamilyName(static_cast<Family>(i)));
  }
  // Every commit looks up each quad it inserts or erases in SPOG; inserts of
  // new quads miss, and the filter answers those without reading a block.
  // The other permutations are only scanned, and iterators ignore whole-key
  // filters, which would cost ~1.25 B/quad each for nothing.
  keyspaces[KeyspaceOf(Family::kSpog)].point_lookup_filter = true;
  // Encoding new terms looks them up in term2id first, and those lookups
  // miss. id2term lookups come from ids found in the indexes: always hits,
  // where a filter does not help.
  keyspaces[KeyspaceOf(Family::kTerm2Id)].point_lookup_filter = true;
  return keyspaces;
}

}  // namespace parley::engine
