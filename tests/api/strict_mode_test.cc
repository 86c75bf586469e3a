// Database::SetStrictShapes: a write that would break the shapes fails with
// the validation results and leaves the database exactly as it was;
// conforming writes, and every write with strict mode off, go through.
#include <atomic>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parley/database.h"
#include "parley/validation.h"
#include "tests/support/engine_support.h"
#include "tests/support/test_data.h"

namespace parley {
namespace {

using engine::testing::TempDir;
using testing_data::AllQuads;

// Every person has exactly one label, a string.
constexpr std::string_view kShapes = R"(
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ] .
)";

constexpr std::string_view kPrefixes =
    "PREFIX ex: <http://example.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";

class StrictModeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(dir_.Sub("db"), Options());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(Update("INSERT DATA { ex:liu a ex:Person ; rdfs:label \"Liu He\" }").ok());
    auto shapes = Shapes::FromTurtle(kShapes);
    ASSERT_TRUE(shapes.ok()) << shapes.status();
    db_->SetStrictShapes(*shapes);
    before_ = AllQuads(*db_);
  }

  absl::Status Update(std::string_view text) {
    return db_->Update(std::string(kPrefixes) + std::string(text), UpdateOptions()).status();
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = dir_.Sub(name);
    std::ofstream(path) << text;
    return path;
  }

  void ExpectRejected(const absl::Status& status, std::string_view fragment) {
    EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
    EXPECT_NE(status.message().find("strict mode: the change breaks the shapes"),
              std::string_view::npos)
        << status;
    EXPECT_NE(std::string(status.message()).find(fragment), std::string::npos) << status;
    EXPECT_EQ(AllQuads(*db_), before_) << "a rejected write changed the database";
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  std::vector<Quad> before_;
};

TEST_F(StrictModeTest, ViolatingInsertDataIsRejected) {
  ExpectRejected(Update("INSERT DATA { ex:xi a ex:Person }"),
                 "<http://example.org/xi> <http://www.w3.org/2000/01/rdf-schema#label>: "
                 "expected at least 1 value, found 0");
}

TEST_F(StrictModeTest, ViolatingDeleteIsRejected) {
  ExpectRejected(Update("DELETE DATA { ex:liu rdfs:label \"Liu He\" }"), "found 0");
}

TEST_F(StrictModeTest, ConformingUpdateCommits) {
  ASSERT_TRUE(Update("INSERT DATA { ex:xi a ex:Person ; rdfs:label \"Xi Jinping\" }").ok());
  EXPECT_EQ(AllQuads(*db_).size(), before_.size() + 2);
}

TEST_F(StrictModeTest, ViolatingTransactionIsRejected) {
  auto txn = db_->BeginWrite();
  ASSERT_TRUE(txn.ok()) << txn.status();
  ASSERT_TRUE((*txn)
                  ->Insert({Term::Iri("http://example.org/liu"),
                            Term::Iri("http://www.w3.org/2000/01/rdf-schema#label"),
                            Term::Literal("Liu"), Term()})
                  .ok());
  ExpectRejected((*txn)->Commit(), "expected at most 1 value, found 2");
  // The transaction is finished; the next one can start.
  auto next = db_->BeginWrite();
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_TRUE((*next)->Commit().ok());
}

TEST_F(StrictModeTest, ViolatingLoadIsRejected) {
  std::string file =
      WriteFile("bad.ttl",
                "@prefix ex: <http://example.org/> .\n"
                "ex:trump a ex:Person ; <http://www.w3.org/2000/01/rdf-schema#label> 45 .\n");
  ExpectRejected(db_->Load({file}, LoadOptions()).status(), "expected a literal of datatype");
}

TEST_F(StrictModeTest, ConformingLoadCommitsWithFreshBlankNodes) {
  std::string file = WriteFile("good.ttl",
                               "@prefix ex: <http://example.org/> .\n"
                               "_:p a ex:Person ; <http://www.w3.org/2000/01/rdf-schema#label> "
                               "\"Someone\" .\n");
  auto first = db_->Load({file}, LoadOptions());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->quads_added, 2u);
  // Loading the file again makes another person, not the same one.
  auto second = db_->Load({file}, LoadOptions());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->quads_added, 2u);
}

TEST_F(StrictModeTest, DumpsAreRefused) {
  std::string dump = dir_.Sub("db.pdump");
  ASSERT_TRUE(db_->Export(dump, ExportOptions()).ok());
  auto loaded = db_->Load({dump}, LoadOptions());
  EXPECT_TRUE(absl::IsInvalidArgument(loaded.status())) << loaded.status();
  EXPECT_EQ(AllQuads(*db_), before_);
}

TEST_F(StrictModeTest, OffAllowsAnything) {
  db_->SetStrictShapes(std::nullopt);
  EXPECT_TRUE(Update("INSERT DATA { ex:xi a ex:Person }").ok());
  auto shapes = Shapes::FromTurtle(kShapes);
  ASSERT_TRUE(shapes.ok());
  auto report = db_->Validate(*shapes, ValidationOptions());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->conforms);
  EXPECT_EQ(report->result_count, 1u);
}

TEST_F(StrictModeTest, ValidationCanBeCancelled) {
  auto shapes = Shapes::FromTurtle(kShapes);
  ASSERT_TRUE(shapes.ok());
  std::atomic<bool> cancel{true};
  ValidationOptions options;
  options.cancel = &cancel;
  EXPECT_TRUE(absl::IsCancelled(db_->Validate(*shapes, options).status()));
}

TEST_F(StrictModeTest, OnlyNewViolationsCount) {
  // A violation from before strict mode does not block writes that add none.
  db_->SetStrictShapes(std::nullopt);
  ASSERT_TRUE(Update("INSERT DATA { ex:xi a ex:Person }").ok());
  auto shapes = Shapes::FromTurtle(kShapes);
  ASSERT_TRUE(shapes.ok());
  db_->SetStrictShapes(*shapes);
  before_ = AllQuads(*db_);
  EXPECT_TRUE(Update("INSERT DATA { ex:trump a ex:Person ; rdfs:label \"Donald Trump\" }").ok());
  EXPECT_TRUE(Update("INSERT DATA { ex:xi ex:represents ex:cn }").ok());
  before_ = AllQuads(*db_);
  // One that adds a violation is refused, naming only the new one.
  absl::Status refused = Update("INSERT DATA { ex:kudlow a ex:Person }");
  ExpectRejected(refused, "<http://example.org/kudlow>");
  EXPECT_EQ(std::string(refused.message()).find("<http://example.org/xi>"), std::string::npos)
      << refused;
}

// Meetings are held in a city of a country; people represent a country.
constexpr std::string_view kPathShapes = R"(
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:MeetingShape a sh:NodeShape ; sh:targetClass ex:Meeting ;
  sh:property [ sh:path ( ex:heldIn ex:locatedIn ) ; sh:minCount 1 ] .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:represents ; sh:class ex:Country ] .
)";

class StrictPathTest : public StrictModeTest {
 protected:
  void SetUp() override {
    StrictModeTest::SetUp();
    db_->SetStrictShapes(std::nullopt);
    ASSERT_TRUE(Update("INSERT DATA { ex:m1 a ex:Meeting ; ex:heldIn ex:beijing . "
                       "ex:beijing ex:locatedIn ex:cn . ex:cn a ex:Nation . "
                       "ex:Nation rdfs:subClassOf ex:Country . ex:liu ex:represents ex:cn }")
                    .ok());
    auto shapes = Shapes::FromTurtle(kPathShapes);
    ASSERT_TRUE(shapes.ok()) << shapes.status();
    db_->SetStrictShapes(*shapes);
    before_ = AllQuads(*db_);
  }
};

TEST_F(StrictPathTest, AChangeInTheMiddleOfAPathIsSeen) {
  // The meeting is in no changed quad; it reaches the change by ex:heldIn.
  ExpectRejected(Update("DELETE DATA { ex:beijing ex:locatedIn ex:cn }"),
                 "<http://example.org/m1>");
}

TEST_F(StrictPathTest, ATypeChangeOfAValueIsSeen) {
  ExpectRejected(Update("DELETE DATA { ex:cn a ex:Nation }"), "expected an instance of");
}

TEST_F(StrictPathTest, ASubclassChangeIsSeen) {
  ExpectRejected(Update("DELETE DATA { ex:Nation rdfs:subClassOf ex:Country }"),
                 "expected an instance of");
}

TEST_F(StrictPathTest, ConformingChangesCommit) {
  EXPECT_TRUE(Update("INSERT DATA { ex:m2 a ex:Meeting ; ex:heldIn ex:beijing }").ok());
  EXPECT_TRUE(Update("DELETE DATA { ex:m1 a ex:Meeting }").ok());
}

}  // namespace
}  // namespace parley
