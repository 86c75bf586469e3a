// Helpers for the bulk loader tests: generated quads, loading them, and the
// whole state of a store (every keyspace) to compare before and after.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/bulk/bulk_eraser.h"
#include "engine/bulk/bulk_loader.h"
#include "engine/graph_set.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/statistics.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "parley/quad.h"
#include "tests/support/engine_support.h"

namespace parley::engine::testing {

inline const std::string kBulkEx = "http://example.org/bulk/";
inline Term BulkIri(const std::string& name) { return Term::Iri(kBulkEx + name); }
inline Term Xsd(const std::string& lexical, const std::string& type) {
  return Term::TypedLiteral(lexical, std::string(kXsd) + type);
}

// n quads over a vocabulary that exercises every kind of term: IRIs,
// plain, language-tagged (mixed case) and typed literals, canonical
// (inline) and non-canonical numbers, dates, a custom datatype; named
// graphs and the default graph; with `blanks`, blank node subjects and
// objects. Subjects and objects recur, so pairs repeat across predicates.
// `salt` varies the terms between sets.
inline std::vector<Quad> MakeQuads(int n, int salt, bool blanks) {
  std::vector<Quad> quads;
  quads.reserve(n);
  for (int i = 0; i < n; ++i) {
    const int k = i * 7 + salt * 1000003;
    Term subject = blanks && i % 9 == 0 ? Term::BlankNode("n" + std::to_string(k % 40))
                                        : BulkIri("s" + std::to_string(k % (n / 4 + 3)));
    Term predicate = BulkIri("p" + std::to_string(i % 11));
    Term object;
    switch (i % 12) {
      case 0:
        object = BulkIri("o" + std::to_string(k % 97));
        break;
      case 1:
        object = Term::Literal("value " + std::to_string(k % 301));
        break;
      case 2:
        object = Term::LangLiteral("wert " + std::to_string(k % 13), i % 24 == 2 ? "DE-at" : "de");
        break;
      case 3:
        object = Xsd(std::to_string(k % 1000 - 500), "integer");
        break;
      case 4:
        object = Xsd("0" + std::to_string(k % 50), "integer");  // not canonical
        break;
      case 5:
        object = Xsd("2019-0" + std::to_string(1 + k % 9) + "-1" + std::to_string(k % 10), "date");
        break;
      case 6:
        object = Xsd(std::to_string(k % 100) + ".5", "decimal");
        break;
      case 7:
        object = Term::TypedLiteral("custom " + std::to_string(k % 7), kBulkEx + "Type");
        break;
      case 8:
        object = blanks ? Term::BlankNode("n" + std::to_string(k % 30))
                        : BulkIri("o" + std::to_string(k % 50));
        break;
      case 9:
        object = Xsd(k % 2 == 0 ? "true" : "false", "boolean");
        break;
      case 10:
        object = Term::Literal("");
        break;
      default:
        object = BulkIri("s" + std::to_string(k % (n / 4 + 3)));
        break;
    }
    Term graph = i % 5 < 2 ? Term() : BulkIri("g" + std::to_string(i % 5));
    quads.push_back(
        Quad{std::move(subject), std::move(predicate), std::move(object), std::move(graph)});
  }
  return quads;
}

inline Options BulkTestOptions() {
  Options options;
  options.block_cache_bytes = 4 << 20;
  options.sync_on_commit = false;
  return options;
}

inline std::unique_ptr<Store> OpenStore(const std::string& path) {
  auto store = Store::Open(path, BulkTestOptions());
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) std::abort();
  return *std::move(store);
}

inline BulkLoadOptions LoadOptions(const std::string& path, uint64_t budget = 0) {
  BulkLoadOptions options;
  options.db_path = path;
  options.memory_budget_bytes = budget;
  return options;
}

// Loads `quads` with Add in one load; the status of the first failure.
inline absl::StatusOr<BulkLoadResult> BulkLoad(Store& store, const std::string& path,
                                               const std::vector<Quad>& quads,
                                               uint64_t budget = 0) {
  auto loader = BulkLoader::Begin(store, LoadOptions(path, budget));
  if (!loader.ok()) return loader.status();
  for (const Quad& q : quads) {
    absl::Status status = (*loader)->Add(QuadView::Of(q));
    if (!status.ok()) return status;
  }
  return (*loader)->Commit();
}

// The ids of `quad`'s terms; a term the store lacks gets an id no term has.
inline IdQuad IdsOf(Store& store, const Quad& quad) {
  auto view = store.Snapshot();
  auto id = [&](const Term& term) -> TermId {
    if (term.is_default_graph()) return kDefaultGraphId;
    absl::StatusOr<TermId> found = view->Lookup(term);
    return found.ok() ? *found : TermId{0x0FFFFFFFFFFFFFF0};
  };
  return IdQuad{id(quad.subject), id(quad.predicate), id(quad.object), id(quad.graph)};
}

// Erases `quads` in one BulkEraser under the store's writer lease; the
// status of the first failure.
inline absl::StatusOr<uint64_t> BulkErase(Store& store, const std::string& path,
                                          const std::vector<Quad>& quads, uint64_t budget,
                                          const std::atomic<bool>* cancel = nullptr) {
  auto lease = store.AcquireWriter();
  if (!lease.ok()) return lease.status();
  BulkEraseOptions options;
  options.db_path = path;
  options.memory_budget_bytes = budget;
  options.cancel = cancel;
  std::vector<IdQuad> ids;
  for (const Quad& quad : quads) ids.push_back(IdsOf(store, quad));
  auto eraser = BulkEraser::Begin(store.kv(), store.kv().GetSnapshot(), options);
  if (!eraser.ok()) return eraser.status();
  for (const IdQuad& quad : ids) {
    absl::Status status = (*eraser)->Erase(quad);
    if (!status.ok()) return status;
  }
  return (*eraser)->Commit();
}

inline void Commit(Store& store, const std::vector<Quad>& inserts) {
  auto txn = store.BeginWrite();
  ASSERT_TRUE(txn.ok()) << txn.status();
  for (const Quad& q : inserts) ASSERT_TRUE((*txn)->Insert(q).ok()) << q.ToNQuads();
  ASSERT_TRUE((*txn)->Commit().ok());
}

// Every key and value of every keyspace, as of now.
using StoreDump = std::map<int, std::vector<std::pair<std::string, std::string>>>;
inline StoreDump DumpStore(Store& store) {
  StoreDump dump;
  for (size_t family = 0; family < kFamilyCount; ++family) {
    auto it = store.kv().NewIterator(static_cast<Keyspace>(family), nullptr);
    auto& entries = dump[static_cast<int>(family)];
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      entries.emplace_back(std::string(it->key()), std::string(it->value()));
    }
    EXPECT_TRUE(it->status().ok()) << it->status();
  }
  return dump;
}

// The load-tmp-* entries of `path`.
inline std::vector<std::string> ScratchFolders(const std::string& path) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("load-tmp-", 0) == 0) found.push_back(name);
  }
  return found;
}

// A label the loader renamed, b<16 hex>_<scope>_<label>, back to <label>;
// other terms unchanged.
inline Term Unscoped(const Term& term) {
  if (!term.is_blank_node()) return term;
  const std::string& label = term.value();
  const size_t scope_end = label.find('_', 18);
  if (label.size() < 20 || label[0] != 'b' || label[17] != '_' || scope_end == std::string::npos) {
    return term;
  }
  return Term::BlankNode(label.substr(scope_end + 1));
}
inline std::set<Quad> Unscoped(const std::set<Quad>& quads) {
  std::set<Quad> out;
  for (const Quad& q : quads) {
    out.insert(Quad{Unscoped(q.subject), q.predicate, Unscoped(q.object), Unscoped(q.graph)});
  }
  return out;
}

// Checks every invariant a commit keeps: the store holds `expected` (blank
// node labels of one load scope compared without their scope prefix), the
// statistics equal the model of the stored quads and a recomputation from
// the indexes, so does the set of named graphs, the permutations hold the
// same quads, both dictionary directions agree and the counter lies past
// every id.
inline void ExpectConsistent(Store& store, const std::set<Quad>& expected) {
  auto view = store.Snapshot();
  const std::set<Quad> stored = AllQuads(*view);
  EXPECT_EQ(stored.size(), expected.size());
  EXPECT_TRUE(Unscoped(stored) == expected);

  auto statistics = view->GetStatistics();
  ASSERT_TRUE(statistics.ok()) << statistics.status();
  EXPECT_EQ(statistics->quads, stored.size());
  EXPECT_EQ(StoredStatistics(*statistics), ModelStatistics(stored));
  auto snapshot = store.kv().GetSnapshot();
  auto recomputed = ComputeStatistics(store.kv(), snapshot);
  auto read = ReadStatistics(store.kv(), snapshot);
  ASSERT_TRUE(recomputed.ok() && read.ok());
  EXPECT_EQ(recomputed->quads, read->quads);
  EXPECT_EQ(recomputed->predicates, read->predicates);
  // Loads and commits here create no empty graphs: the set of named graphs
  // is the graphs of the stored quads, with their counts.
  auto graphs = ReadGraphs(store.kv(), snapshot);
  auto graphs_of_quads = ComputeGraphsFromQuads(store.kv(), snapshot);
  ASSERT_TRUE(graphs.ok() && graphs_of_quads.ok());
  EXPECT_EQ(*graphs, *graphs_of_quads);

  std::vector<std::set<IdQuad>> orders;
  for (Order order : kAllOrders) {
    std::set<IdQuad> quads;
    auto it = store.kv().NewIterator(KeyspaceOf(order), snapshot);
    for (it->SeekToFirst(); it->Valid(); it->Next()) quads.insert(DecodeQuadKey(order, it->key()));
    orders.push_back(std::move(quads));
  }
  for (size_t i = 1; i < orders.size(); ++i) EXPECT_TRUE(orders[i] == orders[0]) << "order " << i;

  auto counter = store.kv().Get(KeyspaceOf(Family::kDefault), kMetaNextId, snapshot.get());
  ASSERT_TRUE(counter.ok() && counter->has_value());
  const TermId next_id = ReadBigEndian64((*counter)->data());
  size_t id2term = 0, term2id = 0;
  auto it = store.kv().NewIterator(KeyspaceOf(Family::kId2Term), snapshot);
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++id2term) {
    const TermId id = ReadBigEndian64(it->key().data());
    EXPECT_LT(id, next_id);
    auto back = store.kv().Get(KeyspaceOf(Family::kTerm2Id), it->value(), snapshot.get());
    ASSERT_TRUE(back.ok() && back->has_value());
    EXPECT_EQ(ReadBigEndian64((*back)->data()), id);
  }
  it = store.kv().NewIterator(KeyspaceOf(Family::kTerm2Id), snapshot);
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++term2id;
  EXPECT_EQ(id2term, term2id);
}

}  // namespace parley::engine::testing
