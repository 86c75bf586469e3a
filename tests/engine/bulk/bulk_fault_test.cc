// Bulk loads and bulk erasures on failing disks and across power loss
// (engine/kv/fault_injection.h): while every nth write of the store's files
// fails with ENOSPC or EIO, a load or an erasure either succeeds, and then
// survives the power loss whole, or fails with a clear error and leaves
// every key of every keyspace as it was, and no scratch folder.
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/kv/fault_injection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/bulk_support.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;
using Fault = FaultInjection::Fault;

Options SyncedOptions() {
  Options options = testing::BulkTestOptions();
  options.sync_on_commit = true;
  return options;
}

std::unique_ptr<Store> OpenWith(const std::string& path, std::shared_ptr<FaultInjection> faults) {
  auto store = Store::OpenWithFaults(path, SyncedOptions(), std::move(faults));
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) std::abort();
  return *std::move(store);
}

enum class Operation { kLoad, kErase };

// Runs `operation` under every nth-write faults of each kind, losing power
// after each; returns the number of failed operations.
int RunUnderFaults(Operation operation) {
  const std::vector<Quad> base = testing::MakeQuads(400, 1, /*blanks=*/false);
  const std::vector<Quad> loaded = testing::MakeQuads(3000, 2, /*blanks=*/false);
  int failed = 0;
  for (Fault fault : {Fault::kNoSpace, Fault::kIoError}) {
    for (uint64_t n : {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610}) {
      SCOPED_TRACE(std::string(fault == Fault::kNoSpace ? "ENOSPC" : "EIO") + " every " +
                   std::to_string(n) + "th write");
      TempDir dir;
      const std::string path = dir.Sub("db");
      auto faults = FaultInjection::Create();
      auto store = OpenWith(path, faults);
      testing::Commit(*store, base);
      if (operation == Operation::kErase) testing::Commit(*store, loaded);
      const testing::StoreDump before = testing::DumpStore(*store);

      faults->FailEveryNth(n, fault);
      absl::Status status = operation == Operation::kLoad
                                ? testing::BulkLoad(*store, path, loaded).status()
                                : testing::BulkErase(*store, path, loaded, 0).status();
      if (!status.ok()) {
        ++failed;
        EXPECT_THAT(std::string(status.message()), HasSubstr("injected fault")) << status;
      }
      EXPECT_TRUE(testing::ScratchFolders(path).empty());
      faults->CutPower();
      store.reset();
      EXPECT_TRUE(faults->DropUnsyncedData().ok());

      store = OpenWith(path, nullptr);
      if (status.ok()) {
        std::set<Quad> expected(base.begin(), base.end());
        if (operation == Operation::kLoad) expected.insert(loaded.begin(), loaded.end());
        testing::ExpectConsistent(*store, expected);
      } else {
        EXPECT_TRUE(testing::DumpStore(*store) == before) << "a failed operation changed data";
      }
      if (::testing::Test::HasFailure()) return failed;
    }
  }
  return failed;
}

TEST(BulkFault, FailedLoadsChangeNothingAndAcknowledgedLoadsSurvivePowerLoss) {
  const int failed = RunUnderFaults(Operation::kLoad);
  std::printf("fault injection, bulk loads: 28 rounds, %d failed loads\n", failed);
  EXPECT_GT(failed, 0);
}

TEST(BulkFault, FailedErasuresChangeNothingAndAcknowledgedOnesSurvivePowerLoss) {
  const int failed = RunUnderFaults(Operation::kErase);
  std::printf("fault injection, bulk erasures: 28 rounds, %d failed erasures\n", failed);
  EXPECT_GT(failed, 0);
}

}  // namespace
}  // namespace parley::engine
