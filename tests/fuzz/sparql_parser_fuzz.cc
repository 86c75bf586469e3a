// libFuzzer target: ParseQuery and ParseUpdate (SPARQL 1.1 text -> syntax
// tree -> algebra) over arbitrary bytes, and LooksLikeUpdate. Any input must
// end in an algebra tree or a status, never a crash or a sanitizer report.
//
// The whole input is the query text, parsed against a fixed base IRI (so
// that relative IRIs, common in the W3C seeds, get past the parser). Cheap
// contracts checked (parser.h; the checks trap otherwise):
// - a failure is InvalidArgument (incomplete queries included: those carry
//   a payload, parley::IsIncompleteQuery, not another code);
// - a parsed query prints (algebra_printer.h), which walks the whole tree;
//   so does each WHERE pattern of a parsed update request.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "parley/query.h"
#include "query/algebra/algebra_printer.h"
#include "query/parser/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parley::query::ParseOptions options;
  options.base_iri = "http://example.org/base/";
  (void)parley::query::LooksLikeUpdateText(text);
  absl::StatusOr<parley::query::Query> query = parley::query::ParseQuery(text, options);
  if (query.ok()) {
    if (parley::query::ToString(*query).empty()) __builtin_trap();
  } else if (query.status().code() != absl::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  absl::StatusOr<parley::query::UpdateRequest> update = parley::query::ParseUpdate(text, options);
  if (!update.ok()) {
    if (update.status().code() != absl::StatusCode::kInvalidArgument) __builtin_trap();
    return 0;
  }
  for (const parley::query::UpdateOperation& operation : update->operations) {
    if (operation.pattern == nullptr) continue;
    parley::query::Query where;
    where.pattern = operation.pattern;
    if (parley::query::ToString(where).empty()) __builtin_trap();
  }
  return 0;
}
