#include "engine/bulk/bulk_encoder.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/bulk/bulk_records.h"
#include "engine/bulk/bulk_term_key.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_codec.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"
#include "engine/values/inline_value.h"

namespace parley::engine {
namespace {

// Tag of provisional ids: unused by term_id.h, so never a stored id.
constexpr uint64_t kProvisionalTag = 0xE;
constexpr size_t kBlockSize = size_t{4} << 20;
constexpr size_t kLookupChunk = size_t{1} << 16;
// Local ids are dense: one further than this beyond the largest defined so
// far is refused rather than sizing a table for it.
constexpr uint64_t kMaxLocalIdGap = uint64_t{1} << 24;

bool IsProvisional(TermId id) { return (id >> kTagShift) == kProvisionalTag; }
TermId Provisional(size_t index) { return (kProvisionalTag << kTagShift) | index; }

// Local term kinds: what AddLocal may put where.
enum LocalKind : uint8_t { kUndefined = 0, kIriKind, kBlankKind, kLiteralKind, kDefaultKind };

LocalKind KindOfKey(std::string_view key) {
  if (key.empty()) return kDefaultKind;
  if (key[0] == 'I') return kIriKind;
  if (key[0] == 'B') return kBlankKind;
  return kLiteralKind;
}

constexpr const char* kPositionName[4] = {"subject", "predicate", "object", "graph"};

// By LocalKind, bit `position` (0 subject .. 3 graph) set where the kind
// may stand.
constexpr uint8_t kFitsPositions[] = {
    0b0000,  // undefined
    0b1111,  // IRI
    0b1101,  // blank node: not a predicate
    0b0100,  // literal: object only
    0b1000,  // default graph: graph only
};

}  // namespace

absl::Status TermDefinedTwiceError(std::string_view key) {
  absl::StatusOr<Term> term = DecodeTermKey(key);
  return absl::InvalidArgumentError(
      absl::StrCat("the term ", term.ok() ? term->ToNTriples() : std::string("(undecodable)"),
                   " is defined twice (a dump introduces each term once)"));
}

BulkEncoder::BulkEncoder(const Options& options)
    : options_(options),
      next_id_(options.next_id),
      batch_first_id_(options.next_id),
      trust_definitions_(options.distinct_definitions && !options.lookup_store),
      local_ids_(1, 0),
      local_kinds_(1, kDefaultKind) {}

BulkEncoder::~BulkEncoder() = default;

std::string_view BulkEncoder::Store(std::string_view key) {
  if (block_left_ < key.size()) {
    const size_t size = std::max(kBlockSize, key.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    block_free_ = blocks_.back().get();
    block_left_ = size;
  }
  char* at = block_free_;
  std::memcpy(at, key.data(), key.size());
  block_free_ += key.size();
  block_left_ -= key.size();
  text_bytes_ += key.size();
  return std::string_view(at, key.size());
}

absl::StatusOr<TermId> BulkEncoder::Lookup(std::string_view key, bool number_now) {
  if (key[0] == 'T') {
    const size_t split = key.find('\0');
    if (std::optional<TermId> id =
            TryEncodeInline(key.substr(split + 1), key.substr(1, split - 1))) {
      return *id;
    }
  }
  if (!number_now && trust_definitions_) PARLEY_RETURN_IF_ERROR(MapNumbered());
  const bool trusted = number_now && trust_definitions_;
  if (!trusted) {
    auto it = map_.find(key);
    if (it != map_.end()) return it->second;
  }
  // Labels were checked before renaming (the renamed label is valid iff the
  // original is); everything else is checked here, once per distinct term.
  if (key[0] != 'B') {
    absl::Status status = ValidateTermKey(key);
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("invalid term: ", status.message()));
    }
  }
  const std::string_view stored = Store(key);
  if (number_now) {
    if (next_id_ > kMaxDictionaryId) {
      return absl::ResourceExhaustedError("the dictionary has no ids left for a new term");
    }
    if (trusted) {
      unmapped_.emplace_back(stored, next_id_);
    } else {
      map_.emplace(stored, next_id_);
    }
    numbered_.push_back(stored);
    return next_id_++;
  }
  const TermId id = Provisional(pending_.size());
  map_.emplace(stored, id);
  pending_.push_back(stored);
  return id;
}

absl::Status BulkEncoder::MapNumbered() {
  trust_definitions_ = false;
  map_.reserve(map_.size() + unmapped_.size());
  for (const auto& [key, id] : unmapped_) {
    if (!map_.emplace(key, id).second) return TermDefinedTwiceError(key);
  }
  unmapped_.clear();
  unmapped_.shrink_to_fit();
  return absl::OkStatus();
}

absl::Status BulkEncoder::Define(uint64_t local, std::string_view key) {
  if (local == 0) {
    return absl::InvalidArgumentError("local id 0 is the default graph and cannot be defined");
  }
  if (local >= local_ids_.size() + kMaxLocalIdGap) {
    return absl::InvalidArgumentError(absl::StrCat(
        "local id ", local, " is too far beyond the largest defined so far (ids must be dense)"));
  }
  if (key.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("local id ", local, ": only local id 0 is the default graph"));
  }
  if (local >= local_ids_.size()) {
    const size_t size = std::max<size_t>(local + 1, local_ids_.size() * 2);
    local_ids_.resize(size, 0);
    local_kinds_.resize(size, kUndefined);
  }
  if (local_kinds_[local] != kUndefined) {
    return absl::InvalidArgumentError(absl::StrCat("local id ", local, " is defined twice"));
  }
  PARLEY_ASSIGN_OR_RETURN(TermId id, Lookup(key, /*number_now=*/!options_.lookup_store));
  local_ids_[local] = id;
  local_kinds_[local] = KindOfKey(key);
  if (IsProvisional(id)) pending_locals_.push_back(local);
  return absl::OkStatus();
}

absl::StatusOr<TermId> BulkEncoder::Local(uint64_t local, int position) {
  if (local < local_ids_.size() && (kFitsPositions[local_kinds_[local]] >> position) & 1) {
    return local_ids_[local];
  }
  if (local >= local_ids_.size() || local_kinds_[local] == kUndefined) {
    return absl::InvalidArgumentError(absl::StrCat("the ", kPositionName[position], " is local id ",
                                                   local, ", which is not defined"));
  }
  static constexpr const char* kKindName[] = {"undefined", "an IRI", "a blank node", "a literal",
                                              "the default graph"};
  return absl::InvalidArgumentError(absl::StrCat("the ", kPositionName[position], " (local id ",
                                                 local, ") cannot be ",
                                                 kKindName[local_kinds_[local]]));
}

absl::Status BulkEncoder::Encode(const char* data, size_t size, size_t* offset, size_t limit,
                                 std::vector<Key4>* run) {
  // The terms of the previous quad record, by position: consecutive
  // statements often share a subject, a predicate or a graph, and a
  // compare is cheaper than a hash lookup. Keys point into `data`, so the
  // cache lives for this call only.
  std::string_view last_key[4];
  TermId last_id[4] = {0, 0, 0, 0};
  bool have_last = false;

  const char* p = data + *offset;
  const char* const end = data + size;
  while (p < end && run->size() < limit) {
    const char tag = *p++;
    if (tag == kQuadRecord) {
      Key4 q;
      for (int i = 0; i < 4; ++i) {
        const std::string_view key = GetTermKey(&p);
        if (key.empty()) {
          q.w[i] = kDefaultGraphId;
        } else if (have_last && key == last_key[i]) {
          q.w[i] = last_id[i];
        } else {
          PARLEY_ASSIGN_OR_RETURN(q.w[i], Lookup(key, /*number_now=*/false));
        }
        last_key[i] = key;
        last_id[i] = q.w[i];
      }
      have_last = true;
      run->push_back(q);
    } else if (tag == kDefineRecord) {
      const uint64_t local = GetU64(&p);
      PARLEY_RETURN_IF_ERROR(Define(local, GetTermKey(&p)));
    } else {
      PARLEY_CHECK(tag == kLocalQuadRecord);
      Key4 q;
      for (int i = 0; i < 4; ++i) {
        PARLEY_ASSIGN_OR_RETURN(q.w[i], Local(GetU64(&p), i));
      }
      run->push_back(q);
    }
  }
  *offset = static_cast<size_t>(p - data);
  return absl::OkStatus();
}

absl::Status BulkEncoder::Resolve(std::vector<Key4>* run, size_t from, NewTermBatch* batch) {
  batch->first_id = batch_first_id_;
  batch->keys = std::move(numbered_);
  batch->sorted = std::is_sorted(batch->keys.begin(), batch->keys.end());
  numbered_.clear();
  const size_t numbered = batch->keys.size();
  if (pending_.empty()) {
    batch_first_id_ = next_id_;
    return absl::OkStatus();
  }
  std::vector<TermId> final_ids(pending_.size(), 0);
  std::vector<uint32_t> fresh;
  fresh.reserve(pending_.size());
  if (options_.lookup_store) {
    std::vector<std::string> keys;
    std::vector<std::optional<std::string>> values;
    for (size_t begin = 0; begin < pending_.size(); begin += kLookupChunk) {
      const size_t stop = std::min(pending_.size(), begin + kLookupChunk);
      keys.clear();
      for (size_t i = begin; i < stop; ++i) keys.emplace_back(pending_[i]);
      PARLEY_RETURN_IF_ERROR(
          options_.kv->MultiGet(KeyspaceOf(Family::kTerm2Id), keys, options_.snapshot, &values));
      for (size_t i = begin; i < stop; ++i) {
        const std::optional<std::string>& value = values[i - begin];
        if (!value.has_value()) {
          fresh.push_back(static_cast<uint32_t>(i));
          continue;
        }
        const TermId id = value->size() == 8 ? ReadBigEndian64(value->data()) : 0;
        if (id == kDefaultGraphId || id > kMaxDictionaryId || id >= options_.next_id) {
          return absl::DataLossError(absl::StrCat("corrupt term2id entry for a term key of ",
                                                  pending_[i].size(), " bytes"));
        }
        final_ids[i] = id;
      }
    }
  } else {
    for (size_t i = 0; i < pending_.size(); ++i) fresh.push_back(static_cast<uint32_t>(i));
  }
  if (fresh.size() > kMaxDictionaryId + 1 - next_id_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the dictionary has no ids left for ", fresh.size(), " new terms"));
  }
  std::sort(fresh.begin(), fresh.end(),
            [this](uint32_t a, uint32_t b) { return pending_[a] < pending_[b]; });
  batch->keys.reserve(numbered + fresh.size());
  for (uint32_t i : fresh) {
    final_ids[i] = next_id_++;
    batch->keys.push_back(pending_[i]);
  }
  if (batch->sorted && numbered > 0 && numbered < batch->keys.size()) {
    batch->sorted = batch->keys[numbered - 1] < batch->keys[numbered];
  }
  batch_first_id_ = next_id_;
  for (size_t i = 0; i < pending_.size(); ++i) map_.find(pending_[i])->second = final_ids[i];
  for (size_t k = from; k < run->size(); ++k) {
    for (uint64_t& id : (*run)[k].w) {
      if (IsProvisional(id)) id = final_ids[PayloadOf(id)];
    }
  }
  for (uint64_t local : pending_locals_) {
    local_ids_[local] = final_ids[PayloadOf(local_ids_[local])];
  }
  pending_.clear();
  pending_locals_.clear();
  return absl::OkStatus();
}

}  // namespace parley::engine
