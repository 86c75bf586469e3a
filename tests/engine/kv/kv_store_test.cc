#include "engine/kv/kv_store.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/engine_support.h"

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
  options.keyspaces = {{"default"}, {"a", true}, {"b", false}};
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

// Read-only: reads what is there, including unflushed writes, while another
// store holds the database; creates nothing and refuses writes.
TEST(KvStoreTest, ReadOnlyOpenReadsAndChangesNothing) {
  TempDir dir;
  KvOptions options = TestOptions(/*create=*/true);  // ignored when read-only
  options.read_only = true;
  options.keyspaces = {{"default"}, {"a", true}};
  {
    auto writer = KvStore::Open(dir.path(), TestOptions(true));
    ASSERT_TRUE(writer.ok()) << writer.status();
    {
      KvWriteBatch batch = (*writer)->NewWriteBatch();
      batch.Put(kA, "k", "v");
      ASSERT_TRUE((*writer)->Write(batch, true).ok());
    }
    auto reader = KvStore::Open(dir.path(), options);
    ASSERT_TRUE(reader.ok()) << reader.status();
    EXPECT_EQ(*(*reader)->Get(kA, "k", nullptr), std::optional<std::string>("v"));
    KvWriteBatch refused = (*reader)->NewWriteBatch();
    refused.Put(kA, "k2", "v2");
    EXPECT_FALSE((*reader)->Write(refused, true).ok());
  }
  options.keyspaces.push_back({"c"});
  EXPECT_TRUE(absl::IsFailedPrecondition(KvStore::Open(dir.path(), options).status()));
  options.keyspaces.pop_back();
  EXPECT_TRUE(absl::IsNotFound(KvStore::Open(dir.Sub("none"), options).status()));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("none")));
  auto again = KvStore::Open(dir.path(), TestOptions(false));
  ASSERT_TRUE(again.ok()) << again.status();
  const std::vector<std::string>& families = (*again)->existing_keyspaces();
  EXPECT_EQ(std::count(families.begin(), families.end(), "c"), 0);
  EXPECT_EQ(*(*again)->Get(kA, "k2", nullptr), std::nullopt);
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

// --- Stale empty WAL files (RocksDB < 8.3, facebook/rocksdb#11313) --------

// The names of the WAL files (NNNNNN.log) in `dir`.
std::vector<std::string> WalFiles(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.ends_with(".log")) names.push_back(name);
  }
  return names;
}

void ExpectStored(KvStore& kv, const std::map<std::pair<Keyspace, std::string>, std::string>& data,
                  int round) {
  for (const auto& [where, value] : data) {
    EXPECT_EQ(*kv.Get(where.first, where.second, nullptr), std::optional<std::string>(value))
        << "keyspace " << where.first << " key " << where.second << " in round " << round;
  }
}

// Each open used to leave one more empty WAL behind (101 after 100 opens).
// The first rounds only read (as `parley export` or `parley stats` do: the
// case that piled up WALs); later ones cycle through no write, a write to one
// keyspace, writes to all, each unsynced and just before the close, which
// does not flush them (the next open replays the WAL); round 18 overwrites
// what round 10 wrote.
TEST(KvStoreTest, ReopeningKeepsFewWalFilesAndEveryWrite) {
  TempDir dir;
  std::map<std::pair<Keyspace, std::string>, std::string> data;
  for (int round = 0; round < 20; ++round) {
    auto kv = KvStore::Open(dir.path(), TestOptions(round == 0));
    ASSERT_TRUE(kv.ok()) << kv.status();
    EXPECT_LE(WalFiles(dir.path()).size(), 2u) << "after open " << round;
    ExpectStored(**kv, data, round);
    std::vector<std::pair<Keyspace, std::string>> puts;
    const int kind = round < 8 ? 0 : round % 4;
    if (kind == 1) puts.push_back({kA, "a" + std::to_string(round)});
    if (kind == 2) {
      for (Keyspace keyspace : {kDefault, kA, kB}) {
        puts.push_back({keyspace, "k" + std::to_string(round % 8)});
      }
    }
    KvWriteBatch batch = (*kv)->NewWriteBatch();
    for (const auto& [keyspace, key] : puts) {
      batch.Put(keyspace, key, "v" + std::to_string(round));
      data[{keyspace, key}] = "v" + std::to_string(round);
    }
    if (!puts.empty()) {
      ASSERT_TRUE((*kv)->Write(batch, /*sync=*/false).ok());
    }
    ExpectStored(**kv, data, round);
    kv->reset();
    EXPECT_LE(WalFiles(dir.path()).size(), 2u) << "after close " << round;
  }
  auto kv = KvStore::Open(dir.path(), TestOptions(false));
  ASSERT_TRUE(kv.ok()) << kv.status();
  ExpectStored(**kv, data, 20);
  EXPECT_EQ(WalFiles(dir.path()).size(), 1u);  // the WAL of this open only
}

TEST(KvStoreTest, OpenDeletesOnlyEmptyWalFilesOlderThanItsOwn) {
  TempDir dir;
  { ASSERT_TRUE(KvStore::Open(dir.path(), TestOptions(true)).ok()); }
  // Numbers below the store's first WAL. The non-empty one holds no record
  // (zeros, as a crash can leave), so recovery finds nothing to flush and
  // RocksDB keeps it: only the size rule spares it. The last two only look
  // like WALs.
  { std::ofstream(dir.Sub("000002.log")) << std::string(32, '\0'); }
  { std::ofstream(dir.Sub("000003.log")); }
  { std::ofstream(dir.Sub("notes.log")); }
  { std::ofstream(dir.Sub("3.log.bak")); }
  {
    auto kv = KvStore::Open(dir.path(), TestOptions(false));
    ASSERT_TRUE(kv.ok()) << kv.status();
    EXPECT_TRUE(std::filesystem::exists(dir.Sub("000002.log")));
    EXPECT_FALSE(std::filesystem::exists(dir.Sub("000003.log")));
    EXPECT_TRUE(std::filesystem::exists(dir.Sub("notes.log")));
    EXPECT_TRUE(std::filesystem::exists(dir.Sub("3.log.bak")));
    // 000002.log, notes.log and the WAL of this open (empty, and kept: the
    // write below must survive the close).
    EXPECT_EQ(WalFiles(dir.path()).size(), 3u);
    KvWriteBatch batch = (*kv)->NewWriteBatch();
    batch.Put(kA, "k", "v");
    ASSERT_TRUE((*kv)->Write(batch, false).ok());
  }
  auto kv = KvStore::Open(dir.path(), TestOptions(false));
  ASSERT_TRUE(kv.ok()) << kv.status();
  EXPECT_EQ(*(*kv)->Get(kA, "k", nullptr), std::optional<std::string>("v"));
}

// Child mode of the next test: opens the store, writes one key unsynced,
// tells the parent and waits to be killed. Arg: "<key><path>" (key: 1 char).
TEST(KvWalChild, WriteAndWaitForKill) {
  if (testing::ChildMode() != "kv-wal-child") GTEST_SKIP() << "runs as a child process only";
  const std::string arg = testing::ChildArg();
  auto kv = KvStore::Open(arg.substr(1), TestOptions(false));
  if (!kv.ok()) {
    testing::TellParent("error: " + std::string(kv.status().message()));
    return;
  }
  KvWriteBatch batch = (*kv)->NewWriteBatch();
  batch.Put(kB, arg.substr(0, 1), "killed");
  absl::Status status = (*kv)->Write(batch, /*sync=*/false);
  testing::TellParent(status.ok() ? "written" : "error: " + std::string(status.message()));
  testing::WaitForParentEof();
}

// A process killed after an unsynced write leaves its data only in its WAL
// (no flush, no close): the next opens must neither delete that WAL nor
// lose the write, while still dropping the empty WALs of plain opens.
TEST(KvStoreTest, KilledWriterKeepsItsWritesAcrossReopens) {
  TempDir dir;
  { ASSERT_TRUE(KvStore::Open(dir.path(), TestOptions(true)).ok()); }
  const std::string keys = "abcde";
  for (size_t i = 0; i < keys.size(); ++i) {
    for (int plain = 0; plain < 3; ++plain) {
      ASSERT_TRUE(KvStore::Open(dir.path(), TestOptions(false)).ok());
    }
    EXPECT_LE(WalFiles(dir.path()).size(), 2u) << "before kill " << i;
    testing::ChildProcess child("KvWalChild.WriteAndWaitForKill", "kv-wal-child",
                                keys.substr(i, 1) + dir.path());
    std::string line;
    ASSERT_TRUE(child.ReadLine(&line, 20000));
    ASSERT_EQ(line, "written");
    child.Kill();
    const int status = child.Wait();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
    bool wal_with_data = false;
    for (const std::string& name : WalFiles(dir.path())) {
      if (std::filesystem::file_size(dir.Sub(name)) > 0) wal_with_data = true;
    }
    EXPECT_TRUE(wal_with_data) << "the killed writer left no WAL with its write";

    auto kv = KvStore::Open(dir.path(), TestOptions(false));
    ASSERT_TRUE(kv.ok()) << kv.status();
    for (size_t j = 0; j <= i; ++j) {
      EXPECT_EQ(*(*kv)->Get(kB, keys.substr(j, 1), nullptr), std::optional<std::string>("killed"))
          << "key " << keys[j] << " after kill " << i;
    }
    EXPECT_LE(WalFiles(dir.path()).size(), 2u);
  }
}

}  // namespace
}  // namespace parley::engine
