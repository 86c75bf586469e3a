#include "tools/query_runner.h"

#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace parley::tools {
namespace {

// `path` (absolute) as a file:// IRI, percent-encoding what an IRI cannot
// hold; non-ASCII bytes stay as they are (IRIs allow them).
std::string FileIri(const std::filesystem::path& path) {
  std::string iri = "file://";
  for (char c : path.string()) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = byte >= 0x80 || std::isalnum(byte) ||
                       std::string_view("-._~!$&'()*+,;=:@/").find(c) != std::string_view::npos;
    if (plain) {
      iri.push_back(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      iri.push_back('%');
      iri.push_back(kHex[byte >> 4]);
      iri.push_back(kHex[byte & 0xF]);
    }
  }
  return iri;
}

absl::Status Written(std::ostream& out) {
  out.flush();
  return out ? absl::OkStatus() : absl::UnavailableError("cannot write the output");
}

absl::StatusOr<RunOutcome> RunUpdate(Database& db, std::string_view text,
                                     const RunSettings& settings, std::ostream& out) {
  if (settings.query.explain != QueryOptions::Explain::kNone) {
    return absl::InvalidArgumentError(
        absl::StrCat(settings.query.explain == QueryOptions::Explain::kPlan ? "EXPLAIN" : "ANALYZE",
                     " applies to queries, not to update requests"));
  }
  UpdateOptions options;
  options.base_iri = settings.query.base_iri;
  options.deadline = settings.query.deadline;
  options.cancel = settings.query.cancel;
  options.default_graph_is_union = settings.query.default_graph_is_union;
  options.load_directories = settings.load_directories;
  options.prefixes = settings.query.prefixes;
  options.memory_budget_bytes = settings.query.memory_budget_bytes;
  options.progress = settings.update_progress;
  absl::StatusOr<UpdateSummary> summary = db.Update(text, options);
  if (!summary.ok()) return summary.status();
  out << "inserted " << summary->quads_inserted << " quads, deleted " << summary->quads_deleted
      << " quads\n";
  RunOutcome outcome;
  outcome.was_update = true;
  outcome.items = summary->operations;
  outcome.update = *summary;
  if (absl::Status written = Written(out); !written.ok()) return written;
  return outcome;
}

// Pulls (and drops) every result, so that ANALYZE's figures are final.
absl::StatusOr<uint64_t> Drain(QueryResult& result) {
  uint64_t items = 0;
  absl::StatusOr<bool> more = true;
  if (result.kind() == QueryResult::Kind::kSolutions) {
    std::vector<std::optional<Term>> row;
    while (more.ok() && *more && (more = result.NextRow(&row)).ok() && *more) ++items;
  } else if (result.kind() == QueryResult::Kind::kTriples) {
    Term subject, predicate, object;
    while (more.ok() && *more && (more = result.NextTriple(&subject, &predicate, &object)).ok() &&
           *more) {
      ++items;
    }
  } else {
    items = 1;
  }
  if (!more.ok()) return more.status();
  return items;
}

}  // namespace

void PrintUpdateProgress(const UpdateOptions::Progress& progress) {
  using Progress = UpdateOptions::Progress;
  const char* verb = progress.change == Progress::Change::kDelete ? "delete" : "insert";
  std::cerr << "update: ";
  switch (progress.phase) {
    case Progress::Phase::kCollect:
      std::cerr << progress.quads << " quads to " << verb
                << " so far, more than the memory budget lets it hold: going through sorted files "
                   "on disk";
      break;
    case Progress::Phase::kSort:
      std::cerr << "sorting " << progress.quads << " quads to " << verb;
      break;
    case Progress::Phase::kWrite:
      std::cerr << "writing the indexes' files for " << progress.quads << " quads to " << verb;
      break;
    case Progress::Phase::kIngest:
      std::cerr << "applying the " << verb << " of " << progress.quads
                << " quads in one atomic step";
      break;
  }
  std::cerr << "\n";
}

std::string DefaultBaseIri(const std::string& file) {
  std::error_code error;
  std::filesystem::path cwd = std::filesystem::current_path(error);
  if (file.empty() || file == "-") return FileIri(cwd / "");
  return FileIri((cwd / file).lexically_normal());
}

absl::StatusOr<RunOutcome> RunText(Database& db, std::string_view text, const RunSettings& settings,
                                   std::ostream& out) {
  if (LooksLikeUpdate(text)) return RunUpdate(db, text, settings, out);
  absl::StatusOr<std::unique_ptr<QueryResult>> result = db.Query(text, settings.query);
  if (!result.ok()) return result.status();
  RunOutcome outcome;
  outcome.kind = (*result)->kind();
  if (settings.query.explain != QueryOptions::Explain::kNone) {
    if (settings.query.explain == QueryOptions::Explain::kAnalyze) {
      absl::StatusOr<uint64_t> items = Drain(**result);
      if (!items.ok()) return items.status();
      outcome.items = *items;
    }
    out << (*result)->plan();
    if (absl::Status written = Written(out); !written.ok()) return written;
    return outcome;
  }
  absl::StatusOr<query::ResultFormat> format = settings.pick_format(outcome.kind);
  if (!format.ok()) return format.status();
  absl::StatusOr<uint64_t> items = query::WriteResult(**result, *format, settings.write, out);
  if (!items.ok()) return items.status();
  outcome.items = *items;
  return outcome;
}

}  // namespace parley::tools
