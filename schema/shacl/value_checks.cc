#include "schema/shacl/value_checks.h"

#include <string>
#include <string_view>

#include "formats/rdf/str_cat.h"
#include "query/expr/datetime.h"
#include "query/expr/functions.h"
#include "query/expr/numeric.h"
#include "query/expr/regex.h"
#include "query/expr/string_functions.h"

namespace parley::shacl {

using engine::io::Cat;
namespace {

constexpr size_t kShownTermBytes = 80;

std::string KindName(const Term& term) {
  switch (term.kind()) {
    case Term::Kind::kIri:
      return "an IRI";
    case Term::Kind::kBlankNode:
      return "a blank node";
    case Term::Kind::kLiteral:
      return "a literal";
    case Term::Kind::kDefaultGraph:
      break;
  }
  return "the default graph";
}

uint8_t KindBit(const Term& term) {
  if (term.is_iri()) return Constraint::kIriBit;
  if (term.is_blank_node()) return Constraint::kBlankNodeBit;
  return Constraint::kLiteralBit;
}

// False when `literal`'s lexical form is not in its datatype's lexical
// space, for the XSD datatypes Parley knows (others are taken as written).
bool IsWellFormed(const Term& literal) {
  const std::string& datatype = literal.datatype();
  if (!datatype.starts_with(kXsd)) return true;
  std::string_view local = std::string_view(datatype).substr(kXsd.size());
  if (query::IsNumericDatatype(datatype)) return query::ParseNumeric(literal).has_value();
  if (local == "date" || local == "dateTime") return query::ParseDateTime(literal).has_value();
  if (local == "boolean") {
    const std::string& v = literal.value();
    return v == "true" || v == "false" || v == "1" || v == "0";
  }
  return true;
}

std::string Expected(std::string_view what, const Term& found) {
  return Cat("expected ", what, ", found ", ShowTerm(found));
}

std::optional<std::string> CheckRange(const Constraint& constraint, const Term& value) {
  query::CompareOp op;
  std::string_view symbol;
  switch (constraint.kind) {
    case Constraint::Kind::kMinInclusive:
      op = query::CompareOp::kGreaterEqual, symbol = ">=";
      break;
    case Constraint::Kind::kMaxInclusive:
      op = query::CompareOp::kLessEqual, symbol = "<=";
      break;
    case Constraint::Kind::kMinExclusive:
      op = query::CompareOp::kGreater, symbol = ">";
      break;
    default:
      op = query::CompareOp::kLess, symbol = "<";
      break;
  }
  std::optional<bool> holds = query::CompareTerms(op, value, constraint.term);
  if (holds == true) return std::nullopt;
  return Expected(Cat("a value ", symbol, " ", ShowTerm(constraint.term)), value);
}

}  // namespace

std::string ShowTerm(const Term& term) {
  std::string text = term.ToNTriples();
  if (text.size() > kShownTermBytes) {
    size_t cut = kShownTermBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "…";
  }
  return text;
}

bool IsValueCheck(Constraint::Kind kind) {
  switch (kind) {
    case Constraint::Kind::kDatatype:
    case Constraint::Kind::kNodeKind:
    case Constraint::Kind::kPattern:
    case Constraint::Kind::kMinLength:
    case Constraint::Kind::kMaxLength:
    case Constraint::Kind::kMinInclusive:
    case Constraint::Kind::kMaxInclusive:
    case Constraint::Kind::kMinExclusive:
    case Constraint::Kind::kMaxExclusive:
    case Constraint::Kind::kLanguageIn:
      return true;
    default:
      return false;
  }
}

std::optional<std::string> CheckValue(const Constraint& constraint, const Term& value) {
  switch (constraint.kind) {
    case Constraint::Kind::kDatatype: {
      std::string what = Cat("a literal of datatype ", constraint.term.ToNTriples());
      if (!value.is_literal() || value.datatype() != constraint.term.value()) {
        return Expected(what, value);
      }
      if (!IsWellFormed(value)) return Expected(what, value) + " (ill-formed)";
      return std::nullopt;
    }
    case Constraint::Kind::kNodeKind:
      if (constraint.node_kinds & KindBit(value)) return std::nullopt;
      return Cat("expected a node of kind ", constraint.term.ToNTriples(), ", found ",
                 KindName(value), " ", ShowTerm(value));
    case Constraint::Kind::kPattern: {
      if (!value.is_blank_node()) {
        Term text = Term::Literal(value.value());
        query::ExprValue match = query::Regex(
            text, constraint.term, constraint.flags.has_value() ? &*constraint.flags : nullptr);
        if (match && match->value() == "true") return std::nullopt;
      }
      return Expected(Cat("a match of ", ShowTerm(constraint.term)), value);
    }
    case Constraint::Kind::kMinLength:
    case Constraint::Kind::kMaxLength: {
      bool min = constraint.kind == Constraint::Kind::kMinLength;
      std::string what = Cat(min ? "at least " : "at most ", constraint.count, " characters");
      if (value.is_blank_node()) return Expected(what, value);
      size_t length = query::CodePointCount(value.value());
      if (min ? length >= constraint.count : length <= constraint.count) return std::nullopt;
      return Cat("expected ", what, ", found ", length, " in ", ShowTerm(value));
    }
    case Constraint::Kind::kLanguageIn: {
      if (value.is_literal() && !value.language().empty()) {
        Term tag = Term::Literal(value.language());
        for (const Term& range : constraint.terms) {
          query::ExprValue match = query::LangMatches(tag, range);
          if (match && match->value() == "true") return std::nullopt;
        }
      }
      std::string tags;
      for (const Term& range : constraint.terms) {
        tags += tags.empty() ? range.value() : ", " + range.value();
      }
      return Expected(Cat("a language tag in (", tags, ")"), value);
    }
    case Constraint::Kind::kMinInclusive:
    case Constraint::Kind::kMaxInclusive:
    case Constraint::Kind::kMinExclusive:
    case Constraint::Kind::kMaxExclusive:
      return CheckRange(constraint, value);
    default:
      break;
  }
  return std::nullopt;
}

}  // namespace parley::shacl
