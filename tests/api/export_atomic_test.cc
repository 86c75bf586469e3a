// Database::Export to a path is atomic and stays out of the database: a
// failed export leaves any previous file as it was and no temporary file;
// a successful one replaces the file whole (keeping its permissions, and a
// symbolic link as a link); targets inside the database directory are
// refused; devices are written in place, never renamed over. A text export
// reads one snapshot: graph list and quads agree while writes go on.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "parley/database.h"
#include "parley/dump.h"
#include "tests/support/file_size_limit.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::ScopedFileSizeLimit;

class ExportAtomicTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           absl::StrCat("parley_export_atomic_", getpid(), "_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "out");
    db_path_ = (dir_ / "db").string();
    auto db = Database::Open(db_path_, Options());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  std::string Out(const std::string& name) { return (dir_ / "out" / name).string(); }

  // Loads `n` quads with distinct literals, in the default graph and two
  // named graphs.
  void LoadQuads(int n) {
    const std::string file = (dir_ / "data.nq").string();
    {
      std::ofstream out(file);
      for (int i = 0; i < n; ++i) {
        out << "<http://example.org/s/" << i % 1000 << "> <http://example.org/p/" << i % 7
            << "> \"value number " << i << " of the test data\"";
        if (i % 3 != 0) out << " <http://example.org/g/" << i % 3 << ">";
        out << " .\n";
      }
    }
    auto loaded = db_->Load({file}, LoadOptions());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }

  static std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  static void WriteAll(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  // The names in the output folder.
  std::vector<std::string> OutputFiles() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
  std::string db_path_;
  std::unique_ptr<Database> db_;
};

TEST_F(ExportAtomicTest, FailedExportLeavesThePreviousFileAndNoTemporary) {
  LoadQuads(40000);  // over 1 MiB in every format below
  const std::string previous = "the previous export, which must survive\n";
  // The disk fills at the first byte, within the first block, and later.
  for (const rlim_t room : {rlim_t{0}, rlim_t{1000}, rlim_t{64} << 10, rlim_t{256} << 10})
    for (const std::string name : {"all.nq", "all.trig", "graph.ttl", "all.pdump"}) {
      SCOPED_TRACE(name + ", room for " + std::to_string(room) + " bytes");
      const std::string path = Out(name);
      WriteAll(path, previous);
      ExportOptions options;
      options.zstd = false;  // a dump as large as its content
      if (name == "graph.ttl") options.graph = Term::Iri("http://example.org/g/1");
      absl::StatusOr<ExportSummary> summary;
      {
        ScopedFileSizeLimit limit(room);
        summary = db_->Export(path, options);
      }
      ASSERT_FALSE(summary.ok()) << "the file size limit did not stop the export";
      EXPECT_THAT(std::string(summary.status().message()), HasSubstr(path));
      EXPECT_EQ(ReadAll(path), previous);
      EXPECT_EQ(OutputFiles(), std::vector<std::string>{name}) << "a temporary file was left";
      fs::remove(path);
    }
  // A failure found before writing (named graphs in N-Triples) creates no file.
  ExportOptions ntriples;
  ntriples.format = DataFormat::kNTriples;
  EXPECT_FALSE(db_->Export(Out("none.nt"), ntriples).ok());
  EXPECT_TRUE(OutputFiles().empty());
}

TEST_F(ExportAtomicTest, SuccessReplacesTheFileWholeKeepingItsMode) {
  LoadQuads(100);
  const std::string path = Out("all.nq");
  WriteAll(path, "old\n");
  ASSERT_EQ(chmod(path.c_str(), 0640), 0);
  auto summary = db_->Export(path, ExportOptions());
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->quads, 100u);
  const std::string text = ReadAll(path);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 100);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(OutputFiles(), std::vector<std::string>{"all.nq"});

  // Through a symbolic link: the link stays, its target gets the export.
  const std::string target = Out("target.pdump");
  WriteAll(target, "old");
  fs::create_symlink(target, Out("link.pdump"));
  ASSERT_TRUE(db_->Export(Out("link.pdump"), ExportOptions()).ok());
  EXPECT_TRUE(fs::is_symlink(Out("link.pdump")));
  EXPECT_TRUE(*IsDumpFile(target));
}

TEST_F(ExportAtomicTest, TargetsInsideTheDatabaseDirectoryAreRefused) {
  LoadQuads(10);
  const std::string current = ReadAll(db_path_ + "/CURRENT");
  ASSERT_FALSE(current.empty());
  fs::create_symlink(db_path_ + "/CURRENT", Out("current_link.nq"));
  fs::create_symlink(db_path_, Out("db_link"));
  const std::vector<std::string> inside = {
      db_path_ + "/CURRENT",  db_path_ + "/new.nq",   db_path_ + "/../db/OPTIONS.nq",
      Out("current_link.nq"), Out("db_link/x.pdump"), db_path_,
  };
  for (const std::string& path : inside) {
    for (DataFormat format : {DataFormat::kNQuads, DataFormat::kDump}) {
      SCOPED_TRACE(absl::StrCat(path, " as ", std::string(DataFormatName(format))));
      ExportOptions options;
      options.format = format;
      auto summary = db_->Export(path, options);
      ASSERT_FALSE(summary.ok());
      EXPECT_EQ(summary.status().code(), absl::StatusCode::kInvalidArgument) << summary.status();
      EXPECT_THAT(
          std::string(summary.status().message()),
          ::testing::AnyOf(HasSubstr("inside the database directory"), HasSubstr("a directory")));
    }
  }
  EXPECT_EQ(ReadAll(db_path_ + "/CURRENT"), current);
  EXPECT_FALSE(fs::exists(db_path_ + "/new.nq"));
  EXPECT_FALSE(fs::exists(db_path_ + "/x.pdump"));
  // The database still opens.
  db_.reset();
  auto reopened = Database::Open(db_path_, Options());
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(*(*reopened)->Snapshot()->Count({}), 10u);
}

TEST_F(ExportAtomicTest, DevicesAreWrittenInPlace) {
  LoadQuads(10);
  for (DataFormat format : {DataFormat::kNQuads, DataFormat::kDump}) {
    ExportOptions options;
    options.format = format;
    auto summary = db_->Export("/dev/null", options);
    ASSERT_TRUE(summary.ok()) << summary.status();
    EXPECT_EQ(summary->quads, 10u);
    EXPECT_TRUE(fs::is_character_file("/dev/null"));
    // Errors name the file.
    auto full = db_->Export("/dev/full", options);
    ASSERT_FALSE(full.ok());
    EXPECT_THAT(std::string(full.status().message()), HasSubstr("/dev/full"));
    EXPECT_TRUE(fs::is_character_file("/dev/full"));
  }
}

// A writer moves K quads between two named graphs, one transaction at a
// time, so every committed state has exactly K quads. Every export must
// see K: the graph list and the quads come from one snapshot.
TEST_F(ExportAtomicTest, TextExportReadsOneSnapshot) {
  db_.reset();
  Options fast;
  fast.sync_on_commit = false;
  auto db = Database::Open(db_path_, fast);
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = *std::move(db);
  constexpr int kQuads = 3;
  auto quads_in = [](const std::string& graph) {
    std::vector<Quad> quads;
    for (int i = 0; i < kQuads; ++i) {
      quads.push_back({Term::Iri(absl::StrCat("http://example.org/s", i)),
                       Term::Iri("http://example.org/p"), Term::Literal(absl::StrCat(i)),
                       Term::Iri(graph)});
    }
    return quads;
  };
  const std::vector<Quad> in_a = quads_in("http://example.org/a");
  const std::vector<Quad> in_b = quads_in("http://example.org/b");
  {
    auto txn = db_->BeginWrite();
    ASSERT_TRUE(txn.ok());
    for (const Quad& q : in_a) ASSERT_TRUE((*txn)->Insert(q).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  std::atomic<bool> stop{false};
  std::atomic<int> moves{0};
  std::thread writer([&] {
    bool in_a_now = true;
    while (!stop.load()) {
      auto txn = db_->BeginWrite();
      if (!txn.ok()) break;
      for (const Quad& q : in_a_now ? in_a : in_b) (void)(*txn)->Erase(q);
      for (const Quad& q : in_a_now ? in_b : in_a) (void)(*txn)->Insert(q);
      if (!(*txn)->Commit().ok()) break;
      in_a_now = !in_a_now;
      ++moves;
    }
  });
  int exports = 0;
  int inconsistent = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < until && inconsistent == 0) {
    ExportOptions options;
    options.format = exports % 2 == 0 ? DataFormat::kNQuads : DataFormat::kTriG;
    auto summary = db_->Export("/dev/null", options);
    ASSERT_TRUE(summary.ok()) << summary.status();
    if (summary->quads != kQuads) ++inconsistent;
    ++exports;
  }
  stop = true;
  writer.join();
  EXPECT_EQ(inconsistent, 0) << "an export saw " << inconsistent << " states no commit made ("
                             << exports << " exports, " << moves << " moves)";
  EXPECT_GT(moves.load(), 10);
}

}  // namespace
}  // namespace parley
