// Lifetimes through the public API (parley/database.h): what a Database
// hands out may outlive it, a thread cannot deadlock on its own
// transaction, and Close() either closes or says what still holds the
// database. Run under ASan in CI: a dangling pointer here is a failure.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "parley/database.h"
#include "tests/support/engine_support.h"

namespace parley {
namespace {

using engine::testing::TempDir;

Term Ex(const std::string& name) { return Term::Iri("http://example.org/" + name); }
Quad Q(const std::string& s, const std::string& o) { return Quad{Ex(s), Ex("p"), Ex(o), Term()}; }

Options TestOptions() {
  Options options;
  options.block_cache_bytes = 4 << 20;
  options.sync_on_commit = false;
  return options;
}

std::unique_ptr<Database> OpenOrDie(const std::string& path) {
  auto db = Database::Open(path, TestOptions());
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) std::abort();
  return *std::move(db);
}

void Insert(Database& db, const std::vector<Quad>& quads) {
  auto txn = db.BeginWrite();
  ASSERT_TRUE(txn.ok()) << txn.status();
  for (const Quad& q : quads) ASSERT_TRUE((*txn)->Insert(q).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
}

uint64_t CountOrDie(const ReadView& view) {
  auto count = view.Count(QuadPattern{});
  EXPECT_TRUE(count.ok()) << count.status();
  return count.value_or(~uint64_t{0});
}

std::string WriteNTriples(const TempDir& dir) {
  const std::string path = dir.Sub("data.nt");
  std::ofstream(path) << "<http://example.org/x> <http://example.org/p> <http://example.org/y> .\n";
  return path;
}

bool Contains(absl::string_view text, absl::string_view part) {
  return text.find(part) != absl::string_view::npos;
}

TEST(DatabaseLifetimeTest, ViewOutlivesTheDatabase) {
  TempDir dir;
  std::unique_ptr<ReadView> view;
  {
    auto db = OpenOrDie(dir.Sub("db"));
    Insert(*db, {Q("a", "b"), Q("b", "c")});
    view = db->Snapshot();
  }
  EXPECT_EQ(CountOrDie(*view), 2u);
  auto graphs = view->Graphs();
  ASSERT_TRUE(graphs.ok());
  EXPECT_TRUE(graphs->empty());
  // The view still holds the directory; once it goes, the directory is free.
  absl::Status held = Database::Open(dir.Sub("db"), TestOptions()).status();
  EXPECT_TRUE(absl::IsUnavailable(held)) << held;
  view.reset();
  EXPECT_TRUE(Database::Open(dir.Sub("db"), TestOptions()).ok());
}

TEST(DatabaseLifetimeTest, IteratorOutlivesViewAndDatabase) {
  TempDir dir;
  std::unique_ptr<QuadIterator> it;
  {
    auto db = OpenOrDie(dir.Sub("db"));
    Insert(*db, {Q("a", "b"), Q("b", "c"), Q("c", "d")});
    auto scanned = db->Snapshot()->Scan(QuadPattern{.predicate = Ex("p")});
    ASSERT_TRUE(scanned.ok()) << scanned.status();
    it = *std::move(scanned);
  }
  std::vector<Quad> quads;
  for (; it->Valid(); it->Next()) quads.push_back(it->quad());
  EXPECT_TRUE(it->status().ok()) << it->status();
  EXPECT_EQ(quads.size(), 3u);
}

TEST(DatabaseLifetimeTest, TransactionOutlivingTheDatabaseFailsToCommit) {
  TempDir dir;
  std::unique_ptr<WriteTransaction> txn;
  {
    auto db = OpenOrDie(dir.Sub("db"));
    auto begun = db->BeginWrite();
    ASSERT_TRUE(begun.ok());
    txn = *std::move(begun);
    ASSERT_TRUE(txn->Insert(Q("a", "b")).ok());
  }
  absl::Status status = txn->Commit();
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Contains(status.message(), "rolled back")) << status;
  txn.reset();
  auto db = OpenOrDie(dir.Sub("db"));
  EXPECT_EQ(CountOrDie(*db->Snapshot()), 0u);
}

TEST(DatabaseLifetimeTest, ReentrantBeginWriteAndLoadFailAtOnce) {
  TempDir dir;
  auto db = OpenOrDie(dir.Sub("db"));
  const std::string file = WriteNTriples(dir);
  auto txn = db->BeginWrite();
  ASSERT_TRUE(txn.ok());
  auto again = db->BeginWrite();
  EXPECT_TRUE(absl::IsFailedPrecondition(again.status())) << again.status();
  EXPECT_TRUE(
      Contains(again.status().message(), "this thread already has a write transaction open"))
      << again.status();
  auto load = db->Load({file}, LoadOptions());
  EXPECT_TRUE(absl::IsFailedPrecondition(load.status())) << load.status();
  ASSERT_TRUE((*txn)->Insert(Q("a", "b")).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  // Finished: both work again on this thread.
  auto loaded = db->Load({file}, LoadOptions());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->quads_added, 1u);
  EXPECT_EQ(CountOrDie(*db->Snapshot()), 2u);
}

TEST(DatabaseLifetimeTest, CloseWithoutHolders) {
  TempDir dir;
  auto db = OpenOrDie(dir.Sub("db"));
  Insert(*db, {Q("a", "b")});
  ASSERT_TRUE(db->Close().ok());
  EXPECT_TRUE(db->Close().ok());
  EXPECT_EQ(db->path(), dir.Sub("db"));
  // Every call now fails clearly.
  EXPECT_TRUE(absl::IsFailedPrecondition(db->BeginWrite().status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(db->Snapshot()->Count(QuadPattern{}).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(db->Load({WriteNTriples(dir)}, LoadOptions()).status()));
  auto exported = db->Export(dir.Sub("out.nq"), ExportOptions());
  EXPECT_TRUE(absl::IsFailedPrecondition(exported.status())) << exported.status();
  EXPECT_TRUE(absl::IsFailedPrecondition(db->ExportDumpToFd(1, ExportOptions()).status()));
  auto query = db->Query("SELECT * WHERE { ?s ?p ?o }", QueryOptions());
  EXPECT_TRUE(absl::IsFailedPrecondition(query.status())) << query.status();
  // The directory is free at once, with `db` still alive; the data is there.
  auto reopened = OpenOrDie(dir.Sub("db"));
  EXPECT_EQ(CountOrDie(*reopened->Snapshot()), 1u);
}

TEST(DatabaseLifetimeTest, CloseWithLiveViewIsRefused) {
  TempDir dir;
  auto db = OpenOrDie(dir.Sub("db"));
  Insert(*db, {Q("a", "b")});
  auto view = db->Snapshot();
  absl::Status status = db->Close();
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Contains(status.message(), "read views")) << status;
  // Nothing changed: the database and the view work on.
  EXPECT_EQ(CountOrDie(*view), 1u);
  Insert(*db, {Q("b", "c")});
  EXPECT_EQ(CountOrDie(*db->Snapshot()), 2u);
  view.reset();
  EXPECT_TRUE(db->Close().ok());
}

TEST(DatabaseLifetimeTest, CloseWithLiveIteratorOrTransactionIsRefused) {
  TempDir dir;
  auto db = OpenOrDie(dir.Sub("db"));
  Insert(*db, {Q("a", "b")});
  {
    auto it = db->Snapshot()->Scan(QuadPattern{});
    ASSERT_TRUE(it.ok());
    EXPECT_TRUE(absl::IsFailedPrecondition(db->Close()));
  }
  {
    auto txn = db->BeginWrite();
    ASSERT_TRUE(txn.ok());
    absl::Status status = db->Close();
    EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
    EXPECT_TRUE(Contains(status.message(), "write transaction")) << status;
  }
  EXPECT_TRUE(db->Close().ok());
}

}  // namespace
}  // namespace parley
