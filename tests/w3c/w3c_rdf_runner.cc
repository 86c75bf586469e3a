// Runs one W3C RDF 1.1 syntax suite (N-Triples, N-Quads, Turtle or TriG)
// from its manifest, with Parley's reader for the manifest and the tests.
//
// Usage: parley_w3c_rdf MANIFEST.ttl KNOWN_FAILURES.txt
//
// Walks mf:entries. Positive syntax tests must parse in strict mode,
// negative syntax (and negative eval) tests must be rejected, eval tests must
// give a dataset isomorphic to mf:result, parsed with base mf:assumedTestBase
// + the file's name. Rejected / withdrawn / obsoleted tests are skipped;
// approved ones are counted apart from proposed or unannotated ones.
//
// KNOWN_FAILURES.txt: one test IRI per line, a tab, then the reason; '#'
// starts a comment. Exit status 1 when a test fails that is not listed, or a
// listed test of this suite passes (so the list stays true).
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_format.h"
#include "formats/rdf/rdf_reader.h"
#include "parley/quad.h"
#include "rdf/iri.h"
#include "tests/support/isomorphism.h"

namespace parley::engine::io {
namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kRdft = "http://www.w3.org/ns/rdftest#";

Term Iri(std::string_view ns, std::string_view local) {
  return Term::Iri(std::string(ns) + std::string(local));
}

absl::StatusOr<std::vector<Quad>> ReadFile(const std::string& path, RdfFormat format,
                                           const std::string& base) {
  auto source = ByteSource::Open(path);
  if (!source.ok()) return source.status();
  ReadOptions options;
  options.format = format;
  options.base_iri = base;
  std::vector<Quad> quads;
  auto summary = ReadRdf(**source, path, options, [&](const QuadView& q) {
    quads.push_back(
        Quad{q.subject.ToTerm(), q.predicate.ToTerm(), q.object.ToTerm(), q.graph.ToTerm()});
    return absl::OkStatus();
  });
  if (!summary.ok()) return summary.status();
  return quads;
}

// file:///a%20b -> /a b
std::optional<std::string> PathOfFileIri(std::string_view iri) {
  constexpr std::string_view kPrefix = "file://";
  if (iri.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  iri.remove_prefix(kPrefix.size());
  std::string path;
  for (size_t i = 0; i < iri.size(); ++i) {
    if (iri[i] == '%' && i + 2 < iri.size()) {
      path.push_back(static_cast<char>(std::stoi(std::string(iri.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      path.push_back(iri[i]);
    }
  }
  return path;
}

class Manifest {
 public:
  explicit Manifest(const std::vector<Quad>& quads) {
    for (const Quad& q : quads) properties_[q.subject].emplace(q.predicate, q.object);
  }

  std::optional<Term> One(const Term& subject, const Term& predicate) const {
    auto it = properties_.find(subject);
    if (it == properties_.end()) return std::nullopt;
    auto found = it->second.find(predicate);
    if (found == it->second.end()) return std::nullopt;
    return found->second;
  }

  std::optional<Term> SubjectOfType(const Term& type) const {
    Term rdf_type = Iri(kRdf, "type");
    for (const auto& [subject, props] : properties_) {
      auto range = props.equal_range(rdf_type);
      for (auto it = range.first; it != range.second; ++it) {
        if (it->second == type) return subject;
      }
    }
    return std::nullopt;
  }

  std::vector<Term> List(Term node) const {
    std::vector<Term> items;
    Term nil = Iri(kRdf, "nil");
    while (node != nil) {
      auto first = One(node, Iri(kRdf, "first"));
      auto rest = One(node, Iri(kRdf, "rest"));
      if (!first || !rest) break;
      items.push_back(*first);
      node = *rest;
    }
    return items;
  }

 private:
  std::map<Term, std::multimap<Term, Term>> properties_;
};

struct Counts {
  int passed = 0, failed = 0;
};

int Run(const std::string& manifest_path, const std::string& known_path) {
  std::map<std::string, std::string> known;
  if (std::FILE* f = std::fopen(known_path.c_str(), "r")) {
    char line[4096];
    while (std::fgets(line, sizeof(line), f) != nullptr) {
      std::string_view text(line);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
      if (text.empty() || text[0] == '#') continue;
      size_t tab = text.find('\t');
      known[std::string(text.substr(0, tab))] =
          tab == std::string_view::npos ? "" : std::string(text.substr(tab + 1));
    }
    std::fclose(f);
  } else {
    std::fprintf(stderr, "cannot read %s\n", known_path.c_str());
    return 2;
  }

  auto manifest_quads = ReadFile(manifest_path, RdfFormat::kTurtle, "");
  if (!manifest_quads.ok()) {
    std::fprintf(stderr, "%s\n", manifest_quads.status().ToString().c_str());
    return 2;
  }
  Manifest manifest(*manifest_quads);
  auto root = manifest.SubjectOfType(Iri(kMf, "Manifest"));
  if (!root) {
    std::fprintf(stderr, "%s: no mf:Manifest\n", manifest_path.c_str());
    return 2;
  }
  std::string test_base;
  if (auto base = manifest.One(*root, Iri(kMf, "assumedTestBase"))) test_base = base->value();
  auto entries = manifest.One(*root, Iri(kMf, "entries"));
  std::vector<Term> tests = entries ? manifest.List(*entries) : std::vector<Term>{};

  std::string suite = manifest_path;
  suite.erase(suite.rfind('/'));
  suite.erase(0, suite.rfind('/') + 1);

  Counts approved, other;
  int skipped = 0;
  bool ok = true;
  for (const Term& test : tests) {
    auto type = manifest.One(test, Iri(kRdf, "type"));
    auto action = manifest.One(test, Iri(kMf, "action"));
    auto approval = manifest.One(test, Iri(kRdft, "approval"));
    std::string approval_name =
        approval ? approval->value().substr(approval->value().rfind('#') + 1) : "";
    if (approval_name == "Rejected" || approval_name == "Withdrawn" ||
        approval_name == "Obsoleted") {
      ++skipped;
      continue;
    }
    std::string type_name = type ? type->value().substr(type->value().rfind('#') + 1) : "";
    std::optional<RdfFormat> format;
    if (type_name.rfind("TestNTriples", 0) == 0) format = RdfFormat::kNTriples;
    if (type_name.rfind("TestNQuads", 0) == 0) format = RdfFormat::kNQuads;
    if (type_name.rfind("TestTurtle", 0) == 0) format = RdfFormat::kTurtle;
    if (type_name.rfind("TestTrig", 0) == 0) format = RdfFormat::kTrig;
    std::string failure;
    std::optional<std::string> path = action ? PathOfFileIri(action->value()) : std::nullopt;
    if (!format || !path) {
      failure = "unsupported test type or action: " + type_name;
    } else {
      std::string file_name = path->substr(path->rfind('/') + 1);
      std::string base = test_base.empty() ? "" : test_base + file_name;
      auto parsed = ReadFile(*path, *format, base);
      bool negative = type_name.find("Negative") != std::string::npos;
      if (negative) {
        if (parsed.ok()) failure = "accepted a negative test";
      } else if (!parsed.ok()) {
        failure = "rejected: " + std::string(parsed.status().message());
      } else if (type_name.find("Eval") != std::string::npos) {
        auto result = manifest.One(test, Iri(kMf, "result"));
        std::optional<std::string> result_path =
            result ? PathOfFileIri(result->value()) : std::nullopt;
        std::optional<RdfFormat> result_format =
            result_path ? RdfFormatFromPath(*result_path) : std::nullopt;
        if (!result_format) {
          failure = "no readable mf:result";
        } else {
          std::string result_name = result_path->substr(result_path->rfind('/') + 1);
          auto expected = ReadFile(*result_path, *result_format,
                                   test_base.empty() ? "" : test_base + result_name);
          if (!expected.ok()) {
            failure =
                "cannot read the expected result: " + std::string(expected.status().message());
          } else if (!IsomorphicDatasets(*parsed, *expected)) {
            failure = "not isomorphic to the expected result:\n" +
                      DescribeDatasetDifference(*parsed, *expected);
          }
        }
      }
    }
    Counts& counts = approval_name == "Approved" ? approved : other;
    auto listed = known.find(test.value());
    if (failure.empty()) {
      ++counts.passed;
      if (listed != known.end()) {
        std::printf("UNEXPECTED PASS %s (listed in known_failures.txt: %s)\n", test.value().c_str(),
                    listed->second.c_str());
        ok = false;
      }
    } else {
      ++counts.failed;
      std::printf("%s %s: %s\n", listed != known.end() ? "KNOWN FAILURE" : "FAIL",
                  test.value().c_str(), failure.c_str());
      if (listed == known.end()) ok = false;
    }
  }
  std::printf("w3c %s: %d passed, %d failed (approved); %d passed, %d failed (other)%s\n",
              suite.c_str(), approved.passed, approved.failed, other.passed, other.failed,
              skipped > 0 ? (", " + std::to_string(skipped) + " skipped").c_str() : "");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace parley::engine::io

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MANIFEST.ttl KNOWN_FAILURES.txt\n", argv[0]);
    return 2;
  }
  return parley::engine::io::Run(argv[1], argv[2]);
}
