// Helpers shared by the io tests: reading strings and files into quads, and
// a temporary directory.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_reader.h"
#include "parley/quad.h"

namespace parley::engine::io::testing {

inline absl::StatusOr<std::vector<Quad>> ReadAll(ByteSource& source, const ReadOptions& options,
                                                 ReadSummary* summary = nullptr) {
  std::vector<Quad> quads;
  auto result = ReadRdf(source, source.name(), options, [&](const QuadView& q) {
    quads.push_back(q.ToQuad());
    return absl::OkStatus();
  });
  if (!result.ok()) return result.status();
  if (summary != nullptr) *summary = *result;
  return quads;
}

inline absl::StatusOr<std::vector<Quad>> ReadString(std::string text, RdfFormat format,
                                                    ReadSummary* summary = nullptr,
                                                    ReadOptions options = {}) {
  options.format = format;
  auto source = ByteSource::FromString(std::move(text), "test");
  return ReadAll(*source, options, summary);
}

// A fresh directory under the system's temporary directory, removed at the
// end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "parley-io-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline Term Iri(std::string s) { return Term::Iri(std::move(s)); }
inline Term Blank(std::string s) { return Term::BlankNode(std::move(s)); }
inline Term Lit(std::string s) { return Term::Literal(std::move(s)); }

}  // namespace parley::engine::io::testing
