#include "query/exec/term_table.h"

#include "engine/status_macros.h"

namespace parley::query {
namespace {

// Past this many cached terms the decode cache starts over; interned terms
// are never dropped (their local ids must stay stable).
constexpr size_t kMaxCachedTerms = 200'000;

}  // namespace

absl::StatusOr<const Term*> TermTable::Decode(TermId id) {
  if (IsLocalId(id)) {
    const uint64_t index = id - kFirstLocalId;
    if (index >= local_terms_.size()) {
      return absl::InternalError("query evaluation used an unknown local term id");
    }
    return &local_terms_[index];
  }
  if (auto it = decoded_.find(id); it != decoded_.end()) return &it->second;
  if (auto it = interned_terms_.find(id); it != interned_terms_.end()) return &it->second;
  PARLEY_ASSIGN_OR_RETURN(Term term, source_->Decode(id));
  return &decoded_.emplace(id, std::move(term)).first->second;
}

absl::StatusOr<std::optional<TermId>> TermTable::LookupStored(const Term& term) {
  if (auto it = interned_.find(term); it != interned_.end()) {
    if (IsLocalId(it->second)) return std::optional<TermId>();
    return std::optional<TermId>(it->second);
  }
  PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, source_->Lookup(term));
  if (id.has_value()) interned_.emplace(term, *id);
  return id;
}

absl::StatusOr<TermId> TermTable::Intern(const Term& term) {
  if (auto it = interned_.find(term); it != interned_.end()) return it->second;
  PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> stored, source_->Lookup(term));
  TermId id;
  if (stored.has_value()) {
    id = *stored;
    interned_terms_.emplace(id, term);
  } else {
    id = kFirstLocalId + local_terms_.size();
    local_terms_.push_back(term);
  }
  interned_.emplace(term, id);
  return id;
}

void TermTable::TrimCache() {
  if (decoded_.size() > kMaxCachedTerms) decoded_.clear();
}

}  // namespace parley::query
