// Answering an IdPattern from the permutations.
//
// A pattern binds some of s, p, o, g (kAnyId leaves a position open; graph
// == kAnyId is any graph, kDefaultGraphId the default graph, another id that
// named graph). The scan uses the permutation whose key begins with the
// longest run of bound positions, reads the key range sharing that prefix,
// and filters the remaining bound positions out of it ("residual"):
//
//   bound   order  prefix           bound     order  prefix
//   -       SPOG   -                g         GSPO   g
//   s       SPOG   s                s g       GSPO   g s
//   p       POSG   p                p g       POSG   p     (g residual)
//   o       OSPG   o                o g       OSPG   o     (g residual)
//   s p     SPOG   s p              s p g     GSPO   g s p
//   s o     OSPG   o s              s o g     OSPG   o s   (g residual)
//   p o     POSG   p o              p o g     POSG   p o   (g residual)
//   s p o   SPOG   s p o            s p o g   SPOG   s p o g
//
// Ties go to SPOG, then POSG, OSPG, GSPO, so the choice is deterministic.
// PSOG is never chosen: its bound prefix is never longer than SPOG's (p s,
// p s o, p s o g are SPOG's s p, s p o, s p o g) or POSG's (p), and ties
// go to those. It serves scans that ask for it (engine/access/id_scan.h).
#pragma once

#include <memory>
#include <span>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "engine/kv/kv_store.h"
#include "engine/layout/key_layout.h"
#include "parley/iterator.h"
#include "parley/quad.h"

namespace parley::engine {

struct ScanPlan {
  Order order = Order::kSpog;
  int bound_prefix = 0;  // leading key positions the pattern binds, 0..4
};

// The permutation that serves `pattern`; ScanQuads returns its quads in the
// key order of plan.order.
ScanPlan PlanScan(const IdPattern& pattern);

// True when every bound position of `pattern` equals `quad`'s.
bool Matches(const IdPattern& pattern, const IdQuad& quad);

// The key range [*lower, *upper) holding every key that starts with `prefix`
// (at most 32 bytes). An empty *upper means "to the end".
void PrefixRange(std::string prefix, std::string* lower, std::string* upper);

// The quads matching `pattern` as of `snapshot` (latest when null). The
// iterator holds the snapshot and `kv` (KvStore::NewIterator), so it may
// outlive every other reference to them.
std::unique_ptr<IdQuadIterator> ScanQuads(const KvStore& kv,
                                          std::shared_ptr<const KvSnapshot> snapshot,
                                          const IdPattern& pattern);

// Calls fn(quad) for every quad of permutation `order` whose key starts with
// the ids `prefix` (in `order`'s key order; at most 4, none for the whole
// index) as of `snapshot` (latest when null), in index order. Stops at the
// first error fn returns and returns it; DataLoss for a malformed key.
// The streaming path of whole-index reads (the dump export).
absl::Status ScanIndex(const KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot, Order order,
                       std::span<const TermId> prefix,
                       absl::FunctionRef<absl::Status(const IdQuad&)> fn);

// An iterator with no quads (e.g. a pattern naming an unknown term).
std::unique_ptr<IdQuadIterator> EmptyIdQuadIterator();

}  // namespace parley::engine
