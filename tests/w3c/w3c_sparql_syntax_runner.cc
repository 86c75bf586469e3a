// Runs the W3C SPARQL syntax suites (SPARQL 1.0 syntax-sparql1..5, SPARQL
// 1.1 syntax-query) against ParseQuery, and the update suites' syntax
// tests against ParseUpdate.
//
// Usage: parley_w3c_sparql_syntax KNOWN_FAILURES.txt MANIFEST.ttl...
//
// A manifest either lists tests (mf:entries) or includes other manifests
// (mf:include); each manifest with entries is one suite and prints
//   w3c <suite>: N passed, N failed (approved); N passed, N failed (other)
// Positive syntax tests (mf:PositiveSyntaxTest, mf:PositiveSyntaxTest11,
// mf:PositiveUpdateSyntaxTest11) must parse, negative ones must be
// rejected; the query's base IRI is the action's file IRI. An action ending
// in .ru, or an *UpdateSyntaxTest* type, is an update request (ParseUpdate).
// The request (ut:request) of an mf:UpdateEvaluationTest must parse too:
// it counts as a positive update syntax test (its evaluation is another
// runner's). Other test types are skipped (counted).
//
// KNOWN_FAILURES.txt: one test IRI per line, a tab, then the reason; '#'
// starts a comment. Exit status 1 when an approved test fails that is not
// listed, or a listed test passes (so the list stays true). Failures of
// tests not approved (dawgt:Proposed, unclassified) are printed as notes.
// With PARLEY_W3C_VERBOSE in the environment, the error each negative test
// was rejected with is printed too.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_format.h"
#include "formats/rdf/rdf_reader.h"
#include "parley/quad.h"
#include "query/parser/parser.h"

namespace parley {
namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kDawgt = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";
constexpr std::string_view kUt = "http://www.w3.org/2009/sparql/tests/test-update#";

Term Iri(std::string_view ns, std::string_view local) {
  return Term::Iri(std::string(ns) + std::string(local));
}

std::string LocalName(const std::optional<Term>& term) {
  if (!term) return "";
  return term->value().substr(term->value().find_last_of("#/") + 1);
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

// The triples of a Turtle manifest, by subject and predicate.
class Manifest {
 public:
  static absl::StatusOr<Manifest> Read(const std::string& path) {
    auto source = engine::io::ByteSource::Open(path);
    if (!source.ok()) return source.status();
    engine::io::ReadOptions options;
    options.format = engine::io::RdfFormat::kTurtle;
    Manifest manifest;
    auto summary = engine::io::ReadRdf(**source, path, options, [&](const auto& q) {
      manifest.properties_[q.subject.ToTerm()].emplace(q.predicate.ToTerm(), q.object.ToTerm());
      return absl::OkStatus();
    });
    if (!summary.ok()) return summary.status();
    return manifest;
  }

  std::optional<Term> One(const Term& subject, const Term& predicate) const {
    auto it = properties_.find(subject);
    if (it == properties_.end()) return std::nullopt;
    auto found = it->second.find(predicate);
    if (found == it->second.end()) return std::nullopt;
    return found->second;
  }

  std::optional<Term> SubjectOfType(const Term& type) const {
    for (const auto& [subject, properties] : properties_) {
      auto range = properties.equal_range(Iri(kRdf, "type"));
      for (auto it = range.first; it != range.second; ++it) {
        if (it->second == type) return subject;
      }
    }
    return std::nullopt;
  }

  std::vector<Term> List(std::optional<Term> node) const {
    std::vector<Term> items;
    while (node && *node != Iri(kRdf, "nil")) {
      auto first = One(*node, Iri(kRdf, "first"));
      if (!first) break;
      items.push_back(*first);
      node = One(*node, Iri(kRdf, "rest"));
    }
    return items;
  }

 private:
  std::map<Term, std::multimap<Term, Term>> properties_;
};

class Runner {
 public:
  explicit Runner(std::map<std::string, std::string> known) : known_(std::move(known)) {}

  // Runs the manifest at `path` (and those it includes). False on a read
  // error of the manifest itself.
  bool RunManifest(const std::string& path) {
    auto manifest = Manifest::Read(path);
    if (!manifest.ok()) {
      std::printf("cannot read %s: %s\n", path.c_str(), manifest.status().ToString().c_str());
      ok_ = false;
      return false;
    }
    auto root = manifest->SubjectOfType(Iri(kMf, "Manifest"));
    if (!root) {
      std::printf("%s: no mf:Manifest\n", path.c_str());
      ok_ = false;
      return false;
    }
    for (const Term& included : manifest->List(manifest->One(*root, Iri(kMf, "include")))) {
      if (auto included_path = PathOfFileIri(included.value())) RunManifest(*included_path);
    }
    std::vector<Term> tests = manifest->List(manifest->One(*root, Iri(kMf, "entries")));
    if (!tests.empty()) RunSuite(*manifest, path, tests);
    return true;
  }

  bool ok() const { return ok_; }

 private:
  struct Counts {
    int passed = 0;
    int failed = 0;
  };

  void RunSuite(const Manifest& manifest, const std::string& path, const std::vector<Term>& tests) {
    std::string suite = path.substr(0, path.rfind('/'));
    suite = suite.substr(suite.rfind('/') + 1);
    Counts approved, other;
    int skipped = 0;
    for (const Term& test : tests) {
      std::string type = LocalName(manifest.One(test, Iri(kRdf, "type")));
      std::string approval = LocalName(manifest.One(test, Iri(kDawgt, "approval")));
      bool positive = type.rfind("PositiveSyntaxTest", 0) == 0 ||
                      type.rfind("PositiveUpdateSyntaxTest", 0) == 0;
      bool negative = type.rfind("NegativeSyntaxTest", 0) == 0 ||
                      type.rfind("NegativeUpdateSyntaxTest", 0) == 0;
      auto action = manifest.One(test, Iri(kMf, "action"));
      if (type == "UpdateEvaluationTest" && action) {
        positive = true;
        action = manifest.One(*action, Iri(kUt, "request"));
      }
      std::optional<std::string> query_path =
          action ? PathOfFileIri(action->value()) : std::nullopt;
      if ((!positive && !negative) || approval == "Withdrawn" || approval == "Rejected" ||
          approval == "Obsoleted") {
        ++skipped;
        continue;
      }
      std::string failure;
      std::ifstream in(query_path.value_or(""), std::ios::binary);
      if (!query_path || !in) {
        failure = "cannot read the action";
      } else {
        std::stringstream text;
        text << in.rdbuf();
        query::ParseOptions options;
        options.base_iri = action->value();
        bool update =
            type.find("Update") != std::string::npos ||
            (query_path->size() >= 3 && query_path->compare(query_path->size() - 3, 3, ".ru") == 0);
        absl::Status parsed = update ? query::ParseUpdate(text.str(), options).status()
                                     : query::ParseQuery(text.str(), options).status();
        if (positive && !parsed.ok()) {
          failure = "rejected: " + std::string(parsed.message());
        } else if (negative && parsed.ok()) {
          failure = "accepted a negative syntax test";
        } else if (negative && verbose_) {
          std::printf("rejected %s as expected: %s\n", test.value().c_str(),
                      std::string(parsed.message()).c_str());
        }
      }
      bool is_approved = approval == "Approved";
      Counts& counts = is_approved ? approved : other;
      auto listed = known_.find(test.value());
      if (failure.empty()) {
        ++counts.passed;
        if (listed != known_.end()) {
          std::printf("UNEXPECTED PASS %s (listed: %s)\n", test.value().c_str(),
                      listed->second.c_str());
          ok_ = false;
        }
        continue;
      }
      ++counts.failed;
      const char* label = listed != known_.end() ? "KNOWN FAILURE"
                          : is_approved          ? "FAIL"
                                                 : "NOTE (not approved) FAIL";
      std::printf("%s %s: %s\n", label, test.value().c_str(), failure.c_str());
      if (listed == known_.end() && is_approved) ok_ = false;
    }
    std::printf(
        "w3c %s: %d passed, %d failed (approved); %d passed, %d failed (other); "
        "%d skipped\n",
        suite.c_str(), approved.passed, approved.failed, other.passed, other.failed, skipped);
  }

  std::map<std::string, std::string> known_;
  bool ok_ = true;
  // PARLEY_W3C_VERBOSE set: also print why each negative test was rejected.
  bool verbose_ = std::getenv("PARLEY_W3C_VERBOSE") != nullptr;
};

std::optional<std::map<std::string, std::string>> ReadKnownFailures(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::map<std::string, std::string> known;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    known[line.substr(0, tab)] = tab == std::string::npos ? "" : line.substr(tab + 1);
  }
  return known;
}

}  // namespace
}  // namespace parley

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s KNOWN_FAILURES.txt MANIFEST.ttl...\n", argv[0]);
    return 2;
  }
  auto known = parley::ReadKnownFailures(argv[1]);
  if (!known) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  parley::Runner runner(std::move(*known));
  for (int i = 2; i < argc; ++i) runner.RunManifest(argv[i]);
  return runner.ok() ? 0 : 1;
}
