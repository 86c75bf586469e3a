// The dictionary: terms <-> ids.
//
// Literals that TryEncodeInline accepts carry their value in the id and are
// never stored. The default graph is kDefaultGraphId (0). Every other term
// gets a dense id 1, 2, 3, ... from the counter kMetaNextId (the next id to
// hand out) and is stored in both directions:
//   "term2id": term_key (engine/layout/term_codec.h) -> id:8 big-endian
//   "id2term": id:8 big-endian -> term_key
// Both entries and the advanced counter are written in the same batch as the
// quads that use the term, so a term is stored iff a committed transaction
// introduced it. Ids are never reused (an erased term keeps its id).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "engine/kv/kv_store.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace parley::engine {

// Reads. Thread-safe. REQUIRES: `kv` outlives the Dictionary; terms passed
// in are valid (Term::Validate()).
class Dictionary {
 public:
  explicit Dictionary(const KvStore* kv) : kv_(kv) {}

  // The id of `term` as of `snapshot` (latest when null), or nullopt when
  // the store never stored it. Inline literals always have an id.
  absl::StatusOr<std::optional<TermId>> Lookup(const Term& term, const KvSnapshot* snapshot) const;

  // The term of `id`, for an id from any source (e.g. a user). NotFound for
  // an id this store never issued: an unknown dictionary id, kAnyId, or an
  // inline id that no stored quad has as object (inline literals are only
  // ever objects; that check costs an index seek).
  // DataLoss for an unreadable entry.
  absl::StatusOr<Term> Decode(TermId id, const std::shared_ptr<const KvSnapshot>& snapshot) const;

  // As Decode, for an id read from this store's indexes (so an inline id is
  // well formed and decoded without the index seek).
  absl::StatusOr<Term> DecodeStored(TermId id, const KvSnapshot* snapshot) const;

  // Calls fn(id, term_key) for every entry of the dictionary as of
  // `snapshot`, in ascending id order (term_key: engine/layout/term_codec.h's
  // grammar). Stops at the first error fn returns and returns it; DataLoss
  // for a malformed entry.
  absl::Status ScanInIdOrder(const std::shared_ptr<const KvSnapshot>& snapshot,
                             absl::FunctionRef<absl::Status(TermId, std::string_view)> fn) const;

  // The term keys of `ids` (dictionary ids) as of `snapshot`, one MultiGet
  // per call: (*keys)[i] is the key of ids[i]. DataLoss naming the id when
  // one has no entry.
  absl::Status TermKeys(std::span<const TermId> ids, const KvSnapshot* snapshot,
                        std::vector<std::string>* keys) const;

 private:
  const KvStore* kv_;
};

// Encodes the terms of one write: terms added with Require() get an id (new
// ones from the counter), terms added with Find() only when the store has
// one. Looks every stored term up with one MultiGet. Not thread-safe; the
// caller holds the store's writer lease from Run() until its batch is
// written (else two writers could hand out the same ids).
class TermEncoder {
 public:
  TermEncoder(const KvStore* kv, const KvSnapshot* snapshot) : kv_(kv), snapshot_(snapshot) {}

  // REQUIRES: before Run(); `term` valid.
  void Require(const Term& term);
  void Find(const Term& term);

  // Resolves the ids. New terms are numbered in term-key order (related IRIs
  // get neighbouring ids, which compress well); their id2term and term2id
  // entries and the new kMetaNextId go into `batch` (nothing when no term is
  // new). ResourceExhausted when the dense ids run out; DataLoss for a
  // corrupt dictionary entry or a missing counter.
  absl::Status Run(KvWriteBatch* batch);

  // REQUIRES: Run() succeeded and `term` was added. Nullopt for a Find()
  // term the store does not know.
  std::optional<TermId> IdOf(const Term& term) const;

  // Ids >= first_new_id() were handed out by this encoder's Run(): no
  // stored quad uses them. REQUIRES: Run() succeeded.
  TermId first_new_id() const { return first_new_id_; }
  size_t new_terms() const { return new_terms_; }

 private:
  struct Entry {
    bool required = false;
    std::optional<TermId> id;
  };
  void Add(const Term& term, bool required);

  const KvStore* kv_;
  const KvSnapshot* snapshot_;
  absl::flat_hash_map<Term, Entry> terms_;
  TermId first_new_id_ = 0;
  size_t new_terms_ = 0;
};

}  // namespace parley::engine
