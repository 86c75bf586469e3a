// Options::read_only: reading a database changes nothing in its directory,
// every write fails cleanly, and nothing is created for a missing one.
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "parley/database.h"
#include "tests/support/engine_support.h"

namespace parley {
namespace {

using engine::testing::TempDir;

// Every file of `dir` with its size and modification time.
std::map<std::string, std::pair<uintmax_t, std::filesystem::file_time_type>> Listing(
    const std::string& dir) {
  std::map<std::string, std::pair<uintmax_t, std::filesystem::file_time_type>> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files[entry.path().filename().string()] = {entry.file_size(), entry.last_write_time()};
  }
  return files;
}

const Quad kQuad{Term::Iri("http://example.org/a"), Term::Iri("http://example.org/p"),
                 Term::Literal("x"), Term()};

TEST(ReadOnlyTest, ReadsChangeNothingAndWritesFail) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  {
    auto db = Database::Open(path, Options());
    ASSERT_TRUE(db.ok()) << db.status();
    auto txn = (*db)->BeginWrite();
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE((*txn)->Insert(kQuad).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
    txn->reset();
    ASSERT_TRUE((*db)->Close().ok());
  }
  const auto before = Listing(path);

  Options options;
  options.read_only = true;
  auto db = Database::Open(path, options);
  ASSERT_TRUE(db.ok()) << db.status();
  // A second read-only handle may share the directory.
  auto second = Database::Open(path, options);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ((*db)->Snapshot()->Count({}).value_or(0), 1u);
  auto result = (*db)->Query("ASK { ?s ?p \"x\" }", QueryOptions());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE((*result)->boolean());
  result->reset();

  EXPECT_TRUE(absl::IsFailedPrecondition((*db)->BeginWrite().status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(
      (*db)
          ->Update("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", UpdateOptions())
          .status()));
  const std::string data = dir.Sub("data.nt");
  std::ofstream(data) << kQuad.ToNQuads() << "\n";
  auto load = (*db)->Load({data}, LoadOptions());
  EXPECT_TRUE(absl::IsFailedPrecondition(load.status())) << load.status();
  absl::Status closed = (*db)->Close();
  EXPECT_TRUE(closed.ok()) << closed;
  closed = (*second)->Close();
  EXPECT_TRUE(closed.ok()) << closed;
  EXPECT_EQ(Listing(path), before);
}

TEST(ReadOnlyTest, AMissingDatabaseIsNotCreated) {
  TempDir dir;
  Options options;
  options.read_only = true;
  auto db = Database::Open(dir.Sub("missing/db"), options);
  EXPECT_TRUE(absl::IsNotFound(db.status())) << db.status();
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("missing")));
}

TEST(ReadOnlyTest, AReaderMayOpenWhileAWriterHoldsTheDatabase) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  auto writer = Database::Open(path, Options());
  ASSERT_TRUE(writer.ok()) << writer.status();
  auto txn = (*writer)->BeginWrite();
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE((*txn)->Insert(kQuad).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  Options options;
  options.read_only = true;
  auto reader = Database::Open(path, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->Snapshot()->Count({}).value_or(0), 1u);
}

}  // namespace
}  // namespace parley
