// The validator's reads of the data graph, in ids, through the engine's
// read seam (engine/access/storage_reader.h): the union of all graphs or
// one graph, as ValidationOptions says. Every read streams a cursor; none
// holds more than the rows it returns.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "engine/access/id_scan.h"
#include "engine/access/storage_reader.h"
#include "parley/term.h"

namespace parley::shacl {

class DataGraph {
 public:
  // `graph`: nullopt for the union of all graphs, else the one graph's id;
  // `empty` for a graph the store never held. `reader` and `limits` must
  // outlive this object.
  DataGraph(const engine::StorageReader& reader, std::optional<TermId> graph, bool empty,
            const engine::ScanLimits& limits)
      : reader_(reader), graph_(graph), empty_(empty), limits_(limits) {}

  // The distinct objects of (subject, predicate, ?), sorted by id.
  absl::Status Objects(TermId subject, TermId predicate, std::vector<TermId>* out) const;
  // The distinct subjects of (?, predicate, object), sorted by id.
  absl::Status Subjects(TermId predicate, TermId object, std::vector<TermId>* out) const;

  // Opens a scan of (?, predicate, object) or (?, predicate, ?) restricted to
  // this graph, in `order` (kPosg or kPsog); nullptr when certainly empty.
  absl::StatusOr<std::unique_ptr<engine::QuadCursor>> OpenPredicateScan(
      engine::Order order, TermId predicate, std::optional<TermId> object) const;

  // Ids of terms; nullopt for a term the store never held.
  absl::StatusOr<std::vector<std::optional<TermId>>> Lookup(std::span<const Term> terms) const;
  absl::Status Decode(std::span<const TermId> ids, std::vector<Term>* terms) const {
    return reader_.DecodeMany(ids, terms);
  }

  const engine::ScanLimits& limits() const { return limits_; }

 private:
  absl::Status Collect(engine::IdScan scan, engine::QuadPosition position,
                       std::vector<TermId>* out) const;

  const engine::StorageReader& reader_;
  std::optional<TermId> graph_;
  bool empty_;
  const engine::ScanLimits& limits_;
};

// The values of (focus, predicate, ?) — or of (?, predicate, focus) — for
// focus ids that never decrease from one call to the next, as a shape's
// focus nodes come: one cursor, moved forward by seeks and short reads,
// instead of a new cursor per focus node.
class ForwardValues {
 public:
  ForwardValues(const DataGraph& data, TermId predicate, bool inverse)
      : data_(data), predicate_(predicate), inverse_(inverse) {}

  // *out := the distinct values, sorted. REQUIRES: `focus` is not below the
  // previous call's.
  absl::Status Values(TermId focus, std::vector<TermId>* out);

 private:
  TermId FocusOf(const IdQuad& row) const { return inverse_ ? row.object : row.subject; }
  TermId ValueOf(const IdQuad& row) const { return inverse_ ? row.subject : row.object; }
  // Reads the next batch into rows_; false at the end.
  absl::StatusOr<bool> Refill();

  const DataGraph& data_;
  TermId predicate_;
  bool inverse_;
  std::unique_ptr<engine::QuadCursor> cursor_;
  bool exhausted_ = false;
  std::vector<IdQuad> rows_ = std::vector<IdQuad>(64);
  size_t size_ = 0;
  size_t position_ = 0;
  std::optional<TermId> last_focus_;
  std::vector<TermId> last_values_;
};

// The ids of the terms a shapes graph names, looked up once.
class TermIds {
 public:
  // Looks up every term of `terms` not known yet.
  absl::Status Resolve(const DataGraph& data, const std::vector<Term>& terms);
  // The id of a resolved term; nullopt when the store never held it.
  // REQUIRES: `term` was resolved.
  std::optional<TermId> Id(const Term& term) const;

 private:
  absl::flat_hash_map<Term, std::optional<TermId>> ids_;
};

// Rows a cursor returns, one at a time, for code that walks a stream.
class RowStream {
 public:
  explicit RowStream(std::unique_ptr<engine::QuadCursor> cursor) : cursor_(std::move(cursor)) {}

  // The next row, or nullopt at the end (then check status()).
  std::optional<IdQuad> Next();
  const absl::Status& status() const { return status_; }

 private:
  std::unique_ptr<engine::QuadCursor> cursor_;
  std::vector<IdQuad> rows_ = std::vector<IdQuad>(1024);
  size_t size_ = 0;
  size_t position_ = 0;
  absl::Status status_;
};

}  // namespace parley::shacl
