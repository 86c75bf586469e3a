// Loading RDF files (N-Triples, N-Quads, Turtle, TriG, optionally gzip- or
// zstd-compressed) and exporting a database to them.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/term.h"

namespace parley {

// The formats Parley reads and writes: the W3C RDF text formats and its own
// dump (Cap'n Proto, parley/dump.h).
enum class DataFormat : uint8_t { kNTriples, kNQuads, kTurtle, kTriG, kDump };

// By name, ignoring case: "ntriples" (also "nt", "n-triples"), "nquads"
// ("nq"), "turtle" ("ttl"), "trig", "capnp" ("pdump"); nullopt for any other.
std::optional<DataFormat> DataFormatByName(std::string_view name);
// The first name above: "ntriples", "nquads", "turtle", "trig", "capnp".
std::string_view DataFormatName(DataFormat format);

struct LoadOptions {
  // Format of every file; unset: from each file's extension (.nt, .nq, .ttl,
  // .trig, .pdump, each optionally followed by .gz or .zst). Load recognizes
  // a dump by its magic bytes whatever the name or format.
  std::optional<DataFormat> format;
  // Load triples into this named graph instead of the default graph. For
  // formats with graphs it replaces only the default graph.
  std::optional<Term> graph;
  // Base IRI for relative IRIs. Default: the file:// IRI of each file.
  std::string base_iri;
  // Skip bad statements instead of failing; see LoadSummary::skipped.
  bool lenient = false;
  // Memory the loader may use for sorting before it spills to disk.
  // 0 means the default: a quarter of physical memory, at most 1 GiB.
  uint64_t memory_budget_bytes = 0;
  // Called from the loading thread now and then; must be cheap.
  struct Progress {
    enum class Phase : uint8_t {
      kParse,   // reading the files (statements and bytes so far)
      kSort,    // sorting what was read
      kWrite,   // writing the indexes' files
      kIngest,  // adding them to the database in one atomic step
    };
    Phase phase = Phase::kParse;
    uint64_t bytes_read = 0;
    uint64_t bytes_total = 0;  // 0 when unknown (stdin, compressed)
    uint64_t statements = 0;
  };
  std::function<void(const Progress&)> progress;
  // When set and it becomes true, the load stops with Cancelled (within
  // about 65,000 statements, or between the phases of writing) and the
  // database is left as it was. Must outlive the call.
  const std::atomic<bool>* cancel = nullptr;
};

struct LoadSummary {
  uint64_t statements_read = 0;           // statements parsed (valid ones)
  uint64_t quads_added = 0;               // quads that were not in the database before
  uint64_t skipped = 0;                   // bad statements skipped (lenient mode)
  std::vector<std::string> first_errors;  // "file:line:column: message"
  double seconds = 0;
};

struct ExportOptions {
  // Unset: from the output path's extension (".pdump" and ".pdump.zst" are
  // dumps), else N-Quads.
  std::optional<DataFormat> format;
  // Dumps only: one zstd stream around the dump (level zstd_level), and
  // Cap'n Proto packing of each message.
  bool zstd = true;
  int zstd_level = 3;
  bool packed = false;
  // Export only this graph (Term() for the default graph); all when unset.
  std::optional<Term> graph;
};

struct ExportSummary {
  uint64_t quads = 0;
  double seconds = 0;
};

}  // namespace parley
