// Database::Export: the W3C text formats (one snapshot, graph by graph in
// GSPO order, so a TriG writer groups each graph and each subject), and the
// output file of every export to a path, dumps included (api/dump_export.cc
// writes those to the descriptor this file gives it).
//
// An export to a path is atomic: it is written to a temporary file beside
// the target, synced, and renamed over the target (then the directory is
// synced), so a killed or failed export leaves any previous file as it was
// and never a partial one under the final name (only, after a kill, a
// ".NAME.tmp-*" file beside it). Targets inside the database directory are
// refused: `export -o DB/CURRENT` would make the database unopenable.
// Standard output ("-") streams, and so do targets that are not regular
// files (/dev/null, a FIFO), which cannot be renamed over.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "absl/container/node_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/database_impl.h"
#include "engine/dictionary.h"
#include "engine/quad_scan.h"
#include "engine/read_view_impl.h"
#include "engine/status_macros.h"
#include "formats/rdf/rdf_writer.h"
#include "rdf/vocabulary.h"

namespace parley::api {
namespace {

using engine::TermView;

// Decoded terms by id. Node-based, so views into cached terms stay valid
// while the cache grows, until Trim() clears a cache grown past its bound
// (which keeps exporting a huge database in bounded memory).
class TermCache {
 public:
  TermCache(const engine::KvStore& kv, const engine::KvSnapshot* snapshot)
      : dictionary_(&kv), snapshot_(snapshot) {}

  // The pointer stays valid until the next Trim().
  absl::StatusOr<const Term*> Get(TermId id) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return &it->second;
    PARLEY_ASSIGN_OR_RETURN(Term term, dictionary_.DecodeStored(id, snapshot_));
    return &cache_.emplace(id, std::move(term)).first->second;
  }

  void Trim() {
    if (cache_.size() >= kMaxEntries) cache_.clear();
  }

 private:
  static constexpr size_t kMaxEntries = size_t{4} << 20;
  engine::Dictionary dictionary_;
  const engine::KvSnapshot* snapshot_;
  absl::node_hash_map<TermId, Term> cache_;
};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Dumps are written by api/dump_export.cc.
bool IsDumpExport(const std::string& path, const ExportOptions& options) {
  if (!options.format.empty()) return options.format == "capnp" || options.format == "pdump";
  return EndsWith(path, ".pdump") || EndsWith(path, ".pdump.zst");
}

absl::StatusOr<engine::io::RdfFormat> ExportFormat(const std::string& path,
                                                   const ExportOptions& options) {
  if (!options.format.empty()) return engine::io::RdfFormatFromName(options.format);
  return engine::io::RdfFormatFromPath(path).value_or(engine::io::RdfFormat::kNQuads);
}

absl::Status ErrnoError(std::string_view what, int err) {
  std::string message =
      absl::StrCat(absl::string_view(what.data(), what.size()), ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

// realpath(3): absolute, no symbolic links, no "." or ".."; nullopt with
// errno set when some component does not exist.
std::optional<std::string> RealPath(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return std::nullopt;
  std::string out(real);
  std::free(real);
  return out;
}

// The directory of a canonical path ("/" for "/x").
std::string ParentOf(const std::string& canonical) {
  const size_t slash = canonical.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : canonical.substr(0, slash);
}

// InvalidArgument when `target` (canonical, the output named `path`) is in
// the database directory `db_dir` or below it. Canonical paths compare the
// names; the identity of each ancestor directory also catches a database
// reached by another mount of its file system.
absl::Status RefuseInsideDatabase(const std::string& path, const std::string& target,
                                  const std::string& db_dir) {
  const std::optional<std::string> db = RealPath(db_dir);
  struct stat db_stat;
  if (!db || ::stat(db->c_str(), &db_stat) != 0) {
    return ErrnoError(absl::StrCat("cannot export: cannot resolve the database directory ", db_dir),
                      errno);
  }
  bool inside = target == *db || target.rfind(*db + "/", 0) == 0;
  for (std::string dir = ParentOf(target); !inside; dir = ParentOf(dir)) {
    struct stat st;
    inside =
        ::stat(dir.c_str(), &st) == 0 && st.st_dev == db_stat.st_dev && st.st_ino == db_stat.st_ino;
    if (dir == "/") break;
  }
  if (!inside) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("cannot export to ", path,
                                                 ": it is inside the database directory ", db_dir,
                                                 " (write the export elsewhere)"));
}

absl::Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(absl::StrCat("cannot write ", path), errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

// The destination of an export to a path: a temporary file beside the
// target that Commit() renames over it, or, for a target that exists and is
// not a regular file (a device, a FIFO), that file itself. Destroyed
// without a successful Commit(), it removes the temporary file.
class OutputFile {
 public:
  // Errors name `path`. InvalidArgument for a directory or a target inside
  // `db_dir`; NotFound when the target's directory does not exist.
  static absl::StatusOr<std::unique_ptr<OutputFile>> Create(const std::string& path,
                                                            const std::string& db_dir) {
    if (path.empty()) return absl::InvalidArgumentError("cannot export to an empty file name");
    auto out = std::unique_ptr<OutputFile>(new OutputFile(path));
    struct stat st;
    bool exists = ::stat(path.c_str(), &st) == 0;
    if (!exists && errno != ENOENT)
      return ErrnoError(absl::StrCat("cannot export to ", path), errno);
    if (exists && S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(absl::StrCat("cannot export to ", path, ": a directory"));
    }
    if (exists) {
      std::optional<std::string> real = RealPath(path);
      if (!real) return ErrnoError(absl::StrCat("cannot export to ", path), errno);
      out->target_ = *std::move(real);
    } else {
      const std::filesystem::path p(path);
      const std::string name = p.filename().string();
      if (name.empty() || name == "." || name == "..") {
        return absl::InvalidArgumentError(
            absl::StrCat("cannot export to ", path, ": names a directory"));
      }
      const std::string parent = p.has_parent_path() ? p.parent_path().string() : ".";
      std::optional<std::string> real_parent = RealPath(parent);
      if (!real_parent) {
        return ErrnoError(absl::StrCat("cannot export to ", path, ": directory ", parent), errno);
      }
      out->target_ = absl::StrCat(*real_parent, *real_parent == "/" ? "" : "/", name);
    }
    PARLEY_RETURN_IF_ERROR(RefuseInsideDatabase(path, out->target_, db_dir));

    if (exists && !S_ISREG(st.st_mode)) {
      out->fd_ = ::open(out->target_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (out->fd_ < 0) return ErrnoError(absl::StrCat("cannot open ", path), errno);
      return out;
    }
    PARLEY_RETURN_IF_ERROR(out->CreateTemporary());
    // The replacement keeps the permissions of the file it replaces.
    if (exists) (void)::fchmod(out->fd_, st.st_mode & 07777);
    return out;
  }

  ~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
  }

  int fd() const { return fd_; }

  // Syncs the data, renames the temporary file over the target and syncs
  // the directory, so the new file is durable under its name. Call once.
  absl::Status Commit() {
    const int fd = std::exchange(fd_, -1);
    if (temporary_.empty()) {  // a device or FIFO: nothing to rename
      if (::close(fd) != 0) return ErrnoError(absl::StrCat("cannot write ", path_), errno);
      return absl::OkStatus();
    }
    if (::fsync(fd) != 0) {
      const int err = errno;
      ::close(fd);
      return ErrnoError(absl::StrCat("cannot write ", path_, " (sync)"), err);
    }
    if (::close(fd) != 0) return ErrnoError(absl::StrCat("cannot write ", path_), errno);
    if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
      return ErrnoError(absl::StrCat("cannot rename ", temporary_, " to ", path_), errno);
    }
    temporary_.clear();
    const std::string dir = ParentOf(target_);
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0)
      return ErrnoError(absl::StrCat("wrote ", path_, " but cannot sync ", dir), errno);
    // Some file systems cannot sync a directory (EINVAL): nothing more to do there.
    const bool synced = ::fsync(dir_fd) == 0 || errno == EINVAL;
    const int err = errno;
    ::close(dir_fd);
    if (!synced) return ErrnoError(absl::StrCat("wrote ", path_, " but cannot sync ", dir), err);
    return absl::OkStatus();
  }

 private:
  explicit OutputFile(std::string path) : path_(std::move(path)) {}

  // ".NAME.tmp-PID-N" in the target's directory, created exclusively (mode
  // 0666 less the umask, as a new target would get).
  absl::Status CreateTemporary() {
    static std::atomic<uint64_t> counter{0};
    const std::string dir = ParentOf(target_);
    const std::string name = target_.substr(target_.rfind('/') + 1);
    for (int attempt = 0; attempt < 100; ++attempt) {
      const uint64_t n =
          counter.fetch_add(1) ^
          static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
      std::string temporary = absl::StrFormat("%s/.%s.tmp-%d-%x", dir == "/" ? "" : dir, name,
                                              static_cast<int>(::getpid()), n & 0xFFFFFF);
      fd_ = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
      if (fd_ >= 0) {
        temporary_ = std::move(temporary);
        return absl::OkStatus();
      }
      if (errno != EEXIST) {
        return ErrnoError(
            absl::StrCat("cannot create a temporary file beside ", path_, " (", temporary, ")"),
            errno);
      }
    }
    return absl::AlreadyExistsError(
        absl::StrCat("cannot create a temporary file beside ", path_, ": every name tried exists"));
  }

  const std::string path_;  // as the caller named it, for messages
  std::string target_;      // canonical
  std::string temporary_;   // empty once renamed, or when writing the target itself
  int fd_ = -1;
};

// `status` with `path` in front unless its message names it already.
absl::Status Named(const std::string& path, const absl::Status& status) {
  if (status.message().find(absl::string_view(path.data(), path.size())) !=
      absl::string_view::npos) {
    return status;
  }
  return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
}

// What a text export reads, all from one snapshot: the graphs to write, by
// id (the default graph first, then named graphs in id order).
struct TextExport {
  engine::io::RdfFormat format;
  std::shared_ptr<const engine::KvSnapshot> snapshot;
  std::vector<TermId> graphs;
};

absl::StatusOr<TextExport> PrepareText(engine::Store& store, const std::string& path,
                                       const ExportOptions& options) {
  TextExport text;
  PARLEY_ASSIGN_OR_RETURN(text.format, ExportFormat(path, options));
  const engine::KvStore& kv = store.kv();
  text.snapshot = kv.GetSnapshot();
  const engine::Dictionary dictionary(&kv);
  if (options.graph) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                            dictionary.Lookup(*options.graph, text.snapshot.get()));
    if (id) text.graphs.push_back(*id);  // a graph the database never held is empty
    return text;
  }
  text.graphs.push_back(kDefaultGraphId);
  // The graph list from the snapshot the quads are read from: a graph
  // created or emptied meanwhile is in both or in neither.
  const engine::StoreReadView view(store.kv_shared(), text.snapshot);
  PARLEY_ASSIGN_OR_RETURN(std::vector<Term> named, view.Graphs());
  for (const Term& graph : named) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                            dictionary.Lookup(graph, text.snapshot.get()));
    if (!id) return absl::DataLossError(absl::StrCat("graph ", graph.ToNTriples(), " has no id"));
    text.graphs.push_back(*id);
  }
  if (text.graphs.size() > 1 && !engine::io::RdfFormatHasGraphs(text.format)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database has ", text.graphs.size() - 1, " named graphs, which ",
                     std::string(engine::io::RdfFormatName(text.format)),
                     " cannot hold: export as nquads or trig, or pick one graph with --graph"));
  }
  return text;
}

engine::io::WriteOptions TextWriteOptions(const TextExport& text, const ExportOptions& options) {
  engine::io::WriteOptions write_options;
  write_options.format = text.format;
  write_options.drop_graphs = options.graph.has_value();
  write_options.prefixes = {{"rdf", std::string(rdf::kRdfNamespace)},
                            {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
                            {"xsd", std::string(rdf::kXsdNamespace)}};
  return write_options;
}

// Writes the quads of `text` and finishes the writer.
absl::StatusOr<ExportSummary> WriteText(const engine::KvStore& kv, const TextExport& text,
                                        engine::io::RdfWriter& writer) {
  TermCache terms(kv, text.snapshot.get());
  ExportSummary summary;
  for (TermId graph : text.graphs) {
    IdPattern pattern;
    pattern.graph = graph;
    std::unique_ptr<IdQuadIterator> it = engine::ScanQuads(kv, text.snapshot, pattern);
    for (; it->Valid(); it->Next()) {
      const IdQuad& ids = it->quad();
      terms.Trim();
      engine::QuadView quad;
      PARLEY_ASSIGN_OR_RETURN(const Term* s, terms.Get(ids.subject));
      quad.subject = TermView::Of(*s);
      PARLEY_ASSIGN_OR_RETURN(const Term* p, terms.Get(ids.predicate));
      quad.predicate = TermView::Of(*p);
      PARLEY_ASSIGN_OR_RETURN(const Term* o, terms.Get(ids.object));
      quad.object = TermView::Of(*o);
      if (graph != kDefaultGraphId) {
        PARLEY_ASSIGN_OR_RETURN(const Term* g, terms.Get(graph));
        quad.graph = TermView::Of(*g);
      }
      PARLEY_RETURN_IF_ERROR(writer.Write(quad));
      ++summary.quads;
    }
    PARLEY_RETURN_IF_ERROR(it->status());
  }
  PARLEY_RETURN_IF_ERROR(writer.Finish());
  return summary;
}

}  // namespace

absl::StatusOr<ExportSummary> DatabaseImpl::Export(const std::string& path,
                                                   const ExportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const bool dump = IsDumpExport(path, options);
  ExportOptions dump_options = options;
  if (EndsWith(path, ".pdump.zst")) dump_options.zstd = true;
  std::optional<TextExport> text;
  if (!dump) {
    PARLEY_ASSIGN_OR_RETURN(text, PrepareText(*store_, path, options));
  }

  absl::StatusOr<ExportSummary> summary;
  if (path == "-") {
    if (dump) return ExportDump("-", /*fd=*/-1, dump_options);
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::io::RdfWriter> writer,
                            engine::io::RdfWriter::Open("-", TextWriteOptions(*text, options)));
    summary = WriteText(store_->kv(), *text, *writer);
  } else {
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> out, OutputFile::Create(path, path_));
    if (dump) {
      summary = ExportDump("", out->fd(), dump_options);
    } else {
      const int fd = out->fd();
      std::unique_ptr<engine::io::RdfWriter> writer = engine::io::RdfWriter::ToCallback(
          [fd, &path](std::string_view data) { return WriteAll(fd, data, path); },
          TextWriteOptions(*text, options), engine::io::CompressionFromPath(path));
      summary = WriteText(store_->kv(), *text, *writer);
    }
    // On failure `out` goes with its temporary file; a previous file stays.
    if (summary.ok()) {
      if (absl::Status committed = out->Commit(); !committed.ok()) summary = committed;
    }
    if (!summary.ok()) return Named(path, summary.status());
  }
  if (!summary.ok()) return summary.status();
  summary->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace parley::api
