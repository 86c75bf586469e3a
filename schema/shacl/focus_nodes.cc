#include "schema/shacl/focus_nodes.h"

#include <algorithm>
#include <utility>

#include "engine/status_macros.h"

namespace parley::shacl {

using engine::Order;
using engine::QuadPosition;

absl::Status FocusNodes::Source::Advance() {
  head.reset();
  if (rows == nullptr) {
    if (next_fixed < fixed.size()) head = fixed[next_fixed++];
    return absl::OkStatus();
  }
  std::optional<IdQuad> row = rows->Next();
  if (!row) return rows->status();
  head = position == QuadPosition::kSubject ? row->subject : row->object;
  return absl::OkStatus();
}

absl::StatusOr<FocusNodes> FocusNodes::Open(
    const DataGraph& data, const TermIds& ids, const Shape& shape, std::optional<TermId> rdf_type,
    const std::function<absl::StatusOr<std::vector<TermId>>(const Term&)>& class_ids) {
  FocusNodes nodes;
  Source fixed;
  auto add_scan = [&](Order order, TermId predicate, std::optional<TermId> object,
                      QuadPosition position) -> absl::Status {
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::QuadCursor> cursor,
                            data.OpenPredicateScan(order, predicate, object));
    if (cursor == nullptr) return absl::OkStatus();
    Source source;
    source.rows = std::make_unique<RowStream>(std::move(cursor));
    source.position = position;
    nodes.sources_.push_back(std::move(source));
    return absl::OkStatus();
  };
  for (const Target& target : shape.targets) {
    std::optional<TermId> id = ids.Id(target.term);
    switch (target.kind) {
      case Target::Kind::kNode:
        if (id) {
          fixed.fixed.push_back(*id);
        } else {
          nodes.unknown_nodes_.push_back(target.term);
        }
        break;
      case Target::Kind::kClass: {
        // (rdf:type, C, ?s) in POSG comes sorted by subject.
        PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> classes, class_ids(target.term));
        if (!rdf_type) break;
        for (TermId c : classes) {
          PARLEY_RETURN_IF_ERROR(add_scan(Order::kPosg, *rdf_type, c, QuadPosition::kSubject));
        }
        break;
      }
      case Target::Kind::kSubjectsOf:
        // PSOG reads (p, ?s, ?o) in subject order.
        if (id)
          PARLEY_RETURN_IF_ERROR(add_scan(Order::kPsog, *id, std::nullopt, QuadPosition::kSubject));
        break;
      case Target::Kind::kObjectsOf:
        if (id)
          PARLEY_RETURN_IF_ERROR(add_scan(Order::kPosg, *id, std::nullopt, QuadPosition::kObject));
        break;
    }
  }
  std::sort(fixed.fixed.begin(), fixed.fixed.end());
  std::sort(nodes.unknown_nodes_.begin(), nodes.unknown_nodes_.end());
  nodes.unknown_nodes_.erase(std::unique(nodes.unknown_nodes_.begin(), nodes.unknown_nodes_.end()),
                             nodes.unknown_nodes_.end());
  if (!fixed.fixed.empty()) nodes.sources_.push_back(std::move(fixed));
  for (Source& source : nodes.sources_) PARLEY_RETURN_IF_ERROR(source.Advance());
  return nodes;
}

absl::StatusOr<std::optional<TermId>> FocusNodes::Next() {
  while (true) {
    std::optional<TermId> lowest;
    for (const Source& source : sources_) {
      if (source.head && (!lowest || *source.head < *lowest)) lowest = source.head;
    }
    if (!lowest) return std::nullopt;
    for (Source& source : sources_) {
      while (source.head == lowest) PARLEY_RETURN_IF_ERROR(source.Advance());
    }
    if (lowest != last_) {
      last_ = lowest;
      return lowest;
    }
  }
}

}  // namespace parley::shacl
