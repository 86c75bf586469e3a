// CONSTRUCT and DESCRIBE results as a Graphviz digraph for people (`dot
// -Tsvg`). Subjects and objects are nodes, each distinct term once, with
// ids in the order the triples first name them; every triple is an edge
// labelled with its predicate:
//
//   digraph result {
//     rankdir=LR;
//     node [shape=box, fontname="Helvetica"];
//     edge [fontname="Helvetica"];
//     n0 [label="Alice"];
//     n1 [label="ex:bob"];
//     n2 [label="42", shape=note];
//     n0 -> n1 [label="ex:knows"];
//     n0 -> n2 [label="ex:age"];
//   }
//
// IRIs and blank nodes are boxes, literals notes; a node's label is its
// term as the table writes it (Turtle, shortened by WriteOptions::prefixes).
// A triple whose predicate is rdfs:label and whose object is a literal is
// no edge: the literal's lexical form labels the subject's node instead
// (the first one without a language tag or in English, else the first).
// An IRI node the result gives no such label asks WriteOptions::node_label,
// when set, for one: RdfsLabelsIn(view) takes it from the database, so a
// CONSTRUCT need not carry the labels itself. Literal and blank nodes are
// never looked up (a CONSTRUCT's blank nodes are its own, not the
// database's). The graph is buffered: labels must be known before nodes
// are written.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/iterator.h"
#include "parley/quad.h"
#include "parley/read_view.h"
#include "query/results/term_text.h"
#include "query/results/writers.h"
#include "rdf/syntax.h"

namespace parley::query {
namespace {

constexpr std::string_view kRdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

bool IsLabelTriple(const Term& predicate, const Term& object) {
  return predicate.is_iri() && predicate.value() == kRdfsLabel && object.is_literal();
}

// English or no language: the label a reader of this output most likely wants.
bool IsPreferredLabel(const Term& literal) {
  std::string_view language = literal.language();  // lower case
  return language.empty() || language == "en" || language.starts_with("en-");
}

// `text` as a DOT quoted string: '"' and '\' escaped, a line end (LF, CR
// or CRLF) as \n (a centred line break), other control characters and
// invalid UTF-8 as U+FFFD, so that dot reads it back as the same text.
void AppendDotString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (size_t pos = 0; pos < text.size();) {
    const char c = text[pos];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const rdf::CodePoint decoded = rdf::DecodeUtf8(text, pos);
      if (decoded.length == 0) {
        out->append(kReplacementCharacter);
        ++pos;
      } else {
        out->append(text.substr(pos, decoded.length));
        pos += decoded.length;
      }
      continue;
    }
    ++pos;
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
      out->append("\\n");
    } else if (c != '\t' && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)) {
      out->append(kReplacementCharacter);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

class Graph {
 public:
  explicit Graph(const WriteOptions& options) : options_(options) {}

  void Add(const Term& subject, const Term& predicate, const Term& object) {
    const size_t from = NodeId(subject);
    if (IsLabelTriple(predicate, object)) {
      Node& node = nodes_[from];
      const bool preferred = IsPreferredLabel(object);
      if (!node.label || (preferred && !node.label_preferred)) {
        node.label = object.value();
        node.label_preferred = preferred;
      }
      return;
    }
    edges_.push_back({from, NodeId(object), predicate});
  }

  std::string Text() const {
    std::string text =
        "digraph result {\n"
        "  rankdir=LR;\n"
        "  node [shape=box, fontname=\"Helvetica\"];\n"
        "  edge [fontname=\"Helvetica\"];\n";
    for (size_t id = 0; id < nodes_.size(); ++id) {
      const Node& node = nodes_[id];
      text.append("  n").append(std::to_string(id)).append(" [label=");
      std::optional<std::string> looked_up;
      if (!node.label && node.term.is_iri() && options_.node_label) {
        looked_up = options_.node_label(node.term);
      }
      if (node.label) {
        AppendDotString(*node.label, &text);
      } else if (looked_up) {
        AppendDotString(*looked_up, &text);
      } else {
        AppendDotString(ShortTerm(node.term), &text);
      }
      if (node.term.is_literal()) text.append(", shape=note");
      text.append("];\n");
    }
    for (const Edge& edge : edges_) {
      text.append("  n").append(std::to_string(edge.from));
      text.append(" -> n").append(std::to_string(edge.to)).append(" [label=");
      AppendDotString(ShortTerm(edge.predicate), &text);
      text.append("];\n");
    }
    text.append("}\n");
    return text;
  }

 private:
  struct Node {
    Term term;
    std::optional<std::string> label;  // from rdfs:label
    bool label_preferred = false;
  };
  struct Edge {
    size_t from, to;
    Term predicate;
  };

  size_t NodeId(const Term& term) {
    auto [it, inserted] = ids_.try_emplace(term, nodes_.size());
    if (inserted) nodes_.push_back({term, std::nullopt, false});
    return it->second;
  }

  std::string ShortTerm(const Term& term) const {
    std::string text;
    AppendShortTerm(term, options_.prefixes, &text);
    return text;
  }

  const WriteOptions& options_;
  std::map<Term, size_t> ids_;
  std::vector<Node> nodes_;  // by id
  std::vector<Edge> edges_;  // in the order of the triples
};

}  // namespace

NodeLabelFunction RdfsLabelsIn(std::shared_ptr<const ReadView> view) {
  return [view = std::move(view)](const Term& term) -> std::optional<std::string> {
    if (!term.is_iri()) return std::nullopt;
    absl::StatusOr<std::unique_ptr<QuadIterator>> labels =
        view->Scan({.subject = term, .predicate = Term::Iri(std::string(kRdfsLabel))});
    if (!labels.ok()) return std::nullopt;
    std::optional<std::string> label;
    for (QuadIterator& it = **labels; it.Valid(); it.Next()) {
      const Term& object = it.quad().object;
      if (!object.is_literal()) continue;
      if (IsPreferredLabel(object)) return std::string(object.value());
      if (!label) label = object.value();
    }
    // A failed scan gives what it found before failing: a label is a nicety.
    return label;
  };
}

absl::Status WriteDot(QueryResult& result, const WriteOptions& options, std::ostream& out) {
  Graph graph(options);
  Term subject, predicate, object;
  while (true) {
    absl::StatusOr<bool> more = result.NextTriple(&subject, &predicate, &object);
    if (!more.ok()) return more.status();
    if (!*more) break;
    graph.Add(subject, predicate, object);
  }
  return Emit(out, graph.Text());
}

}  // namespace parley::query
