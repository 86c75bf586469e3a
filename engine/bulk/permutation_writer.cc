#include "engine/bulk/permutation_writer.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/bulk/spill_file.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

bool IsNew(TermId id, TermId first_new_id) {
  return TagOf(id) == IdTag::kDictionary && id >= first_new_id;
}

Key4 FromIndexKey(std::string_view key) {
  Key4 k;
  for (int i = 0; i < 4; ++i) k.w[i] = ReadBigEndian64(key.data() + 8 * i);
  return k;
}

}  // namespace

// Whether the store holds a key starting with a given 16-byte prefix, for
// prefixes asked in increasing order. Only ever seeks, so the iterator sits
// on the first key >= the last prefix asked; a later prefix at or below that
// key needs no seek.
class PermutationWriter::Probe {
 public:
  Probe(const KvStore& kv, Order order, std::shared_ptr<const KvSnapshot> snapshot)
      : it_(kv.NewIterator(KeyspaceOf(order), std::move(snapshot))) {}

  absl::StatusOr<bool> Has(std::string_view prefix) {
    if (!positioned_ || (it_->Valid() && it_->key() < prefix)) {
      it_->Seek(prefix);
      positioned_ = true;
    }
    PARLEY_RETURN_IF_ERROR(it_->status());
    return it_->Valid() && it_->key().substr(0, prefix.size()) == prefix;
  }

 private:
  std::unique_ptr<KvIterator> it_;
  bool positioned_ = false;
};

absl::StatusOr<std::unique_ptr<PermutationWriter>> PermutationWriter::Open(Options options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<KvSstWriter> writer,
                          options.kv->NewSstWriter(KeyspaceOf(options.order), options.path));
  return std::unique_ptr<PermutationWriter>(
      new PermutationWriter(std::move(options), std::move(writer)));
}

PermutationWriter::PermutationWriter(Options options, std::unique_ptr<KvSstWriter> writer)
    : options_(std::move(options)), writer_(std::move(writer)) {
  const bool pairs = options_.order == Order::kSpog || options_.order == Order::kPosg;
  if (pairs && options_.probe_snapshot != nullptr) {
    probe_ = std::make_unique<Probe>(*options_.kv, options_.order, options_.probe_snapshot);
  }
}

PermutationWriter::~PermutationWriter() = default;

absl::StatusOr<bool> PermutationWriter::IsNewPair(const Key4& key, const char* index_key) {
  const bool adjacent_new = count_ == 0 || key.w[0] != last_.w[0] || key.w[1] != last_.w[1];
  if (!adjacent_new || probe_ == nullptr || IsNew(key.w[0], options_.first_new_id) ||
      IsNew(key.w[1], options_.first_new_id)) {
    return adjacent_new;
  }
  PARLEY_ASSIGN_OR_RETURN(bool stored, probe_->Has(std::string_view(index_key, 16)));
  return !stored;
}

absl::Status PermutationWriter::Add(const Key4& key) {
  if (count_ > 0 && !(last_ < key)) {
    return absl::InternalError(
        absl::StrCat("bulk load: ", std::string(FamilyName(options_.order)), " keys out of order"));
  }
  char index_key[kQuadKeySize];
  WriteIndexKey(key, index_key);
  PARLEY_RETURN_IF_ERROR(writer_->Put(std::string_view(index_key, kQuadKeySize), {}));
  if (options_.order == Order::kSpog || options_.order == Order::kPosg) {
    PARLEY_ASSIGN_OR_RETURN(bool new_pair, IsNewPair(key, index_key));
    if (options_.order == Order::kSpog) {
      if (new_pair) {
        if (last_count_ == nullptr || key.w[1] != last_predicate_) {
          last_predicate_ = key.w[1];
          last_count_ = &subject_pairs_[last_predicate_];
        }
        ++*last_count_;
      }
    } else {
      if (deltas_.empty() || deltas_.back().predicate != key.w[0]) {
        deltas_.push_back(PredicateDelta{key.w[0], 0, 0});
      }
      ++deltas_.back().quads;
      if (new_pair) ++deltas_.back().objects;
    }
  }
  if (options_.order == Order::kGspo && key.w[0] != kDefaultGraphId) {
    if (graph_quads_.empty() || graph_quads_.back().first != key.w[0]) {
      graph_quads_.emplace_back(key.w[0], 0);
    }
    ++graph_quads_.back().second;
  }
  last_ = key;
  ++count_;
  return absl::OkStatus();
}

bool PermutationWriter::CanTake(const Key4& first_spog) const {
  return count_ == 0 || last_ < PermuteKey(first_spog, options_.order);
}

absl::Status PermutationWriter::TakeRun(const Key4* keys, size_t n) {
  for (size_t k = 0; k < n; ++k) PARLEY_RETURN_IF_ERROR(Add(PermuteKey(keys[k], options_.order)));
  return absl::OkStatus();
}

absl::Status PermutationWriter::Finish() {
  PARLEY_ASSIGN_OR_RETURN(uint64_t entries, writer_->Finish());
  if (entries > 0) file_ = writer_->path();
  return absl::OkStatus();
}

absl::Status PermutationWriter::FinishAsSpill(const std::string& spill_path) {
  PARLEY_ASSIGN_OR_RETURN(uint64_t entries, writer_->Finish());
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillWriter> spill, SpillWriter::Create(spill_path));
  if (entries > 0) {
    PARLEY_RETURN_IF_ERROR(options_.kv->ScanSstFile(
        KeyspaceOf(options_.order), writer_->path(),
        [&](std::string_view key) { return spill->Add(FromIndexKey(key)); }));
    std::error_code ignored;
    std::filesystem::remove(writer_->path(), ignored);
  }
  return spill->Finish();
}

}  // namespace parley::engine
