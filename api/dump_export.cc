// Database export as a Parley dump (parley/dump.h).
//
// The dump is canonical: a function of the exported quads alone. Terms are
// ranked by a database-independent order,
//   rank(a) < rank(b)  :=  both dictionary terms ? key(a) < key(b)
//                                                 : id(a) < id(b)
// (inline literals carry their value in the id, so their ids, and the order
// of inline ids against dictionary ids, are the same in every database),
// quads are written in GSPO order of ranks, and the writer numbers terms in
// first-use order. Blank node labels are database-specific (the loader
// renames them per load), so the dump relabels them b<rank, 12 hex digits>,
// their rank among the blank nodes in key order: the labels keep that order
// when a database loads them under a common prefix. Two paths give the same
// bytes:
//  - fast: when the database's dictionary ids already increase with their
//    term keys (a database filled by one bulk load of one id batch, e.g. a
//    dump loaded into a fresh database), rank order is id order, so the
//    GSPO index is streamed as it is, terms fetched chunk by chunk;
//  - sorting: otherwise the quads and the keys of their dictionary terms
//    are read into memory, the terms ranked and the quads sorted
//    (about 32 bytes per quad plus the term keys).
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/database_impl.h"
#include "engine/dictionary.h"
#include "engine/inline_value.h"
#include "engine/key_layout.h"
#include "engine/keyspaces.h"
#include "engine/quad_scan.h"
#include "engine/status_macros.h"
#include "engine/term_codec.h"
#include "engine/term_id.h"
#include "parley/dump.h"
#include "schema/dump_writer.h"

namespace parley::api {
namespace {

constexpr engine::Keyspace kGspo = engine::KeyspaceOf(engine::Order::kGspo);
constexpr engine::Keyspace kId2Term = engine::KeyspaceOf(engine::Family::kId2Term);
constexpr size_t kMultiGetBatch = size_t{1} << 14;

bool IsDictionaryTerm(TermId id) { return id != kDefaultGraphId && !engine::IsInline(id); }

std::string IdKey(TermId id) {
  std::string key;
  engine::AppendBigEndian64(id, &key);
  return key;
}

bool IsBlankKey(std::string_view key) { return !key.empty() && key[0] == 'B'; }

// The key of the blank node relabelled for a dump.
std::string BlankKey(uint64_t rank) { return absl::StrFormat("Bb%012x", rank); }

// Whether the id2term entries, in id order, have increasing term keys; if so
// *blank_ids holds the ids of the blank nodes, ascending.
absl::StatusOr<bool> DictionaryInKeyOrder(const engine::KvStore& kv,
                                          std::shared_ptr<const engine::KvSnapshot> snapshot,
                                          std::vector<TermId>* blank_ids) {
  std::unique_ptr<engine::KvIterator> it = kv.NewIterator(kId2Term, std::move(snapshot));
  std::string previous;
  bool first = true;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!first && !(previous < it->value())) return false;
    previous.assign(it->value());
    first = false;
    if (IsBlankKey(it->value()) && it->key().size() == 8) {
      blank_ids->push_back(engine::ReadBigEndian64(it->key().data()));
    }
  }
  PARLEY_RETURN_IF_ERROR(it->status());
  return true;
}

// The term keys of dictionary ids, by MultiGet in batches.
absl::Status FetchKeys(const engine::KvStore& kv, const engine::KvSnapshot* snapshot,
                       std::span<const TermId> ids, std::vector<std::string>* keys) {
  std::vector<std::string> lookups;
  std::vector<std::optional<std::string>> values;
  for (size_t begin = 0; begin < ids.size(); begin += kMultiGetBatch) {
    const size_t end = std::min(ids.size(), begin + kMultiGetBatch);
    lookups.clear();
    for (size_t i = begin; i < end; ++i) lookups.push_back(IdKey(ids[i]));
    PARLEY_RETURN_IF_ERROR(kv.MultiGet(kId2Term, lookups, snapshot, &values));
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i]) {
        return absl::DataLossError(
            absl::StrCat("the database has no term for id ", ids[begin + i], " used by a quad"));
      }
      keys->push_back(std::move(*values[i]));
    }
  }
  return absl::OkStatus();
}

void AddInlineKey(TermId id, std::string* scratch, schema::TermKeyBatch* keys) {
  scratch->clear();
  engine::AppendTermKey(engine::DecodeInline(id), scratch);
  keys->Add(*scratch);
}

// The quads of [lower, upper) of the GSPO index.
template <typename Fn>
absl::Status ScanGspo(const engine::KvStore& kv, std::shared_ptr<const engine::KvSnapshot> snapshot,
                      const std::string& lower, const std::string& upper, Fn&& fn) {
  std::unique_ptr<engine::KvIterator> it = kv.NewIterator(kGspo, std::move(snapshot), lower, upper);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    PARLEY_RETURN_IF_ERROR(fn(engine::DecodeQuadKey(engine::Order::kGspo, it->key())));
  }
  return it->status();
}

}  // namespace

absl::StatusOr<ExportSummary> DatabaseImpl::ExportDump(const std::string& path, int fd,
                                                       const ExportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const engine::KvStore& kv = store_->kv();
  std::shared_ptr<const engine::KvSnapshot> snapshot = kv.GetSnapshot();

  std::string lower, upper;
  bool empty = false;
  if (options.graph) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                            engine::Dictionary(&kv).Lookup(*options.graph, snapshot.get()));
    if (id) {
      engine::PrefixRange(IdKey(*id), &lower, &upper);
    } else {
      empty = true;  // a graph the database never held is empty
    }
  }
  std::vector<TermId> blank_ids;
  PARLEY_ASSIGN_OR_RETURN(bool fast, DictionaryInKeyOrder(kv, snapshot, &blank_ids));

  // The sorting path's state: dictionary ids used, ascending, and their keys
  // by rank; quads in rank ids (dictionary ids replaced by rank + 1).
  std::vector<TermId> dictionary_ids;
  std::vector<std::string> ranked_keys;
  std::vector<IdQuad> quads;
  if (!fast && !empty) {
    PARLEY_RETURN_IF_ERROR(ScanGspo(kv, snapshot, lower, upper, [&](const IdQuad& q) {
      quads.push_back(q);
      for (TermId id : {q.subject, q.predicate, q.object, q.graph}) {
        if (IsDictionaryTerm(id)) dictionary_ids.push_back(id);
      }
      return absl::OkStatus();
    }));
    std::sort(dictionary_ids.begin(), dictionary_ids.end());
    dictionary_ids.erase(std::unique(dictionary_ids.begin(), dictionary_ids.end()),
                         dictionary_ids.end());
    std::vector<std::string> keys;
    keys.reserve(dictionary_ids.size());
    PARLEY_RETURN_IF_ERROR(FetchKeys(kv, snapshot.get(), dictionary_ids, &keys));
    std::vector<uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
    std::vector<uint64_t> rank_of(keys.size());
    ranked_keys.resize(keys.size());
    uint64_t blanks = 0;
    for (size_t r = 0; r < order.size(); ++r) {
      rank_of[order[r]] = r + 1;
      ranked_keys[r] = IsBlankKey(keys[order[r]]) ? BlankKey(blanks++) : std::move(keys[order[r]]);
    }
    auto remap = [&](TermId id) -> TermId {
      if (!IsDictionaryTerm(id)) return id;
      auto it = std::lower_bound(dictionary_ids.begin(), dictionary_ids.end(), id);
      return engine::MakeId(engine::IdTag::kDictionary,
                            rank_of[static_cast<size_t>(it - dictionary_ids.begin())]);
    };
    for (IdQuad& q : quads) {
      q = IdQuad{remap(q.subject), remap(q.predicate), remap(q.object), remap(q.graph)};
    }
    std::sort(quads.begin(), quads.end(), [](const IdQuad& a, const IdQuad& b) {
      return std::tie(a.graph, a.subject, a.predicate, a.object) <
             std::tie(b.graph, b.subject, b.predicate, b.object);
    });
  }

  schema::DumpWriterOptions writer_options;
  writer_options.zstd = options.zstd;
  writer_options.zstd_level = options.zstd_level;
  writer_options.packed = options.packed;
  writer_options.producer = "parley";
  writer_options.validate_terms = false;  // validated when they were stored
  std::string scratch;
  std::vector<TermId> wanted;
  std::vector<std::string> fetched;
  writer_options.fetch_term_keys = [&](std::span<const TermId> ids,
                                       schema::TermKeyBatch* keys) -> absl::Status {
    if (!fast) {
      for (TermId id : ids) {
        if (engine::IsInline(id)) {
          AddInlineKey(id, &scratch, keys);
        } else {
          keys->Add(ranked_keys[engine::PayloadOf(id) - 1]);
        }
      }
      return absl::OkStatus();
    }
    wanted.clear();
    fetched.clear();
    for (TermId id : ids) {
      if (!engine::IsInline(id)) wanted.push_back(id);
    }
    PARLEY_RETURN_IF_ERROR(FetchKeys(kv, snapshot.get(), wanted, &fetched));
    size_t next = 0;
    for (TermId id : ids) {
      if (engine::IsInline(id)) {
        AddInlineKey(id, &scratch, keys);
      } else if (IsBlankKey(fetched[next])) {
        ++next;
        auto it = std::lower_bound(blank_ids.begin(), blank_ids.end(), id);
        keys->Add(BlankKey(static_cast<uint64_t>(it - blank_ids.begin())));
      } else {
        keys->Add(fetched[next++]);
      }
    }
    return absl::OkStatus();
  };

  absl::StatusOr<std::unique_ptr<schema::DumpWriter>> opened =
      fd >= 0       ? schema::DumpWriter::CreateForFd(fd, writer_options)
      : path == "-" ? schema::DumpWriter::CreateForFd(STDOUT_FILENO, writer_options)
                    : schema::DumpWriter::Create(path, writer_options);
  PARLEY_RETURN_IF_ERROR(opened.status());
  std::unique_ptr<schema::DumpWriter> writer = std::move(*opened);

  if (fast && !empty) {
    PARLEY_RETURN_IF_ERROR(
        ScanGspo(kv, snapshot, lower, upper, [&](const IdQuad& q) { return writer->AddIds(q); }));
  } else {
    for (const IdQuad& q : quads) PARLEY_RETURN_IF_ERROR(writer->AddIds(q));
  }
  PARLEY_ASSIGN_OR_RETURN(schema::DumpFooter footer, writer->Finish());
  ExportSummary summary;
  summary.quads = footer.quad_count;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace parley::api

namespace parley {

absl::StatusOr<ExportSummary> ExportDump(Database& db, const std::string& path,
                                         const ExportOptions& options) {
  ExportOptions dump_options = options;
  dump_options.format = "capnp";
  return db.Export(path, dump_options);
}

absl::StatusOr<ExportSummary> ExportDumpToFd(Database& db, int fd, const ExportOptions& options) {
  if (fd < 0) return absl::InvalidArgumentError(absl::StrCat("ExportDumpToFd: bad fd ", fd));
  return db.ExportDumpToFd(fd, options);
}

}  // namespace parley
