// ReadView::Contains: a point lookup of one quad in one graph.
#include <string>

#include "gtest/gtest.h"
#include "parley/database.h"
#include "tests/support/engine_support.h"

namespace parley {
namespace {

using engine::testing::TempDir;

const Term kS = Term::Iri("http://example.org/s");
const Term kP = Term::Iri("http://example.org/p");
const Term kG = Term::Iri("http://example.org/g");

TEST(ContainsTest, AnswersPerGraphAndFollowsTheSnapshot) {
  TempDir dir;
  auto db = Database::Open(dir.Sub("db"), Options());
  ASSERT_TRUE(db.ok()) << db.status();
  const Quad in_default{kS, kP, Term::Literal("x"), Term()};
  const Quad in_named{kS, kP, Term::TypedLiteral("7", "http://www.w3.org/2001/XMLSchema#integer"),
                      kG};
  auto txn = (*db)->BeginWrite();
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE((*txn)->Insert(in_default).ok());
  ASSERT_TRUE((*txn)->Insert(in_named).ok());
  ASSERT_TRUE((*txn)->Commit().ok());

  std::unique_ptr<ReadView> view = (*db)->Snapshot();
  EXPECT_EQ(*view->Contains(in_default), true);
  EXPECT_EQ(*view->Contains(in_named), true);
  // The same triple in another graph is another quad.
  EXPECT_EQ(*view->Contains({kS, kP, Term::Literal("x"), kG}), false);
  EXPECT_EQ(*view->Contains({kS, kP, in_named.object, Term()}), false);
  // A term the database never saw.
  EXPECT_EQ(*view->Contains({kS, kP, Term::Literal("never stored"), Term()}), false);
  EXPECT_TRUE(absl::IsInvalidArgument(
      view->Contains({Term::Iri("not an iri"), kP, Term::Literal("x"), Term()}).status()));

  // Erased after the view was taken: the view still holds it, a new one not.
  txn = (*db)->BeginWrite();
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE((*txn)->Erase(in_default).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  EXPECT_EQ(*view->Contains(in_default), true);
  EXPECT_EQ(*(*db)->Snapshot()->Contains(in_default), false);
}

}  // namespace
}  // namespace parley
