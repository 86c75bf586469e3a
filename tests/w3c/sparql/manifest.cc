#include "tests/w3c/sparql/manifest.h"

#include <map>
#include <optional>
#include <string>

#include "formats/rdf/str_cat.h"
#include "parley/quad.h"
#include "tests/support/sparql/sparql_result_readers.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;
namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kQt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
constexpr std::string_view kDawgt = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";

Term Iri(std::string_view ns, std::string_view local) { return Term::Iri(Cat(ns, local)); }

std::string LocalName(std::string_view iri) {
  size_t cut = iri.find_last_of("#/");
  return std::string(cut == std::string_view::npos ? iri : iri.substr(cut + 1));
}

// The manifest's triples by subject and predicate.
class Graph {
 public:
  explicit Graph(const std::vector<Quad>& quads) {
    for (const Quad& q : quads) properties_[q.subject].emplace(q.predicate, q.object);
  }

  std::vector<Term> All(const Term& subject, const Term& predicate) const {
    std::vector<Term> values;
    auto it = properties_.find(subject);
    if (it == properties_.end()) return values;
    auto range = it->second.equal_range(predicate);
    for (auto v = range.first; v != range.second; ++v) values.push_back(v->second);
    return values;
  }

  std::optional<Term> One(const Term& subject, const Term& predicate) const {
    std::vector<Term> values = All(subject, predicate);
    if (values.empty()) return std::nullopt;
    return values.front();
  }

  std::vector<Term> List(Term node) const {
    std::vector<Term> items;
    while (node != Iri(kRdf, "nil")) {
      std::optional<Term> first = One(node, Iri(kRdf, "first"));
      std::optional<Term> rest = One(node, Iri(kRdf, "rest"));
      if (!first || !rest) break;
      items.push_back(*first);
      node = *rest;
    }
    return items;
  }

  std::optional<Term> SubjectOfType(const Term& type) const {
    for (const auto& [subject, props] : properties_) {
      auto range = props.equal_range(Iri(kRdf, "type"));
      for (auto it = range.first; it != range.second; ++it) {
        if (it->second == type) return subject;
      }
    }
    return std::nullopt;
  }

 private:
  std::map<Term, std::multimap<Term, Term>> properties_;
};

}  // namespace

std::string PathOfFileIri(std::string_view iri) {
  constexpr std::string_view kPrefix = "file://";
  if (iri.substr(0, kPrefix.size()) != kPrefix) return "";
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

absl::StatusOr<SparqlManifest> ReadSparqlManifest(const std::string& path) {
  absl::StatusOr<std::vector<Quad>> quads = ReadRdfFile(path);
  if (!quads.ok()) return quads.status();
  Graph graph(*quads);
  std::optional<Term> root = graph.SubjectOfType(Iri(kMf, "Manifest"));
  if (!root) return absl::InvalidArgumentError(Cat(path, ": no mf:Manifest"));
  SparqlManifest manifest;
  std::optional<Term> entries = graph.One(*root, Iri(kMf, "entries"));
  for (const Term& entry : entries ? graph.List(*entries) : std::vector<Term>{}) {
    std::optional<Term> type = graph.One(entry, Iri(kRdf, "type"));
    std::string type_name = type ? LocalName(type->value()) : "";
    if (type_name != "QueryEvaluationTest" && type_name != "CSVResultFormatTest") {
      ++manifest.other_entries;
      continue;
    }
    QueryEvalTest test;
    test.iri = entry.value();
    test.csv_format_test = type_name == "CSVResultFormatTest";
    std::optional<Term> name = graph.One(entry, Iri(kMf, "name"));
    test.name = name ? name->value() : LocalName(entry.value());
    if (std::optional<Term> approval = graph.One(entry, Iri(kDawgt, "approval"))) {
      test.approval = LocalName(approval->value());
    }
    if (std::optional<Term> action = graph.One(entry, Iri(kMf, "action"))) {
      if (std::optional<Term> query = graph.One(*action, Iri(kQt, "query"))) {
        test.query_file = PathOfFileIri(query->value());
      }
      for (const Term& data : graph.All(*action, Iri(kQt, "data"))) {
        test.data_files.push_back(PathOfFileIri(data.value()));
      }
      for (const Term& data : graph.All(*action, Iri(kQt, "graphData"))) {
        test.graph_data.emplace_back(PathOfFileIri(data.value()), data.value());
      }
    }
    if (std::optional<Term> result = graph.One(entry, Iri(kMf, "result"))) {
      test.result_file = PathOfFileIri(result->value());
    }
    for (const Term& feature : graph.All(entry, Iri(kMf, "requires"))) {
      test.requires_features.push_back(LocalName(feature.value()));
    }
    std::optional<Term> cardinality = graph.One(entry, Iri(kMf, "resultCardinality"));
    test.lax_cardinality = cardinality && LocalName(cardinality->value()) == "LaxCardinality";
    manifest.tests.push_back(std::move(test));
  }
  return manifest;
}

// --- SPARQL 1.1 Update evaluation tests (mf:UpdateEvaluationTest) ---------
namespace {

constexpr std::string_view kUt = "http://www.w3.org/2009/sparql/tests/test-update#";
constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";

// ut:data and ut:graphData of `node` (an mf:action or mf:result).
UpdateDataset ReadUpdateDataset(const Graph& graph, const Term& node) {
  UpdateDataset dataset;
  for (const Term& data : graph.All(node, Iri(kUt, "data"))) {
    dataset.default_graph_files.push_back(PathOfFileIri(data.value()));
  }
  for (const Term& entry : graph.All(node, Iri(kUt, "graphData"))) {
    // Usually [ ut:graph <file> ; rdfs:label "iri" ]; a bare <file> names
    // the graph by its own IRI.
    std::optional<Term> file = graph.One(entry, Iri(kUt, "graph"));
    if (!file && entry.kind() == Term::Kind::kIri) file = entry;
    if (!file) continue;
    std::optional<Term> label = graph.One(entry, Iri(kRdfs, "label"));
    dataset.named_graphs.push_back(
        {PathOfFileIri(file->value()), label ? label->value() : file->value()});
  }
  return dataset;
}

}  // namespace

absl::StatusOr<UpdateManifest> ReadUpdateManifest(const std::string& path) {
  absl::StatusOr<std::vector<Quad>> quads = ReadRdfFile(path);
  if (!quads.ok()) return quads.status();
  Graph graph(*quads);
  std::optional<Term> root = graph.SubjectOfType(Iri(kMf, "Manifest"));
  if (!root) return absl::InvalidArgumentError(Cat(path, ": no mf:Manifest"));
  UpdateManifest manifest;
  std::optional<Term> entries = graph.One(*root, Iri(kMf, "entries"));
  for (const Term& entry : entries ? graph.List(*entries) : std::vector<Term>{}) {
    std::optional<Term> type = graph.One(entry, Iri(kRdf, "type"));
    if (!type || LocalName(type->value()) != "UpdateEvaluationTest") {
      ++manifest.other_entries;
      continue;
    }
    UpdateEvalTest test;
    test.iri = entry.value();
    std::optional<Term> name = graph.One(entry, Iri(kMf, "name"));
    test.name = name ? name->value() : LocalName(entry.value());
    if (std::optional<Term> approval = graph.One(entry, Iri(kDawgt, "approval"))) {
      test.approval = LocalName(approval->value());
    }
    if (std::optional<Term> action = graph.One(entry, Iri(kMf, "action"))) {
      if (std::optional<Term> request = graph.One(*action, Iri(kUt, "request"))) {
        test.request_file = PathOfFileIri(request->value());
      }
      test.before = ReadUpdateDataset(graph, *action);
    }
    if (std::optional<Term> result = graph.One(entry, Iri(kMf, "result"))) {
      test.has_result = true;
      test.after = ReadUpdateDataset(graph, *result);
      std::optional<Term> outcome = graph.One(*result, Iri(kUt, "result"));
      test.expect_failure = outcome && LocalName(outcome->value()) == "failure";
    }
    for (const Term& feature : graph.All(entry, Iri(kMf, "requires"))) {
      test.requires_features.push_back(LocalName(feature.value()));
    }
    manifest.tests.push_back(std::move(test));
  }
  return manifest;
}

// --- end of SPARQL 1.1 Update evaluation tests ------------------------------

}  // namespace parley::sparql_test
