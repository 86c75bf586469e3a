#include "api/strict.h"

#include <string>
#include <utility>

#include "engine/access/kv_storage_reader.h"
#include "engine/access/pending_changes_reader.h"
#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"
#include "schema/shacl/change_check.h"

namespace parley::api {

using engine::io::Cat;

namespace {

// Results a strict-mode error lists; the rest are counted.
constexpr uint64_t kResultsInError = 10;

absl::Status CheckShapes(const Shapes& shapes, const engine::KvStore& kv_store,
                         std::shared_ptr<const engine::KvStore> kv,
                         const engine::StoreWriteTransaction& transaction) {
  // Called under the writer lease: the latest snapshot is the state the
  // changes apply to.
  std::shared_ptr<const engine::KvSnapshot> snapshot = kv_store.GetSnapshot();
  auto before = std::make_shared<engine::KvStorageReader>(std::move(kv), std::move(snapshot));
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::PendingChangesReader> after,
                          engine::PendingChangesReader::Create(before, transaction.changes(),
                                                               transaction.graph_fates()));
  ValidationOptions options;
  options.max_results = kResultsInError;
  PARLEY_ASSIGN_OR_RETURN(
      ValidationReport report,
      shacl::ValidateChange(*before, *after, shapes.graph(), transaction.changes(),
                            transaction.graph_fates(), options));
  if (report.conforms) return absl::OkStatus();
  std::string message =
      Cat("strict mode: the change breaks the shapes (", report.result_count,
          report.result_count == 1 ? " result" : " results", "); nothing was written:");
  for (const ValidationResult& result : report.results) {
    if (result.severity == ValidationSeverity::kViolation) message += "\n  " + result.ToString();
  }
  if (report.result_count > report.results.size()) {
    message += Cat("\n  ... and ", report.result_count - report.results.size(), " more");
  }
  return absl::FailedPreconditionError(message);
}

}  // namespace

engine::StoreWriteTransaction::CommitCheck StrictCheck(std::shared_ptr<const Shapes> shapes,
                                                       std::shared_ptr<const engine::KvStore> kv) {
  return [shapes = std::move(shapes),
          kv = std::move(kv)](const engine::StoreWriteTransaction& transaction) {
    return CheckShapes(*shapes, *kv, kv, transaction);
  };
}

}  // namespace parley::api
