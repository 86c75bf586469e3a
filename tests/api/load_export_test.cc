// Export then load into a fresh database gives the same quads (up to blank
// node renaming), on the W3C conformance data and on a generated data set
// with every literal kind, named graphs and blank nodes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_reader.h"
#include "parley/database.h"
#include "tests/support/isomorphism.h"
#include "tests/support/test_data.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing_data::AllQuads;
using testing_data::EveryLiteralKind;
using testing_data::FilesWithExtension;

std::string Extension(const std::string& format) {
  if (format == "nquads") return "nq";
  if (format == "ntriples") return "nt";
  if (format == "turtle") return "ttl";
  return format;
}

class LoadExportTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           absl::StrCat("parley_load_export_", getpid(), "_",
                        testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A new database in a folder of its own.
  std::unique_ptr<Database> OpenFresh(const std::string& name) {
    auto db = Database::Open((dir_ / absl::StrCat(name, "_", ++databases_)).string(), Options());
    EXPECT_TRUE(db.ok()) << db.status();
    return std::move(*db);
  }

  // Loads `files` into a fresh database, exports it as `format`, loads the
  // export into another fresh database and expects the same quads; returns
  // the quads of the first.
  std::vector<Quad> RoundTrip(const std::vector<std::string>& files, const std::string& format) {
    auto first = OpenFresh("first_" + format);
    auto loaded = first->Load(files, LoadOptions());
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    const std::string exported = (dir_ / ("export." + Extension(format))).string();
    ExportOptions export_options;
    export_options.format = DataFormatByName(format);
    EXPECT_TRUE(export_options.format.has_value()) << format;
    auto summary = first->Export(exported, export_options);
    EXPECT_TRUE(summary.ok()) << summary.status();

    auto second = OpenFresh("second_" + format);
    auto reloaded = second->Load({exported}, LoadOptions());
    EXPECT_TRUE(reloaded.ok()) << reloaded.status();
    std::vector<Quad> before = AllQuads(*first);
    std::vector<Quad> after = AllQuads(*second);
    EXPECT_EQ(before.size(), after.size()) << format;
    EXPECT_TRUE(engine::io::IsomorphicDatasets(before, after))
        << format << "\n"
        << engine::io::DescribeDatasetDifference(before, after);
    return before;
  }

  fs::path dir_;
  int databases_ = 0;
};

// The quads of `files` read straight from the readers, with blank nodes
// renamed per file (a load scopes blank nodes per file).
std::vector<Quad> ReadDirectly(const std::vector<std::string>& files) {
  std::vector<Quad> quads;
  for (size_t i = 0; i < files.size(); ++i) {
    auto source = engine::io::ByteSource::Open(files[i]);
    EXPECT_TRUE(source.ok()) << source.status();
    engine::io::ReadOptions options;
    options.format = *engine::io::RdfFormatFromPath(files[i]);
    auto scoped = [&](Term term) {
      return term.is_blank_node() ? Term::BlankNode(absl::StrCat("f", i, "_", term.value())) : term;
    };
    auto read = engine::io::ReadRdf(
        **source, files[i], options, [&](const engine::QuadView& view) -> absl::Status {
          Quad q = view.ToQuad();
          quads.push_back({scoped(q.subject), q.predicate, scoped(q.object), scoped(q.graph)});
          return absl::OkStatus();
        });
    EXPECT_TRUE(read.ok()) << files[i] << ": " << read.status();
  }
  return quads;
}

TEST_F(LoadExportTest, ConformanceDataRoundTrips) {
  const std::string rdf11 = std::string(PARLEY_CONFORMANCE_DIR) + "/rdf/rdf11/";
  // The expected results of the Turtle and TriG evaluation tests: every
  // corner of the term syntax, in N-Triples and N-Quads.
  for (const auto& [dir, ext] : std::vector<std::pair<std::string, std::string>>{
           {"rdf-turtle", ".nt"}, {"rdf-trig", ".nq"}}) {
    SCOPED_TRACE(dir);
    std::vector<std::string> files = FilesWithExtension(rdf11 + dir, ext);
    ASSERT_GT(files.size(), 100u);
    for (const std::string format : {"nquads", "trig"}) {
      std::vector<Quad> loaded = RoundTrip(files, format);
      std::vector<Quad> direct = ReadDirectly(files);
      EXPECT_TRUE(engine::io::IsomorphicDatasets(loaded, direct))
          << engine::io::DescribeDatasetDifference(loaded, direct);
    }
  }
}

TEST_F(LoadExportTest, EveryLiteralKindRoundTrips) {
  const std::string file = (dir_ / "every.nq").string();
  std::ofstream(file) << EveryLiteralKind();
  for (const std::string format : {"nquads", "trig"}) {
    std::vector<Quad> loaded = RoundTrip({file}, format);
    std::vector<Quad> direct = ReadDirectly({file});
    EXPECT_EQ(loaded.size(), direct.size());
    EXPECT_TRUE(engine::io::IsomorphicDatasets(loaded, direct))
        << engine::io::DescribeDatasetDifference(loaded, direct);
  }
}

TEST_F(LoadExportTest, LoadingTwiceChangesNothingAndLoadsUnion) {
  const std::string a = (dir_ / "a.nt").string();
  const std::string b = (dir_ / "b.nt").string();
  std::ofstream(a)
      << "<http://e/x> <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
         "<http://e/x> <http://e/p> <http://e/y> .\n";
  std::ofstream(b)
      << "<http://e/x> <http://e/p> <http://e/y> .\n<http://e/y> <http://e/p> \"z\" .\n";
  auto db = OpenFresh("db");
  auto first = db->Load({a}, LoadOptions());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->quads_added, 2u);
  auto stats_once = db->Snapshot()->GetStatistics();
  auto again = db->Load({a}, LoadOptions());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->quads_added, 0u);
  EXPECT_EQ(db->Snapshot()->GetStatistics()->predicates, stats_once->predicates);
  auto union_load = db->Load({b}, LoadOptions());
  ASSERT_TRUE(union_load.ok()) << union_load.status();
  EXPECT_EQ(union_load->quads_added, 1u);
  EXPECT_EQ(AllQuads(*db).size(), 3u);
  auto stats = db->Snapshot()->GetStatistics();
  ASSERT_EQ(stats->predicates.size(), 1u);
  EXPECT_EQ(stats->predicates[0].quads, 3u);
  EXPECT_EQ(stats->predicates[0].distinct_subjects, 2u);
  EXPECT_EQ(stats->predicates[0].distinct_objects, 3u);
}

TEST(DataFormatTest, NamesAndAliases) {
  for (DataFormat format : {DataFormat::kNTriples, DataFormat::kNQuads, DataFormat::kTurtle,
                            DataFormat::kTriG, DataFormat::kDump}) {
    EXPECT_EQ(DataFormatByName(DataFormatName(format)), format) << DataFormatName(format);
  }
  EXPECT_EQ(DataFormatByName("TTL"), DataFormat::kTurtle);
  EXPECT_EQ(DataFormatByName("nt"), DataFormat::kNTriples);
  EXPECT_EQ(DataFormatByName("PDump"), DataFormat::kDump);
  EXPECT_EQ(DataFormatByName("yaml"), std::nullopt);
  EXPECT_EQ(DataFormatByName(""), std::nullopt);
}

}  // namespace
}  // namespace parley
