// Loading Parley dumps (parley/dump.h) into a bulk load: used by
// Database::Load (api/loader.cc) for every file that turns out to be a dump.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "engine/bulk/bulk_loader.h"
#include "formats/rdf/byte_source.h"
#include "parley/term.h"

namespace parley::api {

// Opens `file` ("-" for stdin), decompressing gzip / zstd, and peeks at its
// first bytes: *is_dump tells whether they are a dump's signature, and
// *damaged_dump (when given) whether they are close to one without being
// it (schema::IsDamagedDumpSignature). The returned source still delivers
// every byte (the peeked ones first).
absl::StatusOr<std::unique_ptr<engine::io::ByteSource>> OpenAndSniff(const std::string& file,
                                                                     bool* is_dump,
                                                                     bool* damaged_dump = nullptr);

struct DumpLoadContext {
  engine::BulkLoader* loader = nullptr;
  // LoadOptions::graph: replaces the dump's default graph.
  std::optional<Term> graph;
  // Local ids the load's earlier dumps used: this dump's local ids are
  // shifted past them (the loader's local ids are one space per load).
  // Updated by LoadDump.
  uint64_t local_id_base = 0;
  // Called about every 2^16 statements with the statements of this dump so
  // far.
  std::function<void(uint64_t statements)> progress;
};

// Reads the dump `source` (named `file` in errors) into context->loader,
// in a new blank node scope. Returns the statements read. The loader's
// caller commits only after every file returned OK (the reader verifies the
// footer's checksum last).
absl::StatusOr<uint64_t> LoadDump(std::unique_ptr<engine::io::ByteSource> source,
                                  const std::string& file, DumpLoadContext* context);

}  // namespace parley::api
