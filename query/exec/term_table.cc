#include "query/exec/term_table.h"

#include <algorithm>

#include "engine/status_macros.h"
#include "query/exec/block.h"

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
  std::vector<Term> terms;
  PARLEY_RETURN_IF_ERROR(source_->DecodeMany(std::span<const TermId>(&id, 1), &terms));
  return &decoded_.emplace(id, std::move(terms[0])).first->second;
}

absl::Status TermTable::Prefetch(std::span<const TermId> ids) {
  std::vector<TermId> missing;
  for (TermId id : ids) {
    if (id == kUnbound || IsLocalId(id) || decoded_.contains(id) || interned_terms_.contains(id)) {
      continue;
    }
    missing.push_back(id);
  }
  if (missing.empty()) return absl::OkStatus();
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  std::vector<Term> terms;
  PARLEY_RETURN_IF_ERROR(source_->DecodeMany(missing, &terms));
  for (size_t i = 0; i < missing.size(); ++i) decoded_.emplace(missing[i], std::move(terms[i]));
  return absl::OkStatus();
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
