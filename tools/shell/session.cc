#include "tools/shell/session.h"
#include "tools/text_util.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "query/results/term_text.h"
#include "tools/interrupt.h"
#include "tools/query_runner.h"
#include "tools/shell/dot_commands.h"

namespace parley::tools {
namespace {

std::string Elapsed(std::chrono::steady_clock::duration elapsed) {
  const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  if (ms < 1000) return absl::StrFormat("%.1f ms", ms);
  return absl::StrFormat("%.2f s", ms / 1000);
}

std::string Counted(uint64_t count, std::string_view noun) {
  return absl::StrCat(count, " ", std::string(noun), count == 1 ? "" : "s");
}

// `iri` as name:local where a prefix applies (query::PrefixedName, the
// rule the tables use), else <iri>.
std::string Shortened(const std::string& iri, const query::PrefixList& prefixes) {
  std::optional<std::string> prefixed = query::PrefixedName(iri, prefixes);
  return prefixed ? *std::move(prefixed) : absl::StrCat("<", iri, ">");
}

// Whether `a` and `b` name the same existing directory.
bool SameDirectory(const std::string& a, const std::string& b) {
  std::error_code error;
  return std::filesystem::equivalent(a, b, error) && !error;
}

}  // namespace

size_t TerminalWidth() {
  struct winsize size = {};
  if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

Session::Session(SessionOptions options) : options_(std::move(options)) {
  timer = options_.interactive;
}

absl::Status Session::Open(const std::optional<std::string>& path) {
  if (path && handle_ && !handle_->is_scratch() && SameDirectory(*path, handle_->path())) {
    // The database open now. Opened read-write it stays as it is (a second
    // handle would find the first one's lock and fall back to read-only);
    // opened read-only it is let go and opened again, read-write if the
    // process that held it has finished since.
    if (!read_only_) return ReloadPrefixes(*path);
    handle_.reset();
    if (absl::Status reopened = OpenPath(*path); !reopened.ok()) {
      // Not even read-only any more (it was removed, say): the session
      // needs a database, so it goes on with a temporary one.
      std::cerr << "parley: cannot open " << *path << " again: " << reopened.message()
                << "; opened a temporary database instead\n";
      return OpenPath(std::nullopt);
    }
    return absl::OkStatus();
  }
  return OpenPath(path);
}

absl::Status Session::ReloadPrefixes(const std::string& path) {
  PrefixList prefixes;
  if (absl::Status loaded = prefixes.LoadFrom(path); !loaded.ok()) {
    std::cerr << "parley: " << loaded.message() << " (the saved prefixes are ignored)\n";
    prefixes = PrefixList();
  }
  prefixes_ = std::move(prefixes);
  vocabulary_.reset();
  return absl::OkStatus();
}

absl::Status Session::OpenPath(const std::optional<std::string>& path) {
  absl::StatusOr<std::unique_ptr<DatabaseHandle>> opened;
  bool read_only = false;
  if (!path) {
    opened = DatabaseHandle::OpenScratch();
  } else {
    opened = DatabaseHandle::Open(*path, Options());
    if (!opened.ok() && !absl::IsNotFound(opened.status()) &&
        !absl::IsInvalidArgument(opened.status())) {
      // Locked by another process, or on read-only media: it can still be
      // read. (NotFound and InvalidArgument: no database there at all.)
      Options reader_options;
      reader_options.read_only = true;
      reader_options.create_if_missing = false;
      absl::StatusOr<std::unique_ptr<DatabaseHandle>> reader =
          DatabaseHandle::Open(*path, reader_options);
      if (reader.ok()) {
        std::cerr << "parley: opened " << *path << " read-only: " << opened.status().message()
                  << "\n";
        opened = std::move(reader);
        read_only = true;
      }
    }
  }
  if (!opened.ok()) return opened.status();
  handle_ = *std::move(opened);
  read_only_ = read_only;
  if (!path) {
    prefixes_ = PrefixList();
    vocabulary_.reset();
    return absl::OkStatus();
  }
  return ReloadPrefixes(*path);
}

absl::Status Session::DeclarePrefix(const std::string& name, const std::string& iri) {
  if (absl::Status set = prefixes_.Set(name, iri); !set.ok()) return set;
  vocabulary_.reset();
  if (handle_->is_scratch() || read_only_) {
    std::cerr << "(the database is " << (read_only_ ? "read-only" : "temporary")
              << ": the prefix holds for this session)\n";
    return absl::OkStatus();
  }
  return prefixes_.SaveTo(handle_->path());
}

absl::Status Session::Execute(std::string_view statement) {
  statement = TrimLeft(statement);
  if (statement.empty()) return absl::OkStatus();
  if (statement[0] == '.') return RunDotCommand(*this, statement);
  return RunSparql(statement, QueryOptions::Explain::kNone);
}

bool Session::output_is_terminal() const { return !file_out_ && isatty(STDOUT_FILENO); }

absl::Status Session::RedirectOutput(const std::optional<std::string>& path) {
  if (!path) {
    file_out_.reset();
    return absl::OkStatus();
  }
  std::error_code error;
  if (std::filesystem::is_directory(*path, error)) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", *path, ": a directory"));
  }
  errno = 0;
  auto file = std::make_unique<std::ofstream>(*path, std::ios::trunc | std::ios::binary);
  if (!*file) {
    const int reason = errno;
    return absl::NotFoundError(
        absl::StrCat("cannot write ", *path,
                     reason != 0 ? absl::StrCat(": ", std::strerror(reason)) : std::string()));
  }
  file_out_ = std::move(file);
  return absl::OkStatus();
}

absl::Status Session::RunSparql(std::string_view text, QueryOptions::Explain explain) {
  RunSettings settings;
  settings.query.base_iri = DefaultBaseIri("");
  settings.query.default_graph_is_union = options_.union_default_graph;
  settings.query.cancel = &InterruptFlag();
  settings.query.explain = explain;
  settings.query.prefixes = prefixes_.entries();
  settings.load_directories = options_.load_directories;
  settings.update_progress = PrintUpdateProgress;
  if (timeout_ms) {
    settings.query.deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(*timeout_ms);
  }
  bool table = false;
  settings.pick_format = [this, &table](QueryResult::Kind kind) {
    query::ResultFormat format = FormatFor(mode, kind);
    table = format == query::ResultFormat::kTable;
    return absl::StatusOr<query::ResultFormat>(format);
  };
  const bool terminal = output_is_terminal();
  settings.write.table_style = mode == OutputMode::kBox || (mode == OutputMode::kTable && terminal)
                                   ? query::WriteOptions::TableStyle::kUnicode
                                   : query::WriteOptions::TableStyle::kAscii;
  settings.write.max_width = terminal ? TerminalWidth() : 0;
  settings.write.prefixes = prefixes_.entries();
  settings.write.count_footer = false;
  settings.write.right_align_numbers = true;
  if (mode == OutputMode::kDot) {
    // Nodes the result gives no rdfs:label take the database's.
    settings.write.node_label =
        query::RdfsLabelsIn(std::shared_ptr<const ReadView>(db().Snapshot()));
  }

  // The flag is not cleared here: the line editor clears it before each
  // line, and a Ctrl-C typed since then is meant for this statement.
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<RunOutcome> outcome = RunText(db(), text, settings, out());
  const std::string elapsed = Elapsed(std::chrono::steady_clock::now() - start);
  if (!outcome.ok()) {
    out().flush();
    return outcome.status();
  }
  if (outcome->was_update) vocabulary_.reset();
  if (table && outcome->kind != QueryResult::Kind::kBoolean) {
    out() << Counted(outcome->items,
                     outcome->kind == QueryResult::Kind::kTriples ? "triple" : "row");
    if (timer) out() << " in " << elapsed;
    out() << "\n";
  } else if (timer) {
    std::cerr << "time: " << elapsed << "\n";
  }
  out().flush();
  if (!out()) return absl::UnavailableError("cannot write the output");
  return absl::OkStatus();
}

const std::vector<std::string>& Session::VocabularyWords() {
  if (vocabulary_) return *vocabulary_;
  vocabulary_.emplace();
  std::unique_ptr<ReadView> view = db().Snapshot();
  if (auto stats = view->GetStatistics(); stats.ok()) {
    for (const PredicateStatistics& p : stats->predicates) {
      if (p.predicate.is_iri()) {
        vocabulary_->push_back(Shortened(std::string(p.predicate.value()), prefixes_.entries()));
      }
    }
  }
  QueryOptions options;
  options.default_graph_is_union = true;
  auto classes = db().Query("SELECT DISTINCT ?c WHERE { ?s a ?c } LIMIT 1000", options);
  if (classes.ok()) {
    std::vector<std::optional<Term>> row;
    while (true) {
      absl::StatusOr<bool> more = (*classes)->NextRow(&row);
      if (!more.ok() || !*more) break;
      if (row[0] && row[0]->is_iri()) {
        vocabulary_->push_back(Shortened(std::string(row[0]->value()), prefixes_.entries()));
      }
    }
  }
  std::sort(vocabulary_->begin(), vocabulary_->end());
  vocabulary_->erase(std::unique(vocabulary_->begin(), vocabulary_->end()), vocabulary_->end());
  return *vocabulary_;
}

}  // namespace parley::tools
