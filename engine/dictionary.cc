#include "engine/dictionary.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_codec.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"
#include "engine/values/inline_value.h"

namespace parley::engine {
namespace {

constexpr Keyspace kTerm2Id = KeyspaceOf(Family::kTerm2Id);
constexpr Keyspace kId2Term = KeyspaceOf(Family::kId2Term);

// The id a term has without the dictionary: the default graph and inline
// literals.
std::optional<TermId> ComputedId(const Term& term) {
  if (term.is_default_graph()) return kDefaultGraphId;
  if (term.is_literal()) return TryEncodeInline(term.value(), term.datatype());
  return std::nullopt;
}

absl::StatusOr<TermId> ParseIdValue(std::string_view value, std::string_view term_key) {
  if (value.size() != 8) {
    return absl::DataLossError(absl::StrCat("term2id entry of size ", value.size(),
                                            " for term key of ", term_key.size(), " bytes"));
  }
  const TermId id = ReadBigEndian64(value.data());
  if (id == kDefaultGraphId || id > kMaxDictionaryId) {
    return absl::DataLossError(absl::StrCat("term2id entry holds id ", id));
  }
  return id;
}

}  // namespace

absl::StatusOr<std::optional<TermId>> Dictionary::Lookup(const Term& term,
                                                         const KvSnapshot* snapshot) const {
  if (std::optional<TermId> id = ComputedId(term)) return id;
  const std::string key = EncodeTermKey(term);
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> value, kv_->Get(kTerm2Id, key, snapshot));
  if (!value.has_value()) return std::optional<TermId>();
  PARLEY_ASSIGN_OR_RETURN(TermId id, ParseIdValue(*value, key));
  return std::optional<TermId>(id);
}

absl::StatusOr<Term> Dictionary::DecodeStored(TermId id, const KvSnapshot* snapshot) const {
  if (id == kDefaultGraphId) return Term();
  if (IsInline(id)) return DecodeInline(id);
  if (TagOf(id) != IdTag::kDictionary) {
    return absl::NotFoundError(absl::StrCat("no term has id ", id));
  }
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          kv_->Get(kId2Term, BigEndian64(id), snapshot));
  if (!value.has_value()) return absl::NotFoundError(absl::StrCat("no term has id ", id));
  return DecodeTermKey(*value);
}

absl::StatusOr<Term> Dictionary::Decode(TermId id,
                                        const std::shared_ptr<const KvSnapshot>& snapshot) const {
  if (IsInline(id)) {
    std::string lower, upper;
    AppendBigEndian64(id, &lower);
    AppendBigEndian64(id + 1, &upper);  // an inline id's tag is below 0xF: no overflow
    auto it = kv_->NewIterator(KeyspaceOf(Order::kOspg), snapshot, lower, upper);
    it->SeekToFirst();
    PARLEY_RETURN_IF_ERROR(it->status());
    if (!it->Valid()) return absl::NotFoundError(absl::StrCat("no stored literal has id ", id));
  }
  return DecodeStored(id, snapshot.get());
}

absl::Status Dictionary::ScanInIdOrder(
    const std::shared_ptr<const KvSnapshot>& snapshot,
    absl::FunctionRef<absl::Status(TermId, std::string_view)> fn) const {
  std::unique_ptr<KvIterator> it = kv_->NewIterator(kId2Term, snapshot);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8) {
      return absl::DataLossError(absl::StrCat("an id2term key of ", it->key().size(), " bytes"));
    }
    const TermId id = ReadBigEndian64(it->key().data());
    if (id == kDefaultGraphId || TagOf(id) != IdTag::kDictionary) {
      return absl::DataLossError(absl::StrCat("id2term holds id ", id, ", not a dictionary id"));
    }
    PARLEY_RETURN_IF_ERROR(fn(id, it->value()));
  }
  return it->status();
}

absl::Status Dictionary::TermKeys(std::span<const TermId> ids, const KvSnapshot* snapshot,
                                  std::vector<std::string>* keys) const {
  std::vector<std::string> lookups;
  lookups.reserve(ids.size());
  for (TermId id : ids) lookups.push_back(BigEndian64(id));
  std::vector<std::optional<std::string>> values;
  PARLEY_RETURN_IF_ERROR(kv_->MultiGet(kId2Term, lookups, snapshot, &values));
  keys->clear();
  keys->reserve(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      return absl::DataLossError(
          absl::StrCat("the database has no term for id ", ids[i], " used by a quad"));
    }
    keys->push_back(*std::move(values[i]));
  }
  return absl::OkStatus();
}

void TermEncoder::Add(const Term& term, bool required) {
  auto [it, inserted] = terms_.try_emplace(term);
  if (inserted) it->second.id = ComputedId(term);
  it->second.required = it->second.required || required;
}

void TermEncoder::Require(const Term& term) { Add(term, /*required=*/true); }
void TermEncoder::Find(const Term& term) { Add(term, /*required=*/false); }

absl::Status TermEncoder::Run(KvWriteBatch* batch) {
  std::vector<Entry*> pending;
  std::vector<std::string> keys;
  for (auto& [term, entry] : terms_) {
    if (entry.id.has_value()) continue;
    pending.push_back(&entry);
    keys.push_back(EncodeTermKey(term));
  }
  std::vector<std::optional<std::string>> values;
  PARLEY_RETURN_IF_ERROR(kv_->MultiGet(kTerm2Id, keys, snapshot_, &values));

  // (term key, entry) of every required term the store lacks.
  std::vector<std::pair<std::string, Entry*>> fresh;
  for (size_t i = 0; i < pending.size(); ++i) {
    if (values[i].has_value()) {
      PARLEY_ASSIGN_OR_RETURN(pending[i]->id, ParseIdValue(*values[i], keys[i]));
    } else if (pending[i]->required) {
      fresh.emplace_back(std::move(keys[i]), pending[i]);
    }
  }

  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> counter,
                          kv_->Get(KeyspaceOf(Family::kDefault), kMetaNextId, snapshot_));
  if (!counter.has_value() || counter->size() != 8) {
    return absl::DataLossError("the dictionary's id counter (parley.next_id) is missing");
  }
  TermId next_id = ReadBigEndian64(counter->data());
  if (next_id == kDefaultGraphId || next_id > kMaxDictionaryId + 1) {
    return absl::DataLossError(absl::StrCat("the dictionary's id counter holds ", next_id));
  }
  first_new_id_ = next_id;
  new_terms_ = fresh.size();
  if (fresh.empty()) return absl::OkStatus();
  if (fresh.size() > kMaxDictionaryId + 1 - next_id) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the dictionary has no ids left for ", fresh.size(), " new terms"));
  }
  std::sort(fresh.begin(), fresh.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, entry] : fresh) {
    const std::string id_key = BigEndian64(next_id);
    batch->Put(kTerm2Id, key, id_key);
    batch->Put(kId2Term, id_key, key);
    entry->id = next_id++;
  }
  batch->Put(KeyspaceOf(Family::kDefault), kMetaNextId, BigEndian64(next_id));
  return absl::OkStatus();
}

std::optional<TermId> TermEncoder::IdOf(const Term& term) const {
  auto it = terms_.find(term);
  PARLEY_CHECK(it != terms_.end());
  return it->second.id;
}

}  // namespace parley::engine
