// LOAD <file:...> [INTO GRAPH g] (SPARQL 1.1 Update §3.1.4): reads a local
// RDF file from the directories the embedder allows. Nothing is fetched
// from a network.
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/status_macros.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_reader.h"
#include "query/update/update_context.h"

namespace parley::query {
namespace {

namespace fs = std::filesystem;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = absl::ascii_tolower(static_cast<unsigned char>(c));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The local path of a file: IRI ("file:///a/b", "file://localhost/a/b",
// "file:/a/b"), percent-decoded; InvalidArgument for any other IRI.
absl::StatusOr<std::string> PathOfFileIri(const std::string& iri) {
  if (!absl::StartsWithIgnoreCase(iri, "file:")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "LOAD reads local files only (a file: IRI), not <", iri, ">: nothing is fetched"));
  }
  std::string_view rest = std::string_view(iri).substr(5);
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    const size_t slash = rest.find('/');
    const std::string host(rest.substr(0, slash));
    if (!host.empty() && !absl::EqualsIgnoreCase(host, "localhost")) {
      return absl::InvalidArgumentError(
          absl::StrCat("LOAD reads local files only, not <", iri, "> on host ", host));
    }
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  if (!rest.starts_with("/") || rest.find_first_of("?#") != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("<", iri, "> is not a file path"));
  }
  std::string path;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && HexValue(rest[i + 1]) >= 0 &&
        HexValue(rest[i + 2]) >= 0) {
      path.push_back(static_cast<char>(HexValue(rest[i + 1]) * 16 + HexValue(rest[i + 2])));
      i += 2;
    } else {
      path.push_back(rest[i]);
    }
  }
  if (path.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("<", iri, "> names no file"));
  }
  return path;
}

// `path` with every symbolic link and ".." resolved, when it lies in one of
// the allowed directories (also resolved); PermissionDenied otherwise.
absl::StatusOr<std::string> AllowedFile(const std::string& path,
                                        const std::vector<std::string>& directories) {
  std::error_code error;
  const fs::path file = fs::canonical(path, error);
  if (error) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path, ": ", error.message()));
  }
  for (const std::string& directory : directories) {
    const fs::path root = fs::canonical(directory, error);
    if (error) continue;
    auto [root_end, file_at] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (root_end == root.end()) return file.string();
  }
  if (directories.empty()) {
    return absl::PermissionDeniedError(
        absl::StrCat("LOAD of ", path, " refused: no directory is allowed for LOAD"));
  }
  return absl::PermissionDeniedError(
      absl::StrCat("LOAD of ", path, " refused: it lies outside the directories allowed for LOAD (",
                   absl::StrJoin(directories, ", "), ")"));
}

absl::Status Load(const UpdateOperation& operation, UpdateContext& context, uint64_t scope) {
  PARLEY_ASSIGN_OR_RETURN(std::string path, PathOfFileIri(operation.source_iri));
  PARLEY_ASSIGN_OR_RETURN(std::string file, AllowedFile(path, context.options().load_directories));
  std::optional<engine::io::RdfFormat> format = engine::io::RdfFormatFromPath(file);
  if (!format.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot tell the RDF format of ", file,
                                                   " from its name (.nt, .nq, .ttl, .trig)"));
  }
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::io::ByteSource> source,
                          engine::io::ByteSource::Open(file));
  engine::io::ReadOptions read_options;
  read_options.format = *format;
  read_options.base_iri = operation.source_iri;
  read_options.graph = operation.into;
  // Everything is read before anything is buffered: a failed LOAD SILENT
  // leaves no partial trace.
  std::vector<Quad> quads;
  auto fresh = [&](Term term) {
    return term.is_blank_node() ? context.FreshBlankNode(term.value(), scope) : term;
  };
  PARLEY_RETURN_IF_ERROR(
      engine::io::ReadRdf(*source, file, read_options, [&](const engine::QuadView& view) {
        Quad quad = view.ToQuad();
        quads.push_back(Quad{fresh(std::move(quad.subject)), std::move(quad.predicate),
                             fresh(std::move(quad.object)), fresh(std::move(quad.graph))});
        return absl::OkStatus();
      }).status());
  for (const Quad& quad : quads) PARLEY_RETURN_IF_ERROR(context.transaction().Insert(quad));
  if (operation.into.has_value()) {
    PARLEY_RETURN_IF_ERROR(context.transaction().CreateGraph(*operation.into));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ExecuteLoad(const UpdateOperation& operation, UpdateContext& context) {
  absl::Status status = Load(operation, context, context.NewBlankScope());
  context.Changed();
  // SILENT: a LOAD that fails for its file (refused, missing, malformed)
  // changes nothing and is no error; time, cancellation and damage are.
  if (operation.silent && !absl::IsDeadlineExceeded(status) && !absl::IsCancelled(status) &&
      !absl::IsDataLoss(status)) {
    return absl::OkStatus();
  }
  return status;
}

}  // namespace parley::query
