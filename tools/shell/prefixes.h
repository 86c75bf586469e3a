// The shell's prefixes: declared for every query (as if by PREFIX) and used
// to shorten IRIs in tables and graphs. A few well-known ones are always
// there; `.prefix NAME IRI` adds one and keeps it with the database, in the
// file kPrefixFile inside the database directory (one `PREFIX name: <iri>`
// line each, so the file is itself a SPARQL prologue).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace parley::tools {

inline constexpr std::string_view kPrefixFile = "shell-prefixes.rq";

class PrefixList {
 public:
  // rdf, rdfs, xsd, owl and sh.
  PrefixList();

  // Adds the prefixes saved in `db_dir` (absent file: none). A line that is
  // not `PREFIX name: <iri>` is an error naming the file and line.
  absl::Status LoadFrom(const std::string& db_dir);

  // Writes the prefixes declared with Set (not the well-known ones, unless
  // redefined) to `db_dir`, atomically (a temporary file renamed over).
  absl::Status SaveTo(const std::string& db_dir) const;

  // Declares or redeclares `name` (without ':'). InvalidArgument for a name
  // that is not a SPARQL PN_PREFIX or an IRI that is not absolute.
  absl::Status Set(const std::string& name, const std::string& iri);

  // (name, namespace IRI) in declaration order.
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
  size_t well_known_ = 0;               // entries_[0, well_known_) are the defaults
  std::vector<std::string> redefined_;  // well-known names Set changed
};

}  // namespace parley::tools
