#include "tools/shell/prefixes.h"
#include "tools/text_util.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace parley::tools {
namespace {

// PN_PREFIX, simplified to ASCII: a letter, then letters, digits, '_', '-'
// and '.', not ending in '.'. Empty is the default prefix ":".
bool IsPrefixName(std::string_view name) {
  if (name.empty()) return true;
  if (!std::isalpha(static_cast<unsigned char>(name[0])) || name.back() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

bool IsAbsoluteIri(std::string_view iri) {
  const size_t colon = iri.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(iri[0]))) return false;
  return iri.find_first_of("<>\" {}|\\^`\n\t") == std::string_view::npos;
}

}  // namespace

PrefixList::PrefixList() {
  entries_ = {{"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
              {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
              {"xsd", "http://www.w3.org/2001/XMLSchema#"},
              {"owl", "http://www.w3.org/2002/07/owl#"},
              {"sh", "http://www.w3.org/ns/shacl#"}};
  well_known_ = entries_.size();
}

absl::Status PrefixList::Set(const std::string& name, const std::string& iri) {
  if (!IsPrefixName(name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", name, "' is not a prefix name (a letter, then letters, digits, _ - or .)"));
  }
  if (!IsAbsoluteIri(iri)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", iri, "' is not an absolute IRI (write it without <>)"));
  }
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].first != name) continue;
    entries_[i].second = iri;
    if (i < well_known_ &&
        std::find(redefined_.begin(), redefined_.end(), name) == redefined_.end()) {
      redefined_.push_back(name);
    }
    return absl::OkStatus();
  }
  entries_.emplace_back(name, iri);
  return absl::OkStatus();
}

absl::Status PrefixList::LoadFrom(const std::string& db_dir) {
  const std::filesystem::path path = std::filesystem::path(db_dir) / kPrefixFile;
  std::ifstream in(path);
  if (!in) return absl::OkStatus();
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view rest = Trim(line);
    if (rest.empty() || rest[0] == '#') continue;
    const bool ok = rest.starts_with("PREFIX ") && (rest.remove_prefix(7), rest.size() > 3) &&
                    rest.back() == '>' && rest.find(": <") != std::string_view::npos;
    absl::Status set = absl::InvalidArgumentError("expected PREFIX name: <iri>");
    if (ok) {
      const size_t colon = rest.find(": <");
      set = Set(std::string(rest.substr(0, colon)),
                std::string(rest.substr(colon + 3, rest.size() - colon - 4)));
    }
    if (!set.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ":", number, ": ", set.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status PrefixList::SaveTo(const std::string& db_dir) const {
  std::ostringstream text;
  text << "# Prefixes the parley shell declares for this database (.prefix NAME IRI).\n";
  for (size_t i = 0; i < entries_.size(); ++i) {
    const bool saved = i >= well_known_ || std::find(redefined_.begin(), redefined_.end(),
                                                     entries_[i].first) != redefined_.end();
    if (saved) text << "PREFIX " << entries_[i].first << ": <" << entries_[i].second << ">\n";
  }
  const std::filesystem::path path = std::filesystem::path(db_dir) / kPrefixFile;
  const std::filesystem::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << text.str();
    out.flush();
    if (!out) {
      return absl::UnavailableError(absl::StrCat("cannot write ", temporary.string()));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  }
  return absl::OkStatus();
}

}  // namespace parley::tools
