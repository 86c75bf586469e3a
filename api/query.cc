// parley::Database::Query: parse, then evaluate over a snapshot.
#include <memory>
#include <utility>

#include "api/database_impl.h"
#include "engine/access/kv_storage_reader.h"
#include "query/exec/executor.h"
#include "query/parser/parser.h"

namespace parley::api {

absl::StatusOr<std::unique_ptr<QueryResult>> DatabaseImpl::Query(std::string_view text,
                                                                 const QueryOptions& options) {
  query::ParseOptions parse_options;
  parse_options.base_iri = options.base_iri;
  parse_options.prefixes = options.prefixes;
  absl::StatusOr<query::Query> parsed = query::ParseQuery(text, parse_options);
  if (!parsed.ok()) return parsed.status();
  std::shared_ptr<const engine::KvStore> kv = store().kv_shared();
  std::shared_ptr<const engine::KvSnapshot> snapshot = kv->GetSnapshot();
  return query::Execute(
      std::make_shared<const query::Query>(*std::move(parsed)),
      std::make_shared<engine::KvStorageReader>(std::move(kv), std::move(snapshot)), options);
}

}  // namespace parley::api
