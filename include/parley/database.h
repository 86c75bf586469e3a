// The entry point: a Parley database in one directory.
//
//   auto db = parley::Database::Open("/tmp/trade", parley::Options());
//   if (!db.ok()) ...
//   auto txn = (*db)->BeginWrite();
//   (*txn)->Insert(quad); (*txn)->Commit();
//   auto view = (*db)->Snapshot();
//   auto it = view->Scan({.predicate = parley::Term::Iri("http://ex.org/met")});
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "parley/load.h"
#include "parley/options.h"
#include "parley/read_view.h"
#include "parley/transaction.h"

namespace parley {

// The version of the on-disk format this build writes and reads.
inline constexpr int kFormatVersion = 1;

// Thread-safe. A directory is held open by at most one Database, in any
// process, at a time.
class Database {
 public:
  // Opens (or, with options.create_if_missing, creates) the database in
  // directory `path`. Errors:
  //   FailedPrecondition: the directory exists but is not a Parley database,
  //     or it was written by a newer format version;
  //   Unavailable: another Database (in this or another process) holds it;
  //   NotFound: no database there and create_if_missing is false.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        const Options& options);

  virtual ~Database() = default;

  // Starts the write transaction, blocking while another is active (one
  // writer at a time). Calling it again on a thread that holds an active
  // transaction deadlocks. REQUIRES: the returned transaction does not
  // outlive the Database.
  virtual absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() = 0;

  // A view of everything committed so far. Cheap; never blocks writers.
  virtual std::unique_ptr<ReadView> Snapshot() = 0;

  // Loads `files` ("-" is standard input) in one atomic step: on any error
  // (syntax error without options.lenient, I/O error, a full disk, a kill)
  // the database is left exactly as it was. Errors name the place:
  // "file:line:column: message". Takes the write lock like BeginWrite.
  virtual absl::StatusOr<LoadSummary> Load(const std::vector<std::string>& files,
                                           const LoadOptions& options) = 0;

  // Writes the database (or options.graph) to `path` ("-" for standard
  // output) from one snapshot, so the result is consistent while writes go on.
  virtual absl::StatusOr<ExportSummary> Export(const std::string& path,
                                               const ExportOptions& options) = 0;

  // Writes the database (or options.graph) as a Parley dump (see
  // parley/dump.h) to `fd` from its current offset; the caller keeps and
  // closes it. Export() writes dumps to paths.
  virtual absl::StatusOr<ExportSummary> ExportDumpToFd(int fd, const ExportOptions& options) = 0;

  // The directory this database lives in.
  virtual const std::string& path() const = 0;
};

}  // namespace parley
