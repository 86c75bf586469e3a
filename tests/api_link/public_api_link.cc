// Links against libparley.so alone and takes the address of every function
// the public headers declare out of line, so that a declaration the shared
// library does not export (its version script, api/libparley.map, or an
// object the link leaves out) fails this build instead of an embedder's.
// Run, it checks a few calls end to end.
#include <cstdio>

#include "parley/database.h"
#include "parley/dump.h"
#include "parley/query.h"
#include "parley/validation.h"

int main() {
  const void* functions[] = {
      reinterpret_cast<const void*>(&parley::Database::Open),
      reinterpret_cast<const void*>(&parley::ExportDump),
      reinterpret_cast<const void*>(&parley::ExportDumpToFd),
      reinterpret_cast<const void*>(&parley::IsDumpFile),
      reinterpret_cast<const void*>(&parley::DumpProducer::Create),
      reinterpret_cast<const void*>(&parley::DumpProducer::CreateForFd),
      reinterpret_cast<const void*>(&parley::LooksLikeUpdate),
      reinterpret_cast<const void*>(&parley::IsIncompleteQuery),
      reinterpret_cast<const void*>(&parley::Shapes::FromFile),
      reinterpret_cast<const void*>(&parley::Shapes::FromTurtle),
      reinterpret_cast<const void*>(&parley::Shapes::FromTriples),
      reinterpret_cast<const void*>(&parley::Shapes::Negotiation),
      reinterpret_cast<const void*>(&parley::Term::Iri),
      reinterpret_cast<const void*>(&parley::Term::BlankNode),
      reinterpret_cast<const void*>(&parley::Term::Literal),
      reinterpret_cast<const void*>(&parley::Term::TypedLiteral),
      reinterpret_cast<const void*>(&parley::Term::LangLiteral),
  };
  for (const void* function : functions) {
    if (function == nullptr) return 1;
  }
  const parley::Term term = parley::Term::Iri("http://example.org/a");
  const parley::Quad quad{term, term, parley::Term::Literal("x"), parley::Term()};
  auto shapes = parley::Shapes::Negotiation();
  const bool ok = term.Validate().ok() && !quad.ToNQuads().empty() &&
                  parley::LooksLikeUpdate("INSERT DATA {}") && !parley::LooksLikeUpdate("ASK {}") &&
                  shapes.ok() && shapes->size() > 0;
  std::printf("%s\n", ok ? "public API linked" : "public API call failed");
  return ok ? 0 : 1;
}
