// File-driven SHACL validation tests: every folder tests/shacl/cases/<name>/
// is one case, run against a fresh database.
//   data.ttl | data.trig   the data graph, loaded into the database
//   shapes.ttl             the shapes
//   report.ttl             the expected validation report, compared as a
//                          graph (up to blank node labels) without its
//                          sh:resultMessage triples
//   report.txt             optional: the expected report text, byte for byte
//   error.txt              instead of the reports: reading the shapes fails
//                          and the message contains this file's first line
//   options                optional: "graph IRI" validates that graph only
// Adding a case is adding a folder.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parley/database.h"
#include "parley/validation.h"
#include "tests/support/isomorphism.h"
#include "tests/support/rdf_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(PARLEY_SOURCE_DIR) / "tests/shacl/cases";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<Quad> ReadReport(const fs::path& path) {
  absl::StatusOr<std::vector<Quad>> triples =
      engine::io::testing::ReadString(ReadText(path), engine::io::RdfFormat::kTurtle);
  EXPECT_TRUE(triples.ok()) << path << ": " << triples.status();
  return triples.ok() ? *triples : std::vector<Quad>();
}

std::vector<Quad> WithoutMessages(std::vector<Quad> quads) {
  std::erase_if(quads, [](const Quad& quad) {
    return quad.predicate.value() == "http://www.w3.org/ns/shacl#resultMessage";
  });
  return quads;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class ShaclCase : public testing::TestWithParam<std::string> {};

TEST_P(ShaclCase, ReportMatches) {
  const fs::path dir = kCases / GetParam();
  absl::StatusOr<Shapes> shapes = Shapes::FromFile((dir / "shapes.ttl").string());
  if (fs::exists(dir / "error.txt")) {
    std::string expected = ReadText(dir / "error.txt");
    expected = expected.substr(0, expected.find('\n'));
    ASSERT_FALSE(shapes.ok()) << "the shapes were accepted";
    EXPECT_NE(shapes.status().message().find(expected), std::string::npos) << shapes.status();
    return;
  }
  ASSERT_TRUE(shapes.ok()) << shapes.status();

  const std::string db_dir = testing::TempDir() + "/shacl_case_" + GetParam();
  fs::remove_all(db_dir);
  auto db = Database::Open(db_dir, Options());
  ASSERT_TRUE(db.ok()) << db.status();
  fs::path data = fs::exists(dir / "data.trig") ? dir / "data.trig" : dir / "data.ttl";
  auto loaded = (*db)->Load({data.string()}, LoadOptions());
  ASSERT_TRUE(loaded.ok()) << loaded.status();

  ValidationOptions options;
  if (fs::exists(dir / "options")) {
    std::istringstream lines(ReadText(dir / "options"));
    std::string key, value;
    while (lines >> key >> value) {
      ASSERT_EQ(key, "graph") << "unknown option in " << (dir / "options");
      options.graph = Term::Iri(value);
    }
  }
  absl::StatusOr<ValidationReport> report = (*db)->Validate(*shapes, options);
  ASSERT_TRUE(report.ok()) << report.status();

  std::vector<Quad> actual = WithoutMessages(report->ToRdf());
  std::vector<Quad> expected = WithoutMessages(ReadReport(dir / "report.ttl"));
  EXPECT_TRUE(engine::io::IsomorphicDatasets(actual, expected))
      << engine::io::DescribeDatasetDifference(actual, expected) << "\nreport:\n"
      << report->ToText();
  if (fs::exists(dir / "report.txt")) {
    EXPECT_EQ(report->ToText(), ReadText(dir / "report.txt"));
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ShaclCase, testing::ValuesIn(CaseNames()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace parley
