#include "engine/kv_store.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/engine/test_support.h"

namespace parley::engine {
namespace {

using testing::TempDir;

constexpr Keyspace kDefault = 0;
constexpr Keyspace kA = 1;
constexpr Keyspace kB = 2;

KvOptions TestOptions(bool create) {
  KvOptions options;
  options.create_if_missing = create;
  options.create_missing_keyspaces = create;
  options.block_cache_bytes = 1 << 20;
  options.keyspaces = {{"default"}, {"a", true, false}, {"b", false, true}};
  return options;
}

std::vector<std::string> Keys(KvIterator& it) {
  std::vector<std::string> keys;
  for (; it.Valid(); it.Next()) keys.emplace_back(it.key());
  EXPECT_TRUE(it.status().ok()) << it.status();
  return keys;
}

TEST(KvStoreTest, MissingStoreIsNotFoundWithoutCreate) {
  TempDir dir;
  auto kv = KvStore::Open(dir.Sub("db"), TestOptions(false));
  EXPECT_TRUE(absl::IsNotFound(kv.status())) << kv.status();
}

TEST(KvStoreTest, MissingKeyspaceIsFailedPrecondition) {
  TempDir dir;
  { ASSERT_TRUE(KvStore::Open(dir.path(), TestOptions(true)).ok()); }
  KvOptions options = TestOptions(false);
  options.keyspaces.push_back({"c"});
  auto kv = KvStore::Open(dir.path(), options);
  EXPECT_TRUE(absl::IsFailedPrecondition(kv.status())) << kv.status();
}

TEST(KvStoreTest, BatchesSnapshotsAndPersistence) {
  TempDir dir;
  {
    auto kv = KvStore::Open(dir.path(), TestOptions(true));
    ASSERT_TRUE(kv.ok()) << kv.status();
    KvWriteBatch batch = (*kv)->NewWriteBatch();
    batch.Put(kA, "k1", "v1");
    batch.Put(kB, "k1", "other");
    batch.Put(kA, "k2", "v2");
    EXPECT_EQ(batch.Count(), 3u);
    ASSERT_TRUE((*kv)->Write(batch, true).ok());

    auto before = (*kv)->GetSnapshot();
    KvWriteBatch second = (*kv)->NewWriteBatch();
    second.Delete(kA, "k1");
    second.Put(kA, "k3", "v3");
    ASSERT_TRUE((*kv)->Write(second, false).ok());

    EXPECT_EQ(*(*kv)->Get(kA, "k1", before.get()), std::optional<std::string>("v1"));
    EXPECT_EQ(*(*kv)->Get(kA, "k1", nullptr), std::nullopt);
    EXPECT_EQ(*(*kv)->Get(kB, "k1", nullptr), std::optional<std::string>("other"));
    EXPECT_EQ(*(*kv)->Get(kA, "k3", before.get()), std::nullopt);

    auto old_it = (*kv)->NewIterator(kA, before);
    old_it->SeekToFirst();
    EXPECT_EQ(Keys(*old_it), (std::vector<std::string>{"k1", "k2"}));
    auto new_it = (*kv)->NewIterator(kA, nullptr);
    new_it->SeekToFirst();
    EXPECT_EQ(Keys(*new_it), (std::vector<std::string>{"k2", "k3"}));

    std::vector<std::optional<std::string>> values;
    ASSERT_TRUE((*kv)->MultiGet(kA, {"k3", "k1", "zz", "k2"}, nullptr, &values).ok());
    EXPECT_EQ(values,
              (std::vector<std::optional<std::string>>{"v3", std::nullopt, std::nullopt, "v2"}));
    ASSERT_TRUE((*kv)->MultiGet(kA, {"k3", "k1"}, before.get(), &values).ok());
    EXPECT_EQ(values, (std::vector<std::optional<std::string>>{std::nullopt, "v1"}));
  }
  auto kv = KvStore::Open(dir.path(), TestOptions(false));
  ASSERT_TRUE(kv.ok()) << kv.status();
  EXPECT_EQ(*(*kv)->Get(kA, "k3", nullptr), std::optional<std::string>("v3"));
  EXPECT_EQ(*(*kv)->Get(kA, "k1", nullptr), std::nullopt);
  EXPECT_EQ((*kv)->existing_keyspaces().size(), 3u);
}

TEST(KvStoreTest, IteratorBoundsAndSeek) {
  TempDir dir;
  auto kv = KvStore::Open(dir.path(), TestOptions(true));
  ASSERT_TRUE(kv.ok());
  KvWriteBatch batch = (*kv)->NewWriteBatch();
  for (std::string key : {"a", "b1", "b2", "b3", "c"}) batch.Put(kA, key, "");
  ASSERT_TRUE((*kv)->Write(batch, false).ok());

  auto it = (*kv)->NewIterator(kA, (*kv)->GetSnapshot(), "b", "c");
  it->SeekToFirst();
  EXPECT_EQ(Keys(*it), (std::vector<std::string>{"b1", "b2", "b3"}));
  it->Seek("b2");
  EXPECT_EQ(Keys(*it), (std::vector<std::string>{"b2", "b3"}));
  it->Seek("a");  // below the lower bound: starts at the bound
  EXPECT_EQ(Keys(*it), (std::vector<std::string>{"b1", "b2", "b3"}));
  auto open_end = (*kv)->NewIterator(kA, nullptr, "b3");
  open_end->SeekToFirst();
  EXPECT_EQ(Keys(*open_end), (std::vector<std::string>{"b3", "c"}));
}

TEST(KvStoreTest, SecondOpenIsUnavailable) {
  TempDir dir;
  auto first = KvStore::Open(dir.path(), TestOptions(true));
  ASSERT_TRUE(first.ok());
  auto second = KvStore::Open(dir.path(), TestOptions(true));
  ASSERT_TRUE(absl::IsUnavailable(second.status())) << second.status();
  EXPECT_NE(second.status().message().find("is in use by another process"), std::string::npos);
}

std::string WriteSst(KvStore& kv, Keyspace keyspace, const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& entries) {
  auto writer = kv.NewSstWriter(keyspace, path);
  EXPECT_TRUE(writer.ok()) << writer.status();
  for (const auto& [key, value] : entries) EXPECT_TRUE((*writer)->Put(key, value).ok());
  auto n = (*writer)->Finish();
  EXPECT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, entries.size());
  return path;
}

TEST(KvStoreTest, IngestsSstFilesAtomicallyAcrossKeyspaces) {
  TempDir dir;
  auto kv = KvStore::Open(dir.Sub("db"), TestOptions(true));
  ASSERT_TRUE(kv.ok());
  KvWriteBatch batch = (*kv)->NewWriteBatch();
  batch.Put(kA, "a05", "old");
  batch.Put(kDefault, "counter", "1");
  ASSERT_TRUE((*kv)->Write(batch, false).ok());
  auto before = (*kv)->GetSnapshot();

  // Two files with disjoint ranges for "a", one for "b", one replacing a
  // counter in "default".
  std::vector<KvIngestFiles> files = {
      {kA,
       {WriteSst(**kv, kA, dir.Sub("a1.sst"), {{"a01", "x"}, {"a05", "new"}}),
        WriteSst(**kv, kA, dir.Sub("a2.sst"), {{"a10", "y"}, {"a11", "z"}})}},
      {kB, {WriteSst(**kv, kB, dir.Sub("b1.sst"), {{"b", "1"}})}},
      {kDefault, {WriteSst(**kv, kDefault, dir.Sub("d.sst"), {{"counter", "2"}})}},
  };
  ASSERT_TRUE((*kv)->IngestAtomically(files).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("a1.sst")));  // moved into the store

  auto it = (*kv)->NewIterator(kA, nullptr);
  it->SeekToFirst();
  EXPECT_EQ(Keys(*it), (std::vector<std::string>{"a01", "a05", "a10", "a11"}));
  EXPECT_EQ(*(*kv)->Get(kA, "a05", nullptr), std::optional<std::string>("new"));
  EXPECT_EQ(*(*kv)->Get(kB, "b", nullptr), std::optional<std::string>("1"));
  EXPECT_EQ(*(*kv)->Get(kDefault, "counter", nullptr), std::optional<std::string>("2"));
  // An older snapshot sees none of it.
  EXPECT_EQ(*(*kv)->Get(kA, "a05", before.get()), std::optional<std::string>("old"));
  EXPECT_EQ(*(*kv)->Get(kB, "b", before.get()), std::nullopt);
  EXPECT_EQ(*(*kv)->Get(kDefault, "counter", before.get()), std::optional<std::string>("1"));
}

TEST(KvStoreTest, FailedIngestLeavesEveryKeyspaceUnchanged) {
  TempDir dir;
  auto kv = KvStore::Open(dir.Sub("db"), TestOptions(true));
  ASSERT_TRUE(kv.ok());
  std::vector<KvIngestFiles> files = {
      {kA, {WriteSst(**kv, kA, dir.Sub("a.sst"), {{"a1", "x"}})}},
      {kB, {dir.Sub("missing.sst")}},
  };
  EXPECT_FALSE((*kv)->IngestAtomically(files).ok());
  EXPECT_EQ(*(*kv)->Get(kA, "a1", nullptr), std::nullopt);

  std::vector<KvIngestFiles> twice = {{kA, {}}, {kA, {}}};
  EXPECT_TRUE(absl::IsInvalidArgument((*kv)->IngestAtomically(twice)));
}

TEST(KvStoreTest, SstWriterRejectsUnsortedKeysAndDropsEmptyFiles) {
  TempDir dir;
  auto kv = KvStore::Open(dir.Sub("db"), TestOptions(true));
  ASSERT_TRUE(kv.ok());
  auto writer = (*kv)->NewSstWriter(kA, dir.Sub("x.sst"));
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Put("b", "").ok());
  EXPECT_FALSE((*writer)->Put("a", "").ok());
  writer->reset();
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("x.sst")));  // abandoned file deleted

  auto empty = (*kv)->NewSstWriter(kA, dir.Sub("e.sst"));
  ASSERT_TRUE(empty.ok());
  auto n = (*empty)->Finish();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0u);
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("e.sst")));
}

TEST(KvStoreTest, CompactAllKeepsData) {
  TempDir dir;
  auto kv = KvStore::Open(dir.path(), TestOptions(true));
  ASSERT_TRUE(kv.ok());
  KvWriteBatch batch = (*kv)->NewWriteBatch();
  for (int i = 0; i < 1000; ++i) batch.Put(kB, "key" + std::to_string(i), std::string(100, 'v'));
  ASSERT_TRUE((*kv)->Write(batch, false).ok());
  ASSERT_TRUE((*kv)->CompactAll().ok());
  EXPECT_EQ(*(*kv)->Get(kB, "key999", nullptr), std::optional<std::string>(std::string(100, 'v')));
}

}  // namespace
}  // namespace parley::engine
