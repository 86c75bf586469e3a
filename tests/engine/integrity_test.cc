// CheckIntegrity: a database written by commits and loads is consistent;
// each kind of damage done to it behind the store's back is reported.
#include "engine/integrity.h"

#include <string>
#include <vector>

#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_codec.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::TempDir;

Term Ex(const std::string& name) { return Term::Iri("http://example.org/" + name); }

class IntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.sync_on_commit = false;
    auto store = Store::Open(dir_.path(), options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    auto txn = store_->BeginWrite();
    ASSERT_TRUE(txn.ok());
    for (int i = 0; i < 50; ++i) {
      const Quad quad{
          Ex("s" + std::to_string(i)), Ex("p" + std::to_string(i % 3)),
          Term::TypedLiteral(std::to_string(i), "http://www.w3.org/2001/XMLSchema#integer"),
          i % 2 == 0 ? Term() : Ex("g")};
      ASSERT_TRUE((*txn)->Insert(quad).ok());
    }
    ASSERT_TRUE((*txn)->Insert({Ex("a"), Ex("p0"), Term::Literal("text"), Term()}).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }

  IntegrityReport Check() {
    auto report = CheckIntegrity(store_->kv(), nullptr);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : IntegrityReport();
  }

  // Applies one raw change to the store's keyspaces.
  void Damage(Keyspace keyspace, const std::string& key, const std::string* value) {
    KvWriteBatch batch = store_->kv().NewWriteBatch();
    if (value != nullptr) {
      batch.Put(keyspace, key, *value);
    } else {
      batch.Delete(keyspace, key);
    }
    ASSERT_TRUE(store_->kv().Write(batch, false).ok());
  }

  // The key of the first entry of `keyspace`.
  std::string FirstKey(Keyspace keyspace) {
    auto it = store_->kv().NewIterator(keyspace, nullptr);
    it->SeekToFirst();
    EXPECT_TRUE(it->Valid());
    return std::string(it->key());
  }

  void ExpectProblem(const IntegrityReport& report, std::string_view fragment) {
    EXPECT_FALSE(report.ok());
    bool found = false;
    for (const std::string& problem : report.problems) {
      found = found || problem.find(fragment) != std::string::npos;
    }
    EXPECT_TRUE(found) << "no problem mentions '" << fragment
                       << "'; first: " << (report.problems.empty() ? "(none)" : report.problems[0]);
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(IntegrityTest, ACommittedDatabaseIsConsistent) {
  IntegrityReport report = Check();
  EXPECT_TRUE(report.ok()) << report.problems[0];
  EXPECT_EQ(report.quads, 51u);
  EXPECT_GT(report.terms, 50u);
}

TEST_F(IntegrityTest, AQuadMissingFromOneIndex) {
  Damage(KeyspaceOf(Order::kPosg), FirstKey(KeyspaceOf(Order::kPosg)), nullptr);
  ExpectProblem(Check(), "posg holds 50 quads, spog 51");
}

TEST_F(IntegrityTest, AQuadOnlyInOneIndex) {
  Damage(KeyspaceOf(Order::kSpog), FirstKey(KeyspaceOf(Order::kSpog)), nullptr);
  IntegrityReport report = Check();
  ExpectProblem(report, "which spog lacks");
  ExpectProblem(report, "the stored quad count is 51, the indexes hold 50");
}

TEST_F(IntegrityTest, AnIndexWithAsManyQuadsButOtherOnes) {
  const std::string key = FirstKey(KeyspaceOf(Order::kOspg));
  IdQuad other = DecodeQuadKey(Order::kOspg, key);
  other.subject = other.subject == 1 ? 2 : 1;  // a quad no commit wrote
  const std::string empty;
  Damage(KeyspaceOf(Order::kOspg), key, nullptr);
  Damage(KeyspaceOf(Order::kOspg), EncodeQuadKey(Order::kOspg, other), &empty);
  IntegrityReport report = Check();
  ExpectProblem(report, "ospg and spog hold as many quads, but not the same");
  ExpectProblem(report, "which spog lacks");
}

TEST_F(IntegrityTest, ADictionaryEntryWithoutItsReverse) {
  Damage(KeyspaceOf(Family::kTerm2Id), FirstKey(KeyspaceOf(Family::kTerm2Id)), nullptr);
  IntegrityReport report = Check();
  ExpectProblem(report, "has no matching term2id entry");
  ExpectProblem(report, "term2id holds");
}

TEST_F(IntegrityTest, WrongStatistics) {
  const std::string key = FirstKey(KeyspaceOf(Family::kStats));
  auto it = store_->kv().NewIterator(KeyspaceOf(Family::kStats), nullptr);
  it->SeekToFirst();
  std::string value(it->value());
  value[value.size() - 1] ^= 1;
  Damage(KeyspaceOf(Family::kStats), key, &value);
  ExpectProblem(Check(), "statistics differ");
}

}  // namespace
}  // namespace parley::engine
