// libFuzzer target: ParseQuery (SPARQL 1.1 text -> syntax tree -> algebra)
// over arbitrary bytes. Any input must end in an algebra tree or a status,
// never a crash or a sanitizer report.
//
// The whole input is the query text, parsed against a fixed base IRI (so
// that relative IRIs, common in the W3C seeds, get past the parser). Cheap
// contracts checked (parser.h; the checks trap otherwise):
// - a failure is InvalidArgument (incomplete queries included: those carry
//   a payload, parley::IsIncompleteQuery, not another code);
// - a parsed query prints (algebra_printer.h), which walks the whole tree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "query/algebra/algebra_printer.h"
#include "query/parser/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parley::query::ParseOptions options;
  options.base_iri = "http://example.org/base/";
  absl::StatusOr<parley::query::Query> query = parley::query::ParseQuery(text, options);
  if (!query.ok()) {
    if (query.status().code() != absl::StatusCode::kInvalidArgument) __builtin_trap();
    return 0;
  }
  const std::string printed = parley::query::ToString(*query);
  if (printed.empty()) __builtin_trap();
  return 0;
}
