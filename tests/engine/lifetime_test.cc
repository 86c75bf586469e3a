// Lifetimes that cannot dangle, at the engine level: snapshots, iterators,
// views and transactions share ownership of the KvStore, so they may outlive
// the Store (or KvStore) that made them; a second writer lease on one thread
// is an error, not a deadlock; Close reports what still holds the store.
// Run under ASan in CI: a dangling pointer here is a test failure.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/kv/keyspaces.h"
#include "engine/kv/kv_store.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "parley/quad.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::TempDir;

Term Ex(const std::string& name) { return Term::Iri("http://example.org/" + name); }

Quad Q(const std::string& s, const std::string& o) { return Quad{Ex(s), Ex("p"), Ex(o), Term()}; }

Options TestOptions() {
  Options options;
  options.block_cache_bytes = 4 << 20;
  options.sync_on_commit = false;
  return options;
}

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto store = Store::Open(path, TestOptions());
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) std::abort();
  return *std::move(store);
}

void Insert(Store& store, const std::vector<Quad>& quads) {
  auto txn = store.BeginWrite();
  ASSERT_TRUE(txn.ok()) << txn.status();
  for (const Quad& q : quads) ASSERT_TRUE((*txn)->Insert(q).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
}

bool Contains(absl::string_view text, absl::string_view part) {
  return text.find(part) != absl::string_view::npos;
}

KvOptions KvTestOptions() {
  KvOptions options;
  options.create_if_missing = true;
  options.create_missing_keyspaces = true;
  options.block_cache_bytes = 1 << 20;
  options.keyspaces = {{.name = "default"}, {.name = "data"}};
  return options;
}

TEST(KvStoreLifetimeTest, SnapshotAndIteratorOutliveTheStore) {
  TempDir dir;
  std::shared_ptr<const KvSnapshot> snapshot;
  std::unique_ptr<KvIterator> it;
  {
    auto kv = KvStore::Open(dir.path(), KvTestOptions());
    ASSERT_TRUE(kv.ok()) << kv.status();
    KvWriteBatch batch = (*kv)->NewWriteBatch();
    batch.Put(1, "a", "1");
    batch.Put(1, "b", "2");
    ASSERT_TRUE((*kv)->Write(batch, false).ok());
    snapshot = (*kv)->GetSnapshot();
    it = (*kv)->NewIterator(1, snapshot);
  }
  // The owner is gone; the iterator and snapshot keep the database open.
  std::vector<std::string> keys;
  for (it->SeekToFirst(); it->Valid(); it->Next()) keys.emplace_back(it->key());
  EXPECT_TRUE(it->status().ok());
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b"}));
  // ... and its lock: a second open in this process is refused.
  EXPECT_TRUE(absl::IsUnavailable(KvStore::Open(dir.path(), KvTestOptions()).status()));
  it.reset();
  snapshot.reset();
  // The last holder closed it.
  EXPECT_TRUE(KvStore::Open(dir.path(), KvTestOptions()).ok());
}

TEST(KvStoreLifetimeTest, CloseRefusesWhileReferencedThenCloses) {
  TempDir dir;
  auto kv = KvStore::Open(dir.path(), KvTestOptions());
  ASSERT_TRUE(kv.ok());
  auto snapshot = (*kv)->GetSnapshot();
  absl::Status refused = (*kv)->Close();
  EXPECT_TRUE(absl::IsFailedPrecondition(refused)) << refused;
  EXPECT_FALSE((*kv)->closed());
  EXPECT_TRUE((*kv)->Get(1, "a", snapshot.get()).ok());  // still open
  snapshot.reset();
  EXPECT_TRUE((*kv)->Close().ok());
  EXPECT_TRUE((*kv)->closed());
  EXPECT_TRUE((*kv)->Close().ok());  // idempotent
  // Closed means released: another open succeeds while `kv` still exists.
  EXPECT_TRUE(KvStore::Open(dir.path(), KvTestOptions()).ok());
}

TEST(StoreLifetimeTest, ViewOutlivesTheStore) {
  TempDir dir;
  std::unique_ptr<ReadView> view;
  {
    auto store = OpenOrDie(dir.path());
    Insert(*store, {Q("a", "b"), Q("b", "c")});
    view = store->Snapshot();
  }
  auto count = view->Count(QuadPattern{});
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(*count, 2u);
  auto id = view->Lookup(Ex("a"));
  ASSERT_TRUE(id.ok()) << id.status();
  auto term = view->Decode(*id);
  ASSERT_TRUE(term.ok());
  EXPECT_EQ(*term, Ex("a"));
  auto stats = view->GetStatistics();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->quads, 2u);
}

TEST(StoreLifetimeTest, IteratorsOutliveViewAndStore) {
  TempDir dir;
  std::unique_ptr<QuadIterator> quads;
  std::unique_ptr<IdQuadIterator> ids;
  {
    auto store = OpenOrDie(dir.path());
    Insert(*store, {Q("a", "b"), Q("b", "c"), Q("c", "d")});
    auto view = store->Snapshot();
    auto scanned = view->Scan(QuadPattern{});
    ASSERT_TRUE(scanned.ok());
    quads = *std::move(scanned);
    auto scanned_ids = view->ScanIds(IdPattern{});
    ASSERT_TRUE(scanned_ids.ok());
    ids = *std::move(scanned_ids);
    // A write after the view is not seen by its iterators.
    Insert(*store, {Q("d", "e")});
  }
  int n = 0;
  for (; quads->Valid(); quads->Next()) {
    EXPECT_EQ(quads->quad().predicate, Ex("p"));
    ++n;
  }
  EXPECT_TRUE(quads->status().ok()) << quads->status();
  EXPECT_EQ(n, 3);
  n = 0;
  for (; ids->Valid(); ids->Next()) ++n;
  EXPECT_TRUE(ids->status().ok());
  EXPECT_EQ(n, 3);
}

TEST(StoreLifetimeTest, TransactionOutlivingTheStoreFailsToCommit) {
  TempDir dir;
  std::unique_ptr<WriteTransaction> txn;
  {
    auto store = OpenOrDie(dir.path());
    auto begun = store->BeginWrite();
    ASSERT_TRUE(begun.ok());
    txn = *std::move(begun);
    ASSERT_TRUE(txn->Insert(Q("a", "b")).ok());
  }
  absl::Status status = txn->Commit();
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Contains(status.message(), "is closed")) << status;
  EXPECT_TRUE(absl::IsFailedPrecondition(txn->Commit()));  // finished
  txn.reset();
  auto store = OpenOrDie(dir.path());
  auto count = store->Snapshot()->Count(QuadPattern{});
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0u);  // nothing applied
}

TEST(StoreLifetimeTest, ReentrantBeginWriteFailsInsteadOfDeadlocking) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto first = store->BeginWrite();
  ASSERT_TRUE(first.ok());
  auto second = store->BeginWrite();
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  EXPECT_TRUE(Contains(second.status().message(), "this thread already has a write transaction"))
      << second.status();
  auto lease = store->AcquireWriter();  // the bulk loader's way in
  EXPECT_TRUE(absl::IsFailedPrecondition(lease.status())) << lease.status();
  // The first transaction is unharmed.
  ASSERT_TRUE((*first)->Insert(Q("a", "b")).ok());
  ASSERT_TRUE((*first)->Commit().ok());
  // Once it finished, this thread may begin again.
  auto third = store->BeginWrite();
  ASSERT_TRUE(third.ok()) << third.status();
  (*third)->Rollback();
  EXPECT_TRUE(store->AcquireWriter().ok());
}

TEST(StoreLifetimeTest, OtherThreadsStillWaitForTheWriter) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto first = store->BeginWrite();
  ASSERT_TRUE(first.ok());
  std::atomic<bool> began{false};
  absl::Status other_status;
  std::thread other([&] {
    auto txn = store->BeginWrite();  // blocks until `first` finishes
    other_status = txn.status();
    began = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(began.load());
  ASSERT_TRUE((*first)->Commit().ok());
  other.join();
  EXPECT_TRUE(began.load());
  EXPECT_TRUE(other_status.ok()) << other_status;
}

TEST(StoreLifetimeTest, CloseWithoutHoldersReleasesTheDirectory) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  Insert(*store, {Q("a", "b")});
  ASSERT_TRUE(store->Close().ok());
  EXPECT_TRUE(store->closed());
  EXPECT_TRUE(store->Close().ok());  // idempotent
  // Calls after Close fail clearly.
  auto txn = store->BeginWrite();
  EXPECT_TRUE(absl::IsFailedPrecondition(txn.status())) << txn.status();
  auto count = store->Snapshot()->Count(QuadPattern{});
  EXPECT_TRUE(absl::IsFailedPrecondition(count.status())) << count.status();
  EXPECT_TRUE(absl::IsFailedPrecondition(store->AcquireWriter().status()));
  // The directory is free while `store` still exists.
  auto again = OpenOrDie(dir.path());
  auto reopened = again->Snapshot()->Count(QuadPattern{});
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(*reopened, 1u);
}

TEST(StoreLifetimeTest, CloseWithLiveHoldersIsRefusedAndChangesNothing) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  Insert(*store, {Q("a", "b")});
  {
    auto view = store->Snapshot();
    absl::Status status = store->Close();
    EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
    EXPECT_TRUE(Contains(status.message(), "read views")) << status;
    EXPECT_FALSE(store->closed());
    auto count = view->Count(QuadPattern{});
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1u);
  }
  {
    auto scanned = store->Snapshot()->Scan(QuadPattern{});  // the view is gone, its iterator not
    ASSERT_TRUE(scanned.ok());
    EXPECT_TRUE(absl::IsFailedPrecondition(store->Close()));
  }
  {
    auto txn = store->BeginWrite();
    ASSERT_TRUE(txn.ok());
    absl::Status status = store->Close();
    EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
    EXPECT_TRUE(Contains(status.message(), "write transaction")) << status;
    ASSERT_TRUE((*txn)->Insert(Q("b", "c")).ok());
    EXPECT_TRUE((*txn)->Commit().ok());  // the refused Close left it usable
  }
  EXPECT_TRUE(store->Close().ok());
}

TEST(StoreLifetimeTest, ViewOfAClosedStoreFails) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(store->Close().ok());
  auto view = store->Snapshot();
  EXPECT_TRUE(absl::IsFailedPrecondition(view->Scan(QuadPattern{}).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(view->ScanIds(IdPattern{}).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(view->Graphs().status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(view->GetStatistics().status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(view->Lookup(Ex("a")).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(view->Decode(1).status()));
}

TEST(StoreLifetimeTest, KvSharedOutlivesTheStore) {
  TempDir dir;
  std::shared_ptr<const KvStore> kv;
  {
    auto store = OpenOrDie(dir.path());
    Insert(*store, {Q("a", "b")});
    kv = store->kv_shared();
  }
  auto snapshot = kv->GetSnapshot();
  auto it = kv->NewIterator(KeyspaceOf(Order::kSpog), snapshot);
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace parley::engine
