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
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "parley/integrity.h"
#include "parley/load.h"
#include "parley/options.h"
#include "parley/query.h"
#include "parley/read_view.h"
#include "parley/transaction.h"
#include "parley/validation.h"

namespace parley {

// The version of the on-disk format this build writes and reads (the
// engine's own constant, engine/layout/key_layout.h, is checked to match).
inline constexpr int kFormatVersion = 3;

// Thread-safe. A directory is held open by at most one Database, in any
// process, at a time.
//
// Lifetimes: read views, iterators, query results and write transactions
// share ownership of the open database with the Database object, so any of
// them may outlive it without harm. Views, iterators and query results keep
// reading their snapshot; a transaction fails to commit (FailedPrecondition,
// nothing applied). The files stay open, and the directory locked (a new
// Open of it is Unavailable), until the last of them is destroyed.
//
// Failed writes: when writing the database's own files fails (a full disk:
// ResourceExhausted; an I/O error: Internal; the message names the file),
// the commit, load or update fails and applies nothing, and from then on
// this handle refuses every write with that error while reads go on. Close
// it and open the database again once the cause is gone: it opens at its
// last acknowledged commit, also after a power loss (with sync_on_commit).
class Database {
 public:
  // Opens (or, with options.create_if_missing, creates) the database in
  // directory `path`. Errors:
  //   FailedPrecondition: the directory exists but is not a Parley database,
  //     or it was written in another format version (an older one: export
  //     it with the Parley that wrote it and load the export);
  //   Unavailable: another Database (in this or another process) holds it;
  //   NotFound: no database there and create_if_missing is false.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        const Options& options);

  // Without a Close() first, releases this handle only: the database closes
  // when the last view, iterator, query result or transaction goes (see
  // above), ignoring errors of that close. REQUIRES: no call on this
  // Database is running.
  virtual ~Database() = default;

  // Closes the database: syncs the write-ahead log (every committed
  // transaction then survives power loss), closes the files and releases
  // the directory, returning the first error of either. Errors, with the
  // database left open and fully usable (release what is named and retry):
  //   FailedPrecondition "cannot close database <path>: ..." while a write
  //     transaction or a Load is open, while read views, iterators or query
  //     results are alive, or while a Load, Export, Query or Update call runs on
  //     another thread.
  // Once Close has returned anything but FailedPrecondition, the database
  // is closed:
  // every call returns FailedPrecondition "database <path> is closed"
  // (Snapshot() returns a view whose calls do), a second Close returns OK,
  // and path() still answers. Destroying a Database does not require Close.
  virtual absl::Status Close() = 0;

  // Starts the write transaction, blocking while another thread's is active
  // (one writer at a time). Errors:
  //   FailedPrecondition "this thread already has a write transaction open":
  //     this thread began a transaction (or runs a Load) that has not
  //     finished; returned at once instead of waiting forever for itself.
  //     A thread that began a transaction counts as its holder until it
  //     finishes, even if another thread drives it;
  //   FailedPrecondition: the database is closed.
  virtual absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() = 0;

  // A view of everything committed so far. Cheap; never blocks writers.
  // The view keeps the database open (see above); after Close(), every
  // call on the view returns FailedPrecondition.
  virtual std::unique_ptr<ReadView> Snapshot() = 0;

  // Loads `files` ("-" is standard input) in one atomic step: on any error
  // (syntax error without options.lenient, I/O error, a full disk, a kill)
  // the database is left exactly as it was. Errors name the place:
  // "file:line:column: message". Takes the write lock like BeginWrite, and
  // fails like it (FailedPrecondition) on a thread that holds an open
  // transaction, or once the database is closed.
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

  // Runs a SPARQL 1.1 query (parley/query.h) against a snapshot taken now;
  // the result keeps that snapshot, so writes that commit while rows are
  // pulled are not seen. InvalidArgument for a syntax error, with line,
  // column and a caret under the offending text (IsIncompleteQuery tells
  // text that merely ended early).
  virtual absl::StatusOr<std::unique_ptr<QueryResult>> Query(std::string_view text,
                                                             const QueryOptions& options) = 0;

  // Runs a SPARQL 1.1 Update request (parley/query.h) as one write
  // transaction: every operation applies to the state the previous ones
  // left, and either the whole request commits or nothing of it does (also
  // after a crash). Takes the write lock like BeginWrite, and fails like it.
  // Errors name the operation ("update operation 2 (DROP): ..."), and none
  // changes anything:
  //   InvalidArgument: a syntax error (as Query's), or data that is not RDF
  //     (INSERT DATA of a literal subject) or a malformed LOAD file;
  //   NotFound: DROP, CLEAR, ADD, MOVE or COPY of a named graph that does
  //     not exist, or a LOAD of a missing file;
  //   AlreadyExists: CREATE of a graph that exists;
  //   PermissionDenied: a LOAD outside options.load_directories;
  //   (SILENT turns the four above, for its operation, into no-ops;)
  //   the limits of options, as Query's.
  virtual absl::StatusOr<UpdateSummary> Update(std::string_view text,
                                               const UpdateOptions& options) = 0;

  // Validates the database, as of a snapshot taken now, against SHACL
  // `shapes` (parley/validation.h): the report lists what breaks them.
  // A report that does not conform is not an error; errors are Cancelled
  // (options.cancel) and I/O errors of the store.
  virtual absl::StatusOr<ValidationReport> Validate(const Shapes& shapes,
                                                    const ValidationOptions& options) = 0;

  // Strict mode: with `shapes`, every write through this handle (a
  // WriteTransaction's Commit, Load, Update) is checked before it applies;
  // a write that adds a SHACL violation (one the database did not have
  // before it) fails with FailedPrecondition listing the new results, and
  // writes nothing. nullopt turns strict mode off (the default).
  // Transactions begun earlier keep the mode they began with. The check
  // validates the nodes the write may affect (docs/validation.md); a strict
  // Load runs as one transaction that holds the loaded quads in memory, and
  // reads RDF text only (a dump is InvalidArgument).
  virtual void SetStrictShapes(std::optional<Shapes> shapes) = 0;

  // Checks, from a snapshot taken now, every invariant the store keeps: the
  // five indexes hold the same quads, the counts and statistics match
  // them, the dictionary's two directions agree (parley/integrity.h).
  // Reads the whole database in bounded memory. What is wrong goes in the
  // report; errors are I/O errors and FailedPrecondition once closed.
  virtual absl::StatusOr<IntegrityReport> CheckIntegrity() = 0;

  // Writes a consistent copy of the database, as of now, to `directory`,
  // which must not exist; the copy opens as a database of its own. Runs
  // while readers and writers go on (files are hard-linked where the file
  // system allows). FailedPrecondition for a database opened read-only;
  // an error leaves no directory behind.
  virtual absl::Status Backup(const std::string& directory) = 0;

  // The directory this database lives in.
  virtual const std::string& path() const = 0;
};

}  // namespace parley
