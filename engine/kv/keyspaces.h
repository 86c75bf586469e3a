// The keyspaces of a Store's KvStore: one per Family of engine/layout/key_layout.h,
// at the index of its Family, with the tuning each one gets.
#pragma once

#include <vector>

#include "engine/kv/kv_store.h"
#include "engine/layout/key_layout.h"

namespace parley::engine {

constexpr Keyspace KeyspaceOf(Family family) { return static_cast<Keyspace>(family); }
constexpr Keyspace KeyspaceOf(Order order) { return KeyspaceOf(FamilyOf(order)); }

// KvOptions::keyspaces for a Store, indexed by Family.
std::vector<KeyspaceOptions> StoreKeyspaces();

}  // namespace parley::engine
