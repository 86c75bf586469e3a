// Parley dumps: the database's own binary exchange format (Cap'n Proto
// messages, optionally zstd-compressed; specified in docs/dump-format.md).
//
// Exporting: Database::Export with ExportOptions::format "capnp" (or a path
// ending in ".pdump" / ".pdump.zst"), or ExportDump() below, which also
// writes to a file descriptor. The dump follows the database's own order
// (its terms in id order, its quads in index order), which is what makes an
// export fast, and it is canonical: exporting, loading the dump into a fresh
// database and exporting again gives the same bytes. (Two databases holding
// the same quads under different internal ids give different, equally valid
// dumps.) A whole-database dump carries every term of the dictionary, also
// terms no remaining quad uses.
//
// Importing: Database::Load recognizes a dump by its magic bytes, under any
// name and through zstd or gzip, and loads it in the same atomic step as
// text files; "/dev/fd/N" loads from a file descriptor, "-" from stdin.
//
// Producing: DumpProducer writes a dump quad by quad from an application,
// without a database.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "parley/database.h"
#include "parley/load.h"
#include "parley/quad.h"

namespace parley {

// Writes `db` (or options.graph) as a dump to `path` ("-": stdout) from one
// snapshot. options.format is ignored; options.zstd / zstd_level / packed
// apply. The quads of options.graph keep their graph name in the dump (a
// text export of one graph drops it).
absl::StatusOr<ExportSummary> ExportDump(Database& db, const std::string& path,
                                         const ExportOptions& options);
// The same to `fd` from its current offset; the caller keeps and closes it.
absl::StatusOr<ExportSummary> ExportDumpToFd(Database& db, int fd, const ExportOptions& options);

// True when the file at `path` (after gzip / zstd decompression) starts
// with a dump's signature.
absl::StatusOr<bool> IsDumpFile(const std::string& path);

struct DumpProducerOptions {
  bool zstd = true;
  int zstd_level = 3;
  bool packed = false;
  std::string producer = "parley DumpProducer";
};

// Writes a dump quad by quad; the writer gives terms ids itself (one hash
// map entry per distinct term until Finish). Not thread-safe. A producer
// destroyed without Finish() leaves a dump that readers reject as
// truncated.
class DumpProducer {
 public:
  // Creates or truncates `path`.
  static absl::StatusOr<std::unique_ptr<DumpProducer>> Create(const std::string& path,
                                                              const DumpProducerOptions& options);
  // Writes to `fd` from its current offset; the caller keeps and closes it.
  static absl::StatusOr<std::unique_ptr<DumpProducer>> CreateForFd(
      int fd, const DumpProducerOptions& options);
  ~DumpProducer();
  DumpProducer(const DumpProducer&) = delete;
  DumpProducer& operator=(const DumpProducer&) = delete;

  // InvalidArgument (and nothing written) for an invalid term or a term of
  // the wrong kind for its position; other errors (I/O) are sticky.
  absl::Status Add(const Quad& quad);
  // Writes the footer and closes the output; returns the quads written.
  absl::StatusOr<uint64_t> Finish();

 private:
  class Impl;
  explicit DumpProducer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley
