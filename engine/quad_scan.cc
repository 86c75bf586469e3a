#include "engine/quad_scan.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/kv/keyspaces.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

std::array<TermId, 4> Positions(const IdPattern& pattern) {
  return {pattern.subject, pattern.predicate, pattern.object, pattern.graph};
}

int BoundPrefix(Order order, const std::array<TermId, 4>& ids) {
  int n = 0;
  for (int position : KeyPositions(order)) {
    if (ids[position] == kAnyId) break;
    ++n;
  }
  return n;
}

class IndexScanIterator final : public IdQuadIterator {
 public:
  IndexScanIterator(std::unique_ptr<KvIterator> it, Order order, const IdPattern& pattern)
      : it_(std::move(it)), order_(order), pattern_(pattern) {
    it_->SeekToFirst();
    Settle();
  }

  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Settle();
  }
  const IdQuad& quad() const override { return quad_; }
  absl::Status status() const override { return status_; }

 private:
  // Moves to the first key at or after the current one that matches.
  void Settle() {
    for (; it_->Valid(); it_->Next()) {
      const std::string_view key = it_->key();
      if (key.size() != kQuadKeySize) {
        status_ = absl::DataLossError(absl::StrCat("index ", std::string(FamilyName(order_)),
                                                   " holds a key of ", key.size(), " bytes"));
        valid_ = false;
        return;
      }
      quad_ = DecodeQuadKey(order_, key);
      if (Matches(pattern_, quad_)) {
        valid_ = true;
        return;
      }
    }
    valid_ = false;
    status_ = it_->status();
  }

  std::unique_ptr<KvIterator> it_;
  Order order_;
  IdPattern pattern_;
  IdQuad quad_;
  bool valid_ = false;
  absl::Status status_;
};

class EmptyIterator final : public IdQuadIterator {
 public:
  bool Valid() const override { return false; }
  void Next() override {}
  const IdQuad& quad() const override { return quad_; }
  absl::Status status() const override { return absl::OkStatus(); }

 private:
  IdQuad quad_;
};

}  // namespace

ScanPlan PlanScan(const IdPattern& pattern) {
  const std::array<TermId, 4> ids = Positions(pattern);
  ScanPlan best;
  best.bound_prefix = -1;
  for (Order order : kAllOrders) {
    const int n = BoundPrefix(order, ids);
    if (n > best.bound_prefix) best = ScanPlan{order, n};
  }
  return best;
}

bool Matches(const IdPattern& pattern, const IdQuad& quad) {
  return (pattern.subject == kAnyId || pattern.subject == quad.subject) &&
         (pattern.predicate == kAnyId || pattern.predicate == quad.predicate) &&
         (pattern.object == kAnyId || pattern.object == quad.object) &&
         (pattern.graph == kAnyId || pattern.graph == quad.graph);
}

void PrefixRange(std::string prefix, std::string* lower, std::string* upper) {
  *lower = prefix;
  // The successor of the prefix: drop trailing 0xff bytes, then increment
  // the last one. All 0xff (or empty) has no successor: scan to the end.
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty())
    prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  *upper = std::move(prefix);
}

std::unique_ptr<IdQuadIterator> ScanQuads(const KvStore& kv,
                                          std::shared_ptr<const KvSnapshot> snapshot,
                                          const IdPattern& pattern) {
  const ScanPlan plan = PlanScan(pattern);
  const std::array<TermId, 4> ids = Positions(pattern);
  std::string prefix;
  for (int i = 0; i < plan.bound_prefix; ++i) {
    AppendBigEndian64(ids[KeyPositions(plan.order)[i]], &prefix);
  }
  std::string lower, upper;
  PrefixRange(std::move(prefix), &lower, &upper);
  auto it = kv.NewIterator(KeyspaceOf(plan.order), std::move(snapshot), lower, upper);
  return std::make_unique<IndexScanIterator>(std::move(it), plan.order, pattern);
}

absl::Status ScanIndex(const KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot, Order order,
                       std::span<const TermId> prefix,
                       absl::FunctionRef<absl::Status(const IdQuad&)> fn) {
  std::string key_prefix;
  for (TermId id : prefix) AppendBigEndian64(id, &key_prefix);
  std::string lower, upper;
  PrefixRange(std::move(key_prefix), &lower, &upper);
  std::unique_ptr<KvIterator> it =
      kv.NewIterator(KeyspaceOf(order), std::move(snapshot), lower, upper);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key = it->key();
    if (key.size() != kQuadKeySize) {
      return absl::DataLossError(absl::StrCat("index ", std::string(FamilyName(order)),
                                              " holds a key of ", key.size(), " bytes"));
    }
    PARLEY_RETURN_IF_ERROR(fn(DecodeQuadKey(order, key)));
  }
  return it->status();
}

std::unique_ptr<IdQuadIterator> EmptyIdQuadIterator() { return std::make_unique<EmptyIterator>(); }

}  // namespace parley::engine
