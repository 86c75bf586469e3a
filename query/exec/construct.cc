#include "query/exec/construct.h"

#include <deque>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "engine/status_macros.h"
#include "query/exec/pattern_scan.h"

namespace parley::query {
namespace {

// A template position: a constant (interned), a variable slot, or a blank
// node label (fresh per solution).
struct TemplatePosition {
  enum class Kind : uint8_t { kConstant, kVariable, kBlankNode } kind = Kind::kConstant;
  TermId id = kUnbound;     // kConstant
  size_t slot = 0;          // kVariable
  std::string label;        // kBlankNode
  bool constant_ok = true;  // kConstant: the term may stand here
};

bool TermFits(const Term& term, int position) {
  switch (position) {
    case 0:
      return term.is_iri() || term.is_blank_node();
    case 1:
      return term.is_iri();
    default:
      return !term.is_default_graph();
  }
}

// Removes duplicate triples (charged to the memory budget).
class TripleSet {
 public:
  explicit TripleSet(ExecContext* context) : charge_(&context->memory()) {}
  absl::StatusOr<bool> Insert(const IdTriple& triple) {
    if (!seen_.insert(triple).second) return false;
    PARLEY_RETURN_IF_ERROR(charge_.Set(seen_.size() * (sizeof(IdTriple) + 8)));
    return true;
  }

 private:
  MemoryCharge charge_;
  absl::flat_hash_set<IdTriple> seen_;
};

class ConstructProducer final : public TripleProducer {
 public:
  ConstructProducer(ExecContext* context, std::vector<std::array<TemplatePosition, 3>> templ,
                    OperatorPtr solutions)
      : context_(context),
        template_(std::move(templ)),
        solutions_(std::move(solutions)),
        block_(context->width()),
        seen_(context) {}

  absl::StatusOr<bool> Next(IdTriple* triple) override {
    while (pending_.empty()) {
      if (at_ >= block_.rows()) {
        PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
        PARLEY_ASSIGN_OR_RETURN(bool more, solutions_->Next(&block_));
        at_ = 0;
        if (!more) return false;
        context_->terms().TrimCache();
      }
      PARLEY_RETURN_IF_ERROR(Instantiate(block_.row(at_++)));
    }
    *triple = pending_.front();
    pending_.pop_front();
    return true;
  }

 private:
  absl::Status Instantiate(const TermId* row) {
    blank_nodes_.clear();
    for (const auto& positions : template_) {
      IdTriple triple;
      bool ok = true;
      for (int i = 0; i < 3 && ok; ++i) {
        const TemplatePosition& p = positions[i];
        switch (p.kind) {
          case TemplatePosition::Kind::kConstant:
            ok = p.constant_ok;
            triple[i] = p.id;
            break;
          case TemplatePosition::Kind::kVariable: {
            triple[i] = row[p.slot];
            if (triple[i] == kUnbound) {
              ok = false;
              break;
            }
            PARLEY_ASSIGN_OR_RETURN(const Term* term, context_->terms().Decode(triple[i]));
            ok = TermFits(*term, i);
            break;
          }
          case TemplatePosition::Kind::kBlankNode: {
            ok = i != 1;
            if (!ok) break;
            auto it = blank_nodes_.find(p.label);
            if (it == blank_nodes_.end()) {
              PARLEY_ASSIGN_OR_RETURN(TermId id, FreshBlankNode());
              it = blank_nodes_.emplace(p.label, id).first;
            }
            triple[i] = it->second;
            break;
          }
        }
      }
      if (!ok) continue;
      PARLEY_ASSIGN_OR_RETURN(bool fresh, seen_.Insert(triple));
      if (fresh) pending_.push_back(triple);
    }
    return absl::OkStatus();
  }

  // A blank node no stored term and no earlier output uses.
  absl::StatusOr<TermId> FreshBlankNode() {
    while (true) {
      Term node = Term::BlankNode(context_->FreshBlankLabel());
      PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> stored, context_->terms().LookupStored(node));
      if (!stored.has_value()) return context_->terms().Intern(node);
    }
  }

  ExecContext* context_;
  std::vector<std::array<TemplatePosition, 3>> template_;
  OperatorPtr solutions_;
  Block block_;
  size_t at_ = 0;
  TripleSet seen_;
  std::deque<IdTriple> pending_;
  absl::flat_hash_map<std::string, TermId> blank_nodes_;
};

class DescribeProducer final : public TripleProducer {
 public:
  DescribeProducer(ExecContext* context, std::vector<TermId> constants, std::vector<size_t> slots,
                   OperatorPtr solutions)
      : context_(context),
        constants_(std::move(constants)),
        slots_(std::move(slots)),
        solutions_(std::move(solutions)),
        block_(context->width()),
        reader_(context, GraphScope()),
        seen_(context) {}

  absl::StatusOr<bool> Next(IdTriple* triple) override {
    while (true) {
      if (reading_) {
        IdQuad quad;
        PARLEY_ASSIGN_OR_RETURN(bool more, reader_.Next(&quad));
        if (more) {
          *triple = {quad.subject, quad.predicate, quad.object};
          PARLEY_ASSIGN_OR_RETURN(bool fresh, seen_.Insert(*triple));
          if (fresh) return true;
          continue;
        }
        reading_ = false;
      }
      PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> resource, NextResource());
      if (!resource.has_value()) return false;
      PARLEY_RETURN_IF_ERROR(reader_.Open(*resource, kAnyId, kAnyId, kAnyId));
      reading_ = true;
    }
  }

 private:
  absl::StatusOr<std::optional<TermId>> NextResource() {
    while (true) {
      if (!constants_.empty()) {
        const TermId id = constants_.back();
        constants_.pop_back();
        if (described_.insert(id).second) return std::optional<TermId>(id);
        continue;
      }
      if (slots_.empty()) return std::optional<TermId>();
      if (at_ >= block_.rows()) {
        PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
        PARLEY_ASSIGN_OR_RETURN(bool more, solutions_->Next(&block_));
        at_ = 0;
        if (!more) return std::optional<TermId>();
      }
      const TermId* row = block_.row(at_++);
      for (size_t slot : slots_) {
        if (row[slot] != kUnbound) constants_.push_back(row[slot]);
      }
    }
  }

  ExecContext* context_;
  std::vector<TermId> constants_;
  std::vector<size_t> slots_;
  OperatorPtr solutions_;
  Block block_;
  size_t at_ = 0;
  QuadReader reader_;
  bool reading_ = false;
  absl::flat_hash_set<TermId> described_;
  TripleSet seen_;
};

absl::StatusOr<TemplatePosition> CompileTemplatePosition(ExecContext& context,
                                                         const TermOrVariable& position,
                                                         int index) {
  TemplatePosition out;
  if (const Variable* v = std::get_if<Variable>(&position)) {
    out.kind = TemplatePosition::Kind::kVariable;
    out.slot = context.slots().SlotOf(*v);
    return out;
  }
  const Term& term = std::get<Term>(position);
  if (term.is_blank_node()) {
    out.kind = TemplatePosition::Kind::kBlankNode;
    out.label = term.value();
    return out;
  }
  out.constant_ok = TermFits(term, index);
  PARLEY_ASSIGN_OR_RETURN(out.id, context.terms().Intern(term));
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TripleProducer>> MakeConstructProducer(ExecContext* context,
                                                                      const Query& query,
                                                                      OperatorPtr solutions) {
  std::vector<std::array<TemplatePosition, 3>> templ;
  for (const TriplePattern& t : query.construct_template) {
    std::array<TemplatePosition, 3> positions;
    PARLEY_ASSIGN_OR_RETURN(positions[0], CompileTemplatePosition(*context, t.subject, 0));
    PARLEY_ASSIGN_OR_RETURN(positions[1], CompileTemplatePosition(*context, t.predicate, 1));
    PARLEY_ASSIGN_OR_RETURN(positions[2], CompileTemplatePosition(*context, t.object, 2));
    templ.push_back(std::move(positions));
  }
  return std::make_unique<ConstructProducer>(context, std::move(templ), std::move(solutions));
}

absl::StatusOr<std::unique_ptr<TripleProducer>> MakeDescribeProducer(ExecContext* context,
                                                                     const Query& query,
                                                                     OperatorPtr solutions) {
  std::vector<TermId> constants;
  std::vector<size_t> slots;
  for (const TermOrVariable& d : query.describe) {
    if (const Variable* v = std::get_if<Variable>(&d)) {
      slots.push_back(context->slots().SlotOf(*v));
      continue;
    }
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                            context->terms().LookupStored(std::get<Term>(d)));
    if (id.has_value()) constants.push_back(*id);
  }
  // Described in the order named.
  std::reverse(constants.begin(), constants.end());
  return std::make_unique<DescribeProducer>(context, std::move(constants), std::move(slots),
                                            std::move(solutions));
}

}  // namespace parley::query
