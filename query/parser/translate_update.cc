// Update requests: from the syntax tree (ast_update.h) to
// query/algebra/update.h.
//
// Blank node labels are scoped to the request (spec §19.6 and the grammar
// notes): within one INSERT DATA a label is one node, across GRAPH blocks
// too; a label an INSERT DATA uses may appear in no other INSERT DATA nor
// in any WHERE pattern of the request. Each WHERE keeps the query rule (a
// label in one basic graph pattern only) within its own operation; labels
// in INSERT templates are fresh per solution and so unconstrained.
#include "engine/status_macros.h"
#include "query/parser/syntax_error.h"
#include "query/parser/text_util.h"
#include "query/parser/translate.h"
#include "query/parser/translate_internal.h"

namespace parley::query {
namespace {

// `default_graph`: the graph of quads outside GRAPH { } (Term() or WITH's).
std::vector<QuadPattern> Quads(const std::vector<ast::Quad>& quads, const Term& default_graph) {
  std::vector<QuadPattern> out;
  out.reserve(quads.size());
  for (const ast::Quad& quad : quads) {
    out.push_back({TemplatePosition(quad.triple.subject), TemplatePosition(quad.triple.predicate),
                   TemplatePosition(quad.triple.object),
                   quad.graph ? TemplatePosition(*quad.graph) : TermOrVariable(default_graph)});
  }
  return out;
}

class UpdateTranslator {
 public:
  explicit UpdateTranslator(std::string_view text) : text_(text) {}

  absl::StatusOr<UpdateRequest> Translate(const ast::UpdateRequest& syntax) {
    UpdateRequest request;
    for (size_t i = 0; i < syntax.operations.size(); ++i) {
      PARLEY_ASSIGN_OR_RETURN(UpdateOperation op, Operation(syntax.operations[i], i));
      request.operations.push_back(std::move(op));
    }
    return request;
  }

 private:
  // Who uses a blank node label first: an INSERT DATA or a WHERE pattern,
  // of which operation.
  struct LabelUse {
    size_t operation = 0;
    bool insert_data = false;
  };

  absl::StatusOr<UpdateOperation> Operation(const ast::UpdateOperation& syntax, size_t index) {
    UpdateOperation op = syntax.resolved;
    switch (op.kind) {
      case UpdateOperation::Kind::kInsertData:
        for (const ast::Quad& quad : syntax.data) {
          for (const ast::Node* node : {&quad.triple.subject, &quad.triple.object}) {
            if (node->kind != ast::Node::Kind::kBlankLabel) continue;
            PARLEY_RETURN_IF_ERROR(UseLabel(node->name, node->offset, {index, true}));
          }
        }
        op.data = Quads(syntax.data, Term());
        break;
      case UpdateOperation::Kind::kDeleteData:
        op.data = Quads(syntax.data, Term());
        break;
      case UpdateOperation::Kind::kModify: {
        Term default_graph = syntax.with.value_or(Term());
        op.delete_template = Quads(syntax.delete_template, default_graph);
        op.insert_template = Quads(syntax.insert_template, default_graph);
        Translator translator(text_);
        PARLEY_ASSIGN_OR_RETURN(op.pattern, translator.GroupPattern(syntax.where));
        for (const auto& [label, offset] : translator.blank_label_offsets()) {
          PARLEY_RETURN_IF_ERROR(UseLabel(label, offset, {index, false}));
        }
        if (syntax.with && !op.has_dataset) op.with_graph = syntax.with;
        break;
      }
      default:
        break;
    }
    return op;
  }

  // Records `use` of `label` (at `offset`), an error when it breaks the
  // request-wide rule.
  absl::Status UseLabel(const std::string& label, size_t offset, LabelUse use) {
    auto [it, inserted] = labels_.emplace(label, use);
    if (inserted || it->second.operation == use.operation) return absl::OkStatus();
    if (!it->second.insert_data && !use.insert_data) return absl::OkStatus();
    const char* first = it->second.insert_data ? "an INSERT DATA" : "the WHERE pattern";
    return SyntaxError(text_, offset,
                       Cat("blank node _:", label, " is already used in ", first,
                           " of an earlier operation of this request (a blank node label of "
                           "INSERT DATA belongs to that operation only)"));
  }

  std::string_view text_;
  absl::flat_hash_map<std::string, LabelUse> labels_;
};

}  // namespace

absl::StatusOr<UpdateRequest> TranslateUpdate(const ast::UpdateRequest& syntax,
                                              std::string_view text) {
  return UpdateTranslator(text).Translate(syntax);
}

}  // namespace parley::query
