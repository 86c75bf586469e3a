// Terms <-> ids for one query evaluation.
//
// Stored terms keep their store ids. A term the evaluator computes (BIND,
// SELECT expressions, aggregates, VALUES, CONSTRUCT's blank nodes) is first
// looked up in the store, and only when the store has never seen it does it
// get a query-local id: tag 0xF (the engine's reserved tag, whose only
// stored use is the wildcard kAnyId, all ones) followed by a counter. So id
// equality stays term equality across stored and computed terms, which the
// joins, DISTINCT and GROUP BY rely on. Local ids never reach the store: a
// pattern constant that has one matches nothing.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "parley/term.h"
#include "query/exec/source.h"

namespace parley::query {

inline constexpr TermId kFirstLocalId = TermId{0xF} << 60;

inline bool IsLocalId(TermId id) { return id >= kFirstLocalId && id != kAnyId; }

// Not thread-safe.
class TermTable {
 public:
  explicit TermTable(Source* source) : source_(source) {}

  // The term of `id` (stored or local), cached; the pointer is valid until
  // the next TrimCache().
  absl::StatusOr<const Term*> Decode(TermId id);

  // Decodes every stored id of `ids` not yet cached with one bulk read
  // (StorageReader::DecodeMany), so that the Decode() calls that follow hit
  // the cache. kUnbound and local ids are skipped.
  absl::Status Prefetch(std::span<const TermId> ids);

  // The stored id of `term`, or nullopt when the store has never seen it.
  absl::StatusOr<std::optional<TermId>> LookupStored(const Term& term);

  // The id of `term`: its stored id, or a query-local one.
  absl::StatusOr<TermId> Intern(const Term& term);

  // Empties the decode cache when it has grown past its bound. Call only
  // where no pointer from Decode() is held (between blocks).
  void TrimCache();

  Source* source() const { return source_; }

 private:
  Source* source_;
  absl::node_hash_map<TermId, Term> decoded_;
  absl::flat_hash_map<Term, TermId> interned_;
  // Terms Intern() gave a stored-space id (inline literals always have one,
  // even when no quad holds them, and the store may not decode those).
  absl::node_hash_map<TermId, Term> interned_terms_;
  std::deque<Term> local_terms_;  // local id - kFirstLocalId -> term (stable addresses)
};

}  // namespace parley::query
