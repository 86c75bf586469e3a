// CONSTRUCT and DESCRIBE results as N-Triples (one triple a line) or as
// Turtle. Turtle is written as the triples come, so only consecutive
// triples share a subject (";") or a subject and predicate (","):
//
//   @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
//
//   <http://ex.org/a> a <http://ex.org/Person> ;
//       <http://ex.org/born> "1970-01-01"^^xsd:date , "1970"^^xsd:gYear .
//
// The only prefix is xsd:, for datatypes; IRIs are written in full.
#include <string>

#include "query/results/term_text.h"
#include "query/results/writers.h"
#include "rdf/vocabulary.h"

namespace parley::query {
namespace {

void AppendTurtlePredicate(const Term& predicate, std::string* out) {
  if (predicate.is_iri() && predicate.value() == rdf::kRdfType) {
    out->push_back('a');
    return;
  }
  AppendTurtleTerm(predicate, /*xsd_prefix=*/true, out);
}

}  // namespace

absl::Status WriteNTriples(QueryResult& result, std::ostream& out) {
  return ForEachTriple(
      result, out,
      [](const Term& subject, const Term& predicate, const Term& object, std::string* text) {
        AppendNTriplesTerm(subject, text);
        text->push_back(' ');
        AppendNTriplesTerm(predicate, text);
        text->push_back(' ');
        AppendNTriplesTerm(object, text);
        text->append(" .\n");
      });
}

absl::Status WriteTurtle(QueryResult& result, std::ostream& out) {
  if (absl::Status s = Emit(out, "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n");
      !s.ok()) {
    return s;
  }
  bool open_statement = false;
  Term last_subject, last_predicate;
  absl::Status triples = ForEachTriple(
      result, out,
      [&](const Term& subject, const Term& predicate, const Term& object, std::string* text) {
        if (open_statement && subject == last_subject && predicate == last_predicate) {
          text->append(" ,\n        ");
        } else if (open_statement && subject == last_subject) {
          text->append(" ;\n    ");
          AppendTurtlePredicate(predicate, text);
          text->push_back(' ');
          last_predicate = predicate;
        } else {
          if (open_statement) text->append(" .\n");
          AppendTurtleTerm(subject, /*xsd_prefix=*/true, text);
          text->push_back(' ');
          AppendTurtlePredicate(predicate, text);
          text->push_back(' ');
          last_subject = subject;
          last_predicate = predicate;
          open_statement = true;
        }
        AppendTurtleTerm(object, /*xsd_prefix=*/true, text);
      });
  if (!triples.ok()) return triples;
  return Emit(out, open_statement ? " .\n" : "");
}

}  // namespace parley::query
