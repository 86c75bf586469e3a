// The bulk loader's term dictionary: turns statement records
// (engine/bulk/bulk_records.h) into quads of ids.
//
// Inline literals get their computed id (engine/values/inline_value.h). Every other
// term is looked up in an in-memory hash map of term key -> id that lives for
// the whole load (its memory is the load's distinct terms). A term not in the
// map gets a provisional id (tag 0xE, which no stored id uses, payload = its
// index in the pending list) until Resolve(), which, for the terms pending
// since the last Resolve (one id batch):
//   1. looks them up in the store's term2id (one MultiGet; skipped for an
//      empty dictionary), where found ones take their stored id;
//   2. numbers the rest from the counter, in term-key order, so related IRIs
//      get neighbouring ids (DESIGN.md, "Term encoding");
//   3. rewrites the provisional ids in the quads encoded since.
// Into an empty dictionary (Options::lookup_store false), a term that a dump
// defines (Define records) is numbered at once instead, in definition order:
// ids then follow the dump's term order, so that quads a dump lists in index
// order arrive in index order (engine/bulk/sort_run.h skips their sorts) and an
// export -> load -> export round trip keeps the database's id order.
// A term is validated (engine/bulk/bulk_term_key.h) once, when first seen.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "engine/kv/kv_store.h"
#include "engine/layout/sort_key.h"
#include "parley/quad.h"

namespace parley::engine {

// The terms a Resolve() numbered: keys[i] has id first_id + i. Unless
// `sorted`, keys are in no particular order (terms numbered in definition
// order come first); with it, in increasing order. The views stay valid as
// long as the encoder.
struct NewTermBatch {
  TermId first_id = 0;
  std::vector<std::string_view> keys;
  bool sorted = true;
};

// The error for a term key defined under two local ids when the loader
// trusted definitions to be distinct (BulkLoadOptions).
absl::Status TermDefinedTwiceError(std::string_view key);

// Not thread-safe: one thread encodes (the loader's encoder thread). The
// views it hands out may be read by other threads.
class BulkEncoder {
 public:
  struct Options {
    const KvStore* kv = nullptr;
    const KvSnapshot* snapshot = nullptr;
    // The store's counter: the first id this load hands out.
    TermId next_id = 1;
    // Whether the store's dictionary may hold terms (else Resolve skips the
    // lookup, and defined terms are numbered at once, in definition order).
    bool lookup_store = false;
    // BulkLoadOptions::distinct_definitions: with !lookup_store, defined
    // terms skip the hash map (and its cost per term) until a quad record
    // needs it; a term defined twice then fails the load's term2id merge.
    bool distinct_definitions = false;
  };
  explicit BulkEncoder(const Options& options);
  ~BulkEncoder();
  BulkEncoder(const BulkEncoder&) = delete;
  BulkEncoder& operator=(const BulkEncoder&) = delete;

  // Encodes the records in data[*offset, size) into SPOG-layout keys appended
  // to `run`, stopping early once run->size() >= limit (*offset then points
  // at the first record not encoded). InvalidArgument for an invalid term, a
  // local id used before its definition or defined twice, or a term of the
  // wrong kind for its position in AddLocal.
  absl::Status Encode(const char* data, size_t size, size_t* offset, size_t limit,
                      std::vector<Key4>* run);

  // Gives the pending terms their ids and rewrites the provisional ids of
  // (*run)[from, end). REQUIRES: every quad with a provisional id is there.
  // ResourceExhausted when the dictionary's ids run out; DataLoss for a
  // corrupt term2id entry.
  absl::Status Resolve(std::vector<Key4>* run, size_t from, NewTermBatch* batch);

  // The counter after the last Resolve().
  TermId next_id() const { return next_id_; }
  // Terms the next Resolve() will number or has numbered (dump
  // definitions) for its batch.
  size_t batch_terms() const { return pending_.size() + numbered_.size(); }
  size_t distinct_terms() const { return map_.size() + unmapped_.size(); }

 private:
  struct Hash {
    size_t operator()(std::string_view s) const {
      return absl::Hash<absl::string_view>()(absl::string_view(s.data(), s.size()));
    }
  };
  absl::StatusOr<TermId> Lookup(std::string_view key, bool number_now);
  // Enters the terms numbered without the map into it; InvalidArgument for
  // a term defined twice.
  absl::Status MapNumbered();
  std::string_view Store(std::string_view key);
  absl::Status Define(uint64_t local, std::string_view key);
  absl::StatusOr<TermId> Local(uint64_t local, int position);

  Options options_;
  TermId next_id_;
  absl::flat_hash_map<std::string_view, TermId, Hash> map_;
  std::vector<std::string_view> pending_;  // by provisional index
  // Terms numbered at once since the last Resolve (ids batch_first_id_ on).
  std::vector<std::string_view> numbered_;
  TermId batch_first_id_;
  // Terms numbered while distinct definitions were trusted, not in map_.
  std::vector<std::pair<std::string_view, TermId>> unmapped_;
  bool trust_definitions_;
  // Term text, in blocks that never move (the map's keys point into them).
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_free_ = nullptr;
  size_t block_left_ = 0;
  size_t text_bytes_ = 0;
  // The dump path: local id -> id and kind (0 = undefined); local ids whose
  // id is still provisional.
  std::vector<TermId> local_ids_;
  std::vector<uint8_t> local_kinds_;
  std::vector<uint64_t> pending_locals_;
};

}  // namespace parley::engine
