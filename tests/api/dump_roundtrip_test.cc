// Parley dumps through the public API: export -> load into a fresh database
// -> export gives the same bytes and the same quads as the N-Quads path; a
// dump written by DumpProducer in another process, and one in the
// producer-friendly form, load; bad dumps leave the database unchanged.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "formats/dump/dump_writer.h"
#include "parley/database.h"
#include "parley/dump.h"
#include "tests/support/isomorphism.h"
#include "tests/support/test_data.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing_data::AllQuads;

constexpr char kChildEnv[] = "PARLEY_DUMP_TEST_CHILD_OUTPUT";

// The quads the child process produces.
std::vector<Quad> ChildQuads() {
  std::vector<Quad> quads;
  const Term p = Term::Iri("http://example.org/p");
  for (int i = 0; i < 1000; ++i) {
    const Term s = Term::Iri(absl::StrCat("http://example.org/s/", i % 97));
    quads.push_back({s, p, Term::Literal(absl::StrCat(i)), Term()});
    quads.push_back({Term::BlankNode(absl::StrCat("n", i % 13)), p,
                     Term::LangLiteral(absl::StrCat("v", i), "en"),
                     Term::Iri(absl::StrCat("http://example.org/g/", i % 3))});
  }
  return quads;
}

// In the child process (re-executed test binary with kChildEnv set): writes
// ChildQuads() with DumpProducer to the file named by kChildEnv and exits,
// before GoogleTest starts.
const bool kRanAsChild = [] {
  const char* output = std::getenv(kChildEnv);
  if (output == nullptr) return false;
  DumpProducerOptions options;
  options.packed = true;
  auto producer = DumpProducer::Create(output, options);
  if (!producer.ok()) _exit(3);
  for (const Quad& q : ChildQuads()) {
    if (!(*producer)->Add(q).ok()) _exit(4);
  }
  auto written = (*producer)->Finish();
  _exit(written.ok() && *written == 2000 ? 0 : 5);
}();

class DumpRoundTripTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           absl::StrCat("parley_dump_", getpid(), "_",
                        testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) { return (dir_ / name).string(); }

  std::unique_ptr<Database> OpenFresh() {
    auto db = Database::Open(Path(absl::StrCat("db_", ++databases_)), Options());
    EXPECT_TRUE(db.ok()) << db.status();
    return std::move(*db);
  }

  static std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  std::string Export(Database& db, const std::string& name, const ExportOptions& options) {
    const std::string path = Path(name);
    auto summary = ExportDump(db, path, options);
    EXPECT_TRUE(summary.ok()) << summary.status();
    return path;
  }

  // Exports `db` as a dump, loads it into a fresh database, exports that:
  // the two dumps must be byte-identical, and the reloaded quads the same
  // as those of a fresh database loaded from `db`'s N-Quads export.
  void ExpectRoundTrip(Database& db, const ExportOptions& options) {
    const std::string first = Export(db, absl::StrCat("first_", ++dumps_, ".pdump"), options);
    EXPECT_TRUE(*IsDumpFile(first));
    auto reloaded = OpenFresh();
    auto loaded = reloaded->Load({first}, LoadOptions());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    const std::string second =
        Export(*reloaded, absl::StrCat("second_", dumps_, ".pdump"), options);
    EXPECT_EQ(ReadAll(first), ReadAll(second)) << "dumps differ: " << first << " " << second;

    ExportOptions text_options;
    text_options.format = DataFormat::kNQuads;
    text_options.graph = options.graph;
    const std::string text = Path(absl::StrCat("text_", dumps_, ".nq"));
    ASSERT_TRUE(db.Export(text, text_options).ok());
    auto from_text = OpenFresh();
    ASSERT_TRUE(from_text->Load({text}, LoadOptions()).ok());
    std::vector<Quad> via_dump = AllQuads(*reloaded);
    std::vector<Quad> via_text = AllQuads(*from_text);
    EXPECT_EQ(via_dump.size(), via_text.size());
    EXPECT_TRUE(engine::io::IsomorphicDatasets(via_dump, via_text))
        << engine::io::DescribeDatasetDifference(via_dump, via_text);
  }

  void ExpectRoundTripAllFramings(Database& db) {
    for (bool zstd : {true, false}) {
      for (bool packed : {false, true}) {
        SCOPED_TRACE(absl::StrCat("zstd ", zstd, " packed ", packed));
        ExportOptions options;
        options.zstd = zstd;
        options.packed = packed;
        ExpectRoundTrip(db, options);
      }
    }
  }

  fs::path dir_;
  int databases_ = 0;
  int dumps_ = 0;
};

TEST_F(DumpRoundTripTest, SampleRoundTripsByteIdentical) {
  auto db = OpenFresh();
  ASSERT_TRUE(
      db->Load({std::string(PARLEY_SOURCE_DIR) + "/schema/sample/trade-talks-2019-02-15.trig"},
               LoadOptions())
          .ok());
  ExpectRoundTripAllFramings(*db);
  ExportOptions one_graph;
  one_graph.graph = AllQuads(*db).back().graph;
  ExpectRoundTrip(*db, one_graph);
}

TEST_F(DumpRoundTripTest, ConformanceDataRoundTripsByteIdentical) {
  const std::string rdf11 = std::string(PARLEY_CONFORMANCE_DIR) + "/rdf/rdf11/";
  for (const auto& [dir, ext] : std::vector<std::pair<std::string, std::string>>{
           {"rdf-turtle", ".nt"}, {"rdf-trig", ".nq"}}) {
    SCOPED_TRACE(dir);
    std::vector<std::string> files = testing_data::FilesWithExtension(rdf11 + dir, ext);
    ASSERT_GT(files.size(), 100u);
    auto db = OpenFresh();
    ASSERT_TRUE(db->Load(files, LoadOptions()).ok());
    ExpectRoundTrip(*db, ExportOptions());
  }
}

TEST_F(DumpRoundTripTest, EveryLiteralKindRoundTripsByteIdentical) {
  const std::string file = Path("every.nq");
  std::ofstream(file) << testing_data::EveryLiteralKind();
  auto db = OpenFresh();
  ASSERT_TRUE(db->Load({file}, LoadOptions()).ok());
  ExpectRoundTripAllFramings(*db);
}

// Terms inserted by transactions in reverse key order: the database's ids
// do not follow term keys (a bulk load would number them in key order), and
// the reloaded database must still repeat them in the same order.
TEST_F(DumpRoundTripTest, DatabaseIdsOutOfKeyOrderRoundTrip) {
  std::vector<Quad> quads = ChildQuads();
  auto db = OpenFresh();
  for (auto it = quads.rbegin(); it != quads.rend(); ++it) {
    auto txn = db->BeginWrite();
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE((*txn)->Insert(*it).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  ExpectRoundTrip(*db, ExportOptions());
}

TEST_F(DumpRoundTripTest, DumpWrittenByAnotherProcessLoads) {
  const std::string dump = Path("child.pdump");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setenv(kChildEnv, dump.c_str(), 1);
    execl("/proc/self/exe", "/proc/self/exe", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);

  auto db = OpenFresh();
  auto loaded = db->Load({dump}, LoadOptions());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->statements_read, 2000u);
  std::vector<Quad> expected = ChildQuads();
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  std::vector<Quad> actual = AllQuads(*db);
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_TRUE(engine::io::IsomorphicDatasets(actual, expected))
      << engine::io::DescribeDatasetDifference(actual, expected);
}

TEST_F(DumpRoundTripTest, ProducerFriendlyFormLoads) {
  const std::string dump = Path("with_terms.bin");  // any name: found by its magic
  std::vector<Quad> quads = ChildQuads();
  {
    schema::DumpWriterOptions options;
    options.zstd = true;
    auto writer = schema::DumpWriter::Create(dump, options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (const Quad& q : quads) ASSERT_TRUE((*writer)->AddWithTerms(q).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  auto db = OpenFresh();
  LoadOptions options;
  options.graph = Term::Iri("http://example.org/into");
  auto loaded = db->Load({dump}, options);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  for (Quad& q : quads) {
    if (q.graph.is_default_graph()) q.graph = *options.graph;
  }
  std::sort(quads.begin(), quads.end());
  quads.erase(std::unique(quads.begin(), quads.end()), quads.end());
  std::vector<Quad> actual = AllQuads(*db);
  EXPECT_TRUE(engine::io::IsomorphicDatasets(actual, quads))
      << engine::io::DescribeDatasetDifference(actual, quads);
}

TEST_F(DumpRoundTripTest, MixedFormatsAndBlankNodeScopesInOneLoad) {
  const std::string text = Path("b.nt");
  std::ofstream(text) << "_:x <http://e/p> _:y .\n<http://e/s> <http://e/p> \"t\" .\n";
  auto source = OpenFresh();
  ASSERT_TRUE(source->Load({text}, LoadOptions()).ok());
  const int fd = open(Path("a.pdump").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  auto exported = ExportDumpToFd(*source, fd, ExportOptions());
  close(fd);
  ASSERT_TRUE(exported.ok()) << exported.status();
  EXPECT_EQ(exported->quads, 2u);

  // The same dump twice and the text: blank nodes never merge across files,
  // nor with the database's; the IRI-only quad is stored once.
  auto db = OpenFresh();
  ASSERT_TRUE(db->Load({text}, LoadOptions()).ok());
  auto loaded = db->Load({Path("a.pdump"), text, Path("a.pdump")}, LoadOptions());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->statements_read, 6u);
  EXPECT_EQ(loaded->quads_added, 3u);
  EXPECT_EQ(AllQuads(*db).size(), 5u);

  const int in = open(Path("a.pdump").c_str(), O_RDONLY);
  ASSERT_GE(in, 0);
  auto from_fd = OpenFresh();
  auto fd_loaded = from_fd->Load({absl::StrCat("/dev/fd/", in)}, LoadOptions());
  close(in);
  ASSERT_TRUE(fd_loaded.ok()) << fd_loaded.status();
  EXPECT_EQ(AllQuads(*from_fd).size(), 2u);
}

TEST_F(DumpRoundTripTest, BadDumpsFailAndLeaveTheDatabaseUnchanged) {
  auto source = OpenFresh();
  const std::string file = Path("every.nq");
  std::ofstream(file) << testing_data::EveryLiteralKind();
  ASSERT_TRUE(source->Load({file}, LoadOptions()).ok());
  ExportOptions plain;
  plain.zstd = false;
  const std::string good = ReadAll(Export(*source, "good.pdump", plain));
  const std::string good_zstd = ReadAll(Export(*source, "good_zstd.pdump", ExportOptions()));
  ASSERT_GT(good.size(), 200u);

  auto db = OpenFresh();
  const std::string existing = Path("existing.nt");
  std::ofstream(existing) << "<http://e/s> <http://e/p> <http://e/o> .\n";
  ASSERT_TRUE(db->Load({existing}, LoadOptions()).ok());
  const std::string before = ReadAll(Export(*db, "before.pdump", ExportOptions()));

  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x20;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"truncated.pdump", good.substr(0, good.size() - 9)},
      {"truncated_zstd.pdump", good_zstd.substr(0, good_zstd.size() / 2)},
      {"flipped.pdump", flipped},
      {"trailing.pdump", good + "x"},
  };
  for (const auto& [name, bytes] : bad) {
    SCOPED_TRACE(name);
    const std::string path = Path(name);
    std::ofstream(path, std::ios::binary) << bytes;
    auto loaded = db->Load({existing, path}, LoadOptions());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.status().message().find(path), std::string::npos) << loaded.status();
    EXPECT_EQ(ReadAll(Export(*db, "after.pdump", ExportOptions())), before);
  }
  // Told it is a dump, a text file is rejected by the reader.
  LoadOptions as_dump;
  as_dump.format = DataFormat::kDump;
  auto text_as_dump = db->Load({existing}, as_dump);
  ASSERT_FALSE(text_as_dump.ok());
  EXPECT_NE(text_as_dump.status().message().find("not a Parley dump"), std::string::npos)
      << text_as_dump.status();
  EXPECT_EQ(ReadAll(Export(*db, "after.pdump", ExportOptions())), before);
}

}  // namespace
}  // namespace parley
