// libFuzzer target: ParseQuery then Execute (SPARQL 1.1 text -> algebra ->
// results) over a small fixed dataset held in a MemoryStorageReader. Any
// input must end in results read to the end or a status, never a crash, a
// sanitizer report, a leak or a hang.
//
// The whole input is the query text, parsed against a fixed base IRI (so
// that relative IRIs, common in the W3C seeds, get past the parser); the
// input's length picks the default graph (even: the stored default graph,
// odd: the union of every graph). Every run is bounded by a deadline and a
// memory budget (executor.h), so that property paths, cross products and
// huge GROUP_CONCATs end in DeadlineExceeded or ResourceExhausted, not in a
// hang or an out-of-memory kill; the test's -timeout is only the backstop.
//
// Contracts checked (the checks trap otherwise):
// - no exception escapes ParseQuery, Execute or the result's readers;
// - a parse failure is InvalidArgument (parser.h);
// - an evaluation failure, from Execute or from a NextRow / NextTriple, is
//   one of the codes a query may legitimately end in: DeadlineExceeded,
//   ResourceExhausted, InvalidArgument (InternalError, NotFound, DataLoss
//   and the others mean a bug: an unknown term id, a corrupt plan);
// - a failed NextRow / NextTriple stays failed on the next call;
// - every row has one cell per projected variable;
// - every term a result returns is a valid RDF 1.1 term (Term::Validate()),
//   computed ones included: IRI(), STRLANG() and BNODE() are specified to
//   produce valid terms or an error, and a result that prints as invalid
//   N-Triples is a bug (this target once found the parser keeping IRIs with
//   U+007F..U+009F from the query text: tests/fuzz/crashes/sparql_eval/).
//   The default graph marker never appears;
// - a constructed triple has an IRI or blank node subject and an IRI
//   predicate (CONSTRUCT templates that would break this are skipped by the
//   spec, §16.2).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/access/memory_storage_reader.h"
#include "parley/quad.h"
#include "parley/query.h"
#include "parley/term.h"
#include "query/exec/executor.h"
#include "query/parser/parser.h"

namespace {

using parley::Quad;
using parley::QueryResult;
using parley::Term;

constexpr std::string_view kBase = "http://example.org/base/";
constexpr auto kDeadline = std::chrono::milliseconds(200);
constexpr uint64_t kMemoryBudget = uint64_t{64} << 20;
// Rows or triples read from one result at most: the deadline bounds the
// time, this bounds the work a cheap infinite-looking result does before it.
constexpr uint64_t kMaxItems = 100000;

std::string Xsd(std::string_view local) { return std::string(parley::kXsd) + std::string(local); }

// The dataset: ~50 quads in the default graph and two named graphs, with the
// namespaces the W3C query suites use most (":" is http://example/ or
// http://example.org/ns# there), so that mutated seeds often match data.
std::vector<Quad> Dataset() {
  const Term g0;  // the default graph
  const Term g1 = Term::Iri("http://example.org/g1");
  const Term g2 = Term::Iri("http://example/g2");
  auto ex = [](std::string_view local) {
    return Term::Iri("http://example/" + std::string(local));
  };
  auto ns = [](std::string_view local) {
    return Term::Iri("http://example.org/ns#" + std::string(local));
  };
  auto typed = [](std::string lexical, std::string_view type) {
    return Term::TypedLiteral(std::move(lexical), Xsd(type));
  };
  const Term type = Term::Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  const Term name = Term::Iri("http://xmlns.com/foaf/0.1/name");
  const Term knows = Term::Iri("http://xmlns.com/foaf/0.1/knows");
  const Term person = Term::Iri("http://xmlns.com/foaf/0.1/Person");
  const Term b1 = Term::BlankNode("b1");
  const Term b2 = Term::BlankNode("b2");
  return {
      // People, a knows-cycle (for paths), blank nodes.
      {ex("a"), type, person, g0},
      {ex("b"), type, person, g0},
      {b1, type, person, g0},
      {ex("a"), name, Term::Literal("Alice"), g0},
      {ex("b"), name, Term::LangLiteral("Bob", "en"), g0},
      {ex("b"), name, Term::LangLiteral("Robert", "fr-BE"), g0},
      {b1, name, Term::Literal("Carol"), g0},
      {ex("a"), knows, ex("b"), g0},
      {ex("b"), knows, b1, g0},
      {b1, knows, ex("a"), g0},
      {b1, knows, b2, g0},
      {ex("a"), ex("p"), ex("a"), g0},
      {ex("a"), ex("q"), b2, g0},
      // Numbers of every kind, equal values with different lexical forms.
      {ex("a"), ex("n"), typed("1", "integer"), g0},
      {ex("b"), ex("n"), typed("2.5", "decimal"), g0},
      {b1, ex("n"), typed("-3.0e1", "double"), g0},
      {b2, ex("n"), typed("01", "integer"), g0},
      {ex("c"), ex("n"), typed("NaN", "double"), g0},
      {ex("c"), ex("n"), typed("INF", "float"), g0},
      {ex("c"), ex("n"), typed("9223372036854775807", "integer"), g0},
      {ex("c"), ex("n"), typed("-9223372036854775808", "long"), g0},
      {ex("c"), ex("n"), typed("255", "unsignedByte"), g0},
      {ex("c"), ex("n"), typed("abc", "integer"), g0},  // ill-typed
      {ex("c"), ex("n"), typed("12345678901234567890123456789.5", "decimal"), g0},
      {ex("c"), ex("b"), typed("true", "boolean"), g0},
      {ex("c"), ex("b"), typed("0", "boolean"), g0},
      // Dates, times, durations.
      {ex("d"), ex("t"), typed("2019-02-15T10:30:00Z", "dateTime"), g0},
      {ex("d"), ex("t"), typed("2019-02-15T10:30:00.5-05:00", "dateTime"), g0},
      {ex("d"), ex("t"), typed("2019-02-15T10:30:00", "dateTime"), g0},
      {ex("d"), ex("t"), typed("2019-02-15", "date"), g0},
      {ex("d"), ex("t"), typed("-0044-03-15", "date"), g0},
      {ex("d"), ex("t"), typed("23:59:60Z", "time"), g0},
      {ex("d"), ex("t"), typed("P1Y2M3DT4H5M6.5S", "duration"), g0},
      {ex("d"), ex("t"), typed("-PT36H", "dayTimeDuration"), g0},
      // Strings: empty, non-ASCII, escapes, other datatypes.
      {ex("s"), ex("v"), Term::Literal(""), g0},
      {ex("s"), ex("v"), Term::Literal("caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\"\n\\"), g0},
      {ex("s"), ex("v"), Term::LangLiteral("chat", "fr"), g0},
      {ex("s"), ex("v"), Term::TypedLiteral("x", "http://example/dt"), g0},
      {ex("s"), ex("v"), Term::Literal("http://example/a"), g0},
      {ex("s"), ex("v"), Term::Literal("a.*b+"), g0},
      // Named graph 1: the W3C "ns#" vocabulary.
      {ns("x"), ns("p"), typed("1", "integer"), g1},
      {ns("x"), ns("p"), Term::Literal("one"), g1},
      {ns("y"), ns("p"), typed("2", "integer"), g1},
      {ns("y"), ns("q"), ns("x"), g1},
      {ns("x"), ns("q"), ns("y"), g1},
      {b2, ns("p"), Term::LangLiteral("two", "en-US"), g1},
      {ex("a"), name, Term::Literal("Alice"), g1},
      // Named graph 2: graph names as subjects, a shared blank node.
      {g1, ex("source"), Term::Literal("news"), g2},
      {g2, ex("source"), Term::Literal("wire"), g2},
      {ex("a"), knows, ex("c"), g2},
      {b1, ex("p"), typed("3", "int"), g2},
      {ex("c"), ex("p"), typed("2019-02-15Z", "date"), g2},
  };
}

const std::shared_ptr<const parley::engine::StorageReader>& Reader() {
  static const auto* const kReader = new std::shared_ptr<const parley::engine::StorageReader>(
      std::make_shared<parley::engine::MemoryStorageReader>(Dataset()));
  return *kReader;
}

// Reports what broke a contract, then traps (libFuzzer saves the input).
[[noreturn]] void Fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "sparql_eval_fuzz: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  __builtin_trap();
}

void CheckTerm(const Term& term) {
  if (term.is_default_graph()) Fail("result term", "the default graph marker");
  if (absl::Status status = term.Validate(); !status.ok()) {
    Fail("invalid result term", status.ToString());
  }
}

// A status a query may end in: a budget ran out or the query asked for
// something no evaluation can give.
void CheckFailure(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kInvalidArgument:
      return;
    default:
      Fail("unexpected status", status.ToString());
  }
}

void ReadRows(QueryResult& result) {
  std::vector<std::optional<Term>> row;
  for (uint64_t i = 0; i < kMaxItems; ++i) {
    absl::StatusOr<bool> more = result.NextRow(&row);
    if (!more.ok()) {
      CheckFailure(more.status());
      if (result.NextRow(&row).ok()) Fail("NextRow", "succeeded after a failure");
      return;
    }
    if (!*more) return;
    if (row.size() != result.variables().size()) Fail("NextRow", "row of the wrong width");
    for (const std::optional<Term>& cell : row) {
      if (cell.has_value()) CheckTerm(*cell);
    }
  }
}

void ReadTriples(QueryResult& result) {
  Term subject, predicate, object;
  for (uint64_t i = 0; i < kMaxItems; ++i) {
    absl::StatusOr<bool> more = result.NextTriple(&subject, &predicate, &object);
    if (!more.ok()) {
      CheckFailure(more.status());
      if (result.NextTriple(&subject, &predicate, &object).ok()) {
        Fail("NextTriple", "succeeded after a failure");
      }
      return;
    }
    if (!*more) return;
    CheckTerm(subject);
    CheckTerm(predicate);
    CheckTerm(object);
    if (subject.is_literal() || !predicate.is_iri()) {
      Fail("constructed triple", subject.ToNTriples() + " " + predicate.ToNTriples());
    }
  }
}

void Run(std::string_view text, bool union_default_graph) {
  parley::query::ParseOptions parse_options;
  parse_options.base_iri = std::string(kBase);
  absl::StatusOr<parley::query::Query> query = parley::query::ParseQuery(text, parse_options);
  if (!query.ok()) {
    if (query.status().code() != absl::StatusCode::kInvalidArgument) {
      Fail("parse status", query.status().ToString());
    }
    return;
  }
  parley::QueryOptions options;
  options.base_iri = std::string(kBase);
  options.deadline = std::chrono::steady_clock::now() + kDeadline;
  options.memory_budget_bytes = kMemoryBudget;
  options.default_graph_is_union = union_default_graph;
  absl::StatusOr<std::unique_ptr<QueryResult>> result = parley::query::Execute(
      std::make_shared<const parley::query::Query>(*std::move(query)), Reader(), options);
  if (!result.ok()) {
    CheckFailure(result.status());
    return;
  }
  switch ((*result)->kind()) {
    case QueryResult::Kind::kBoolean:
      (void)(*result)->boolean();
      break;
    case QueryResult::Kind::kSolutions:
      ReadRows(**result);
      break;
    case QueryResult::Kind::kTriples:
      ReadTriples(**result);
      break;
  }
}

}  // namespace

// The dataset must be valid (MemoryStorageReader requires it).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  for (const Quad& quad : Dataset()) {
    for (const Term* term : {&quad.subject, &quad.predicate, &quad.object}) CheckTerm(*term);
    if (!quad.graph.is_default_graph()) CheckTerm(quad.graph);
  }
  (void)Reader();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    Run(std::string_view(reinterpret_cast<const char*>(data), size), size % 2 == 1);
  } catch (...) {
    __builtin_trap();
  }
  return 0;
}
