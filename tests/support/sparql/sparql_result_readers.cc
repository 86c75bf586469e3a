#include "tests/support/sparql/sparql_result_readers.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include <unistd.h>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_format.h"
#include "formats/rdf/rdf_reader.h"
#include "formats/rdf/str_cat.h"
#include "nlohmann/json.hpp"
#include "rdf/iri.h"
#include "tests/support/sparql/tsv_terms.h"
#include "tests/support/sparql/xml_tree.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;
namespace {

namespace rdf_io = ::parley::engine::io;

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

Term RsTerm(std::string_view local) { return Term::Iri(Cat(kRs, local)); }

std::string_view Extension(std::string_view path) {
  size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
}

absl::StatusOr<std::vector<Quad>> ParseRdf(rdf_io::ByteSource& source, std::string_view name,
                                           rdf_io::RdfFormat format, const std::string& base) {
  rdf_io::ReadOptions options;
  options.format = format;
  options.base_iri = base;
  std::vector<Quad> quads;
  absl::StatusOr<rdf_io::ReadSummary> summary =
      rdf_io::ReadRdf(source, name, options, [&](const rdf_io::QuadView& q) {
        quads.push_back(q.ToQuad());
        return absl::OkStatus();
      });
  if (!summary.ok()) return summary.status();
  return quads;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t end = text.find(separator);
    parts.push_back(text.substr(0, end));
    if (end == std::string_view::npos) return parts;
    text.remove_prefix(end + 1);
  }
}

// The column index of each variable in `variables`, -1 for a name not there.
int ColumnOf(const std::vector<std::string>& variables, std::string_view name) {
  auto it = std::find(variables.begin(), variables.end(), name);
  return it == variables.end() ? -1 : static_cast<int>(it - variables.begin());
}

absl::StatusOr<Term> SrxTerm(const XmlElement& value) {
  std::string_view kind = value.LocalName();
  if (kind == "uri") return Term::Iri(value.text);
  if (kind == "bnode") return Term::BlankNode(value.text);
  if (kind != "literal") return absl::InvalidArgumentError(Cat("srx: <", kind, ">"));
  if (const std::string* lang = value.Attribute("xml:lang")) {
    return Term::LangLiteral(value.text, *lang);
  }
  if (const std::string* datatype = value.Attribute("datatype")) {
    return Term::TypedLiteral(value.text, *datatype);
  }
  return Term::Literal(value.text);
}

absl::StatusOr<Term> SrjTerm(const nlohmann::json& value) {
  if (!value.is_object() || !value.contains("type") || !value.contains("value")) {
    return absl::InvalidArgumentError("srj: a binding without type or value");
  }
  std::string type = value["type"].get<std::string>();
  std::string text = value["value"].get<std::string>();
  if (type == "uri") return Term::Iri(text);
  if (type == "bnode") return Term::BlankNode(text);
  if (type != "literal" && type != "typed-literal") {
    return absl::InvalidArgumentError(Cat("srj: type ", type));
  }
  if (value.contains("xml:lang")) {
    return Term::LangLiteral(text, value["xml:lang"].get<std::string>());
  }
  if (value.contains("datatype")) {
    return Term::TypedLiteral(text, value["datatype"].get<std::string>());
  }
  return Term::Literal(text);
}

// One CSV record starting at *pos (RFC 4180: quoted fields may hold commas,
// line breaks and doubled quotes). Advances *pos past the record's line end.
std::vector<std::string> ParseCsvRecord(std::string_view text, size_t* pos) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  size_t i = *pos;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      break;
    } else {
      fields.back().push_back(c);
    }
  }
  *pos = i;
  return fields;
}

}  // namespace

absl::StatusOr<SparqlResult> ParseSrx(std::string_view text) {
  absl::StatusOr<XmlElement> root = ParseXml(text);
  if (!root.ok()) return root.status();
  SparqlResult result;
  if (const XmlElement* boolean = root->Child("boolean")) {
    result.kind = SparqlResult::Kind::kBoolean;
    result.boolean = boolean->text.find("true") != std::string::npos;
    return result;
  }
  if (const XmlElement* head = root->Child("head")) {
    for (const XmlElement& variable : head->children) {
      if (variable.LocalName() != "variable") continue;
      if (const std::string* name = variable.Attribute("name")) result.variables.push_back(*name);
    }
  }
  const XmlElement* results = root->Child("results");
  if (results == nullptr) return absl::InvalidArgumentError("srx: no <results> or <boolean>");
  for (const XmlElement& solution : results->children) {
    if (solution.LocalName() != "result") continue;
    SolutionRow row(result.variables.size());
    for (const XmlElement& binding : solution.children) {
      const std::string* name = binding.Attribute("name");
      int column = name == nullptr ? -1 : ColumnOf(result.variables, *name);
      if (column < 0 || binding.children.empty()) {
        return absl::InvalidArgumentError("srx: a binding of an undeclared variable");
      }
      absl::StatusOr<Term> term = SrxTerm(binding.children.front());
      if (!term.ok()) return term.status();
      row[column] = *std::move(term);
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

absl::StatusOr<SparqlResult> ParseSrj(std::string_view text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return absl::InvalidArgumentError("srj: not a JSON object");
  }
  SparqlResult result;
  if (document.contains("boolean")) {
    result.kind = SparqlResult::Kind::kBoolean;
    result.boolean = document["boolean"].get<bool>();
    return result;
  }
  if (document.contains("head") && document["head"].contains("vars")) {
    for (const auto& name : document["head"]["vars"]) {
      result.variables.push_back(name.get<std::string>());
    }
  }
  if (!document.contains("results") || !document["results"].contains("bindings")) {
    return absl::InvalidArgumentError("srj: no results.bindings or boolean");
  }
  for (const auto& solution : document["results"]["bindings"]) {
    SolutionRow row(result.variables.size());
    for (const auto& [name, value] : solution.items()) {
      int column = ColumnOf(result.variables, name);
      if (column < 0) return absl::InvalidArgumentError("srj: a binding of an undeclared variable");
      absl::StatusOr<Term> term = SrjTerm(value);
      if (!term.ok()) return term.status();
      row[column] = *std::move(term);
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

absl::StatusOr<SparqlResult> ParseTsv(std::string_view text) {
  std::vector<std::string_view> lines = Split(text, '\n');
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) return absl::InvalidArgumentError("tsv: no header line");
  SparqlResult result;
  auto strip_cr = [](std::string_view line) {
    return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
  };
  std::string_view header = strip_cr(lines[0]);
  if (!header.empty()) {
    for (std::string_view name : Split(header, '\t')) {
      if (!name.empty() && (name[0] == '?' || name[0] == '$')) name.remove_prefix(1);
      result.variables.emplace_back(name);
    }
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string_view> cells = Split(strip_cr(lines[i]), '\t');
    if (cells.size() != result.variables.size()) {
      return absl::InvalidArgumentError(Cat("tsv line ", i + 1, ": ", cells.size(), " cells for ",
                                            result.variables.size(), " variables"));
    }
    SolutionRow row;
    for (std::string_view cell : cells) {
      absl::StatusOr<std::optional<Term>> term = ParseTsvTerm(cell);
      if (!term.ok()) {
        return absl::InvalidArgumentError(Cat("tsv line ", i + 1, ": ", term.status().message()));
      }
      row.push_back(*std::move(term));
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

absl::StatusOr<SparqlResult> ParseCsv(std::string_view text) {
  SparqlResult result;
  size_t pos = 0;
  if (text.empty()) return absl::InvalidArgumentError("csv: no header line");
  result.variables = ParseCsvRecord(text, &pos);
  while (pos < text.size()) {
    std::vector<std::string> fields = ParseCsvRecord(text, &pos);
    if (fields.size() != result.variables.size()) {
      return absl::InvalidArgumentError(Cat("csv: a record of ", fields.size(), " fields for ",
                                            result.variables.size(), " variables"));
    }
    SolutionRow row;
    for (std::string& field : fields) {
      if (field.empty()) {
        row.emplace_back();
      } else if (absl::StartsWith(field, "_:")) {
        row.push_back(Term::BlankNode(field.substr(2)));
      } else {
        row.push_back(Term::Literal(std::move(field)));
      }
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

absl::StatusOr<SparqlResult> ResultFromRdf(const std::vector<Quad>& quads) {
  std::map<Term, std::multimap<Term, Term>> properties;
  for (const Quad& q : quads) properties[q.subject].emplace(q.predicate, q.object);
  auto values = [&](const Term& subject, const Term& predicate) {
    std::vector<Term> found;
    auto it = properties.find(subject);
    if (it == properties.end()) return found;
    auto range = it->second.equal_range(predicate);
    for (auto v = range.first; v != range.second; ++v) found.push_back(v->second);
    return found;
  };

  std::optional<Term> result_set;
  for (const Quad& q : quads) {
    if (q.predicate == Term::Iri(Cat(kRdf, "type")) && q.object == RsTerm("ResultSet")) {
      result_set = q.subject;
    }
  }
  SparqlResult result;
  if (!result_set) {
    result.kind = SparqlResult::Kind::kGraph;
    result.triples = quads;
    for (Quad& q : result.triples) q.graph = Term();
    return result;
  }
  if (std::vector<Term> boolean = values(*result_set, RsTerm("boolean")); !boolean.empty()) {
    result.kind = SparqlResult::Kind::kBoolean;
    result.boolean = boolean.front().value() == "true";
    return result;
  }
  for (const Term& variable : values(*result_set, RsTerm("resultVariable"))) {
    result.variables.push_back(variable.value());
  }
  std::vector<std::pair<long, SolutionRow>> indexed;
  bool every_solution_indexed = true;
  for (const Term& solution : values(*result_set, RsTerm("solution"))) {
    SolutionRow row(result.variables.size());
    for (const Term& binding : values(solution, RsTerm("binding"))) {
      std::vector<Term> variable = values(binding, RsTerm("variable"));
      std::vector<Term> value = values(binding, RsTerm("value"));
      int column = variable.empty() ? -1 : ColumnOf(result.variables, variable.front().value());
      if (column < 0 || value.empty()) {
        return absl::InvalidArgumentError("rs:binding without a declared variable or a value");
      }
      row[column] = value.front();
    }
    std::vector<Term> index = values(solution, RsTerm("index"));
    if (index.empty()) every_solution_indexed = false;
    indexed.emplace_back(index.empty() ? 0 : std::atol(index.front().value().c_str()),
                         std::move(row));
  }
  result.ordered = every_solution_indexed;
  if (every_solution_indexed) {
    std::stable_sort(indexed.begin(), indexed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  for (auto& [index, row] : indexed) result.rows.push_back(std::move(row));
  return result;
}

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(Cat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::Status ConvertRdfXmlToNTriples(const std::string& rdfxml_path,
                                     const std::string& ntriples_path) {
  for (const std::string* path : {&rdfxml_path, &ntriples_path}) {
    if (path->find('\'') != std::string::npos) {
      return absl::InvalidArgumentError(Cat("a quote in the path ", *path));
    }
  }
  std::string command = Cat("rapper -q -i rdfxml -o ntriples '", rdfxml_path, "' '",
                            ::parley::rdf::FileIri(rdfxml_path), "' > '", ntriples_path, "'");
  if (std::system(command.c_str()) != 0) {
    return absl::UnavailableError(
        Cat("rapper failed on ", rdfxml_path, " (is raptor2-utils installed?)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Quad>> ReadRdfFile(const std::string& path) {
  std::string base = ::parley::rdf::FileIri(path);
  if (Extension(path) == "rdf") {
    char temp[] = "/tmp/parley-rdfxml-XXXXXX";
    int fd = mkstemp(temp);
    if (fd < 0) return absl::UnavailableError("mkstemp failed");
    close(fd);
    absl::Status converted = ConvertRdfXmlToNTriples(path, temp);
    absl::StatusOr<std::string> text =
        converted.ok() ? ReadTextFile(temp) : absl::StatusOr<std::string>(converted);
    std::remove(temp);
    if (!text.ok()) return text.status();
    std::unique_ptr<rdf_io::ByteSource> source = rdf_io::ByteSource::FromString(*text, path);
    return ParseRdf(*source, path, rdf_io::RdfFormat::kNTriples, base);
  }
  std::optional<rdf_io::RdfFormat> format = rdf_io::RdfFormatFromPath(path);
  if (!format) return absl::InvalidArgumentError(Cat("not an RDF file: ", path));
  absl::StatusOr<std::unique_ptr<rdf_io::ByteSource>> source = rdf_io::ByteSource::Open(path);
  if (!source.ok()) return source.status();
  return ParseRdf(**source, path, *format, base);
}

absl::StatusOr<SparqlResult> ReadResultFile(const std::string& path) {
  std::string_view extension = Extension(path);
  if (extension == "ttl" || extension == "nt" || extension == "rdf") {
    absl::StatusOr<std::vector<Quad>> quads = ReadRdfFile(path);
    if (!quads.ok()) return quads.status();
    return ResultFromRdf(*quads);
  }
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<SparqlResult> result =
      absl::InvalidArgumentError(Cat("unknown result format: ", path));
  if (extension == "srx") result = ParseSrx(*text);
  if (extension == "srj") result = ParseSrj(*text);
  if (extension == "tsv") result = ParseTsv(*text);
  if (extension == "csv") result = ParseCsv(*text);
  if (!result.ok()) {
    return absl::Status(result.status().code(), Cat(path, ": ", result.status().message()));
  }
  return result;
}

}  // namespace parley::sparql_test
