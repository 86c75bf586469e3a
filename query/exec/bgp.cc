#include "query/exec/bgp.h"

#include <algorithm>
#include <array>
#include <deque>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/layout/key_layout.h"
#include "engine/status_macros.h"
#include "query/algebra/algebra_printer.h"
#include "query/exec/bgp_planner.h"
#include "query/exec/modifiers.h"
#include "query/exec/pattern_scan.h"
#include "query/exec/profile.h"

namespace parley::query {
namespace {

// Input rows buffered before choosing between index nested loop and hash.
constexpr size_t kAdaptiveRows = 16 * 1024;
// A hash join when the pattern's scan is below this many rows per buffered
// input row (a scan step costs ~0.3 us, an index lookup ~10 us).
constexpr double kHashRowsPerInputRow = 30;

// Positions of a quad as bound by a pattern: subject, predicate, object,
// graph (the graph only in a GRAPH ?g scope).
using QuadValues = std::array<TermId, 4>;

class PatternJoinOperator final : public Operator {
 public:
  // `optional`: a left outer join (OPTIONAL): a row no quad matches is
  // passed on as it is. REQUIRES for it: step.key is set.
  PatternJoinOperator(ExecContext* context, OperatorPtr input, const PatternStep& step,
                      GraphScope graph, SlotSet input_bound, bool optional = false)
      : context_(context),
        optional_(optional),
        input_(std::move(input)),
        pattern_(step.pattern),
        step_(step),
        graph_(graph),
        input_bound_(std::move(input_bound)),
        reader_(context, graph),
        charge_(&context->memory()),
        block_(context->width()),
        run_charge_(&context->memory()),
        row_(context->width(), kUnbound),
        candidate_(context->width(), kUnbound) {
    positions_[0] = &pattern_.subject;
    positions_[1] = &pattern_.predicate;
    positions_[2] = &pattern_.object;
    if (graph_.kind == GraphScope::Kind::kVariable) {
      graph_position_.is_variable = true;
      graph_position_.slot = graph_.slot;
      positions_[3] = &graph_position_;
    }
  }

  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
    if (!decided_) PARLEY_RETURN_IF_ERROR(Decide());
    if (pattern_.never_matches) return false;
    size_t rows_started = 0;
    while (!out->full()) {
      if (!has_row_) {
        PARLEY_ASSIGN_OR_RETURN(bool more, NextInputRow());
        if (!more) break;
        if (++rows_started % 1024 == 0) PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
        PARLEY_RETURN_IF_ERROR(StartRow());
        if (!has_row_) {
          FinishRow(out);
          continue;
        }
      }
      PARLEY_RETURN_IF_ERROR(ContinueRow(out));
    }
    return !out->empty();
  }

 private:
  enum class Mode : uint8_t { kIndexLoop, kHash };

  absl::Status Decide() {
    decided_ = true;
    if (pattern_.never_matches) return absl::OkStatus();
    mode_ = Mode::kIndexLoop;
    // Probes by key move forward through one scan (a merge join when the
    // input ascends in the key, else over runs sorted by it) and replay
    // repeated keys: cheaper than building a hash table of the pattern,
    // which costs a scan and an insert per quad of it.
    if (step_.key.has_value()) return absl::OkStatus();
    size_t buffered = 0;
    bool input_done = false;
    while (buffered <= kAdaptiveRows) {
      Block block(context_->width(), kBlockRows);
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block));
      if (!more) {
        input_done = true;
        break;
      }
      buffered += block.rows();
      pending_.push_back(std::move(block));
    }
    for (int i = 0; i < 4; ++i) {
      if (positions_[i] != nullptr && positions_[i]->is_variable &&
          input_bound_[positions_[i]->slot]) {
        key_positions_.push_back(i);
      }
    }
    if (!input_done || buffered > kAdaptiveRows) {
      SlotSet nothing(context_->width(), false);
      PARLEY_ASSIGN_OR_RETURN(double rows, EstimatePatternRows(*context_, pattern_, nothing));
      if (key_positions_.empty() || rows < kHashRowsPerInputRow * static_cast<double>(buffered)) {
        mode_ = Mode::kHash;
        PARLEY_RETURN_IF_ERROR(BuildHashTable());
      }
    }
    return absl::OkStatus();
  }

  absl::Status BuildHashTable() {
    PARLEY_RETURN_IF_ERROR(
        reader_.Open(pattern_.subject.is_variable ? kAnyId : pattern_.subject.constant,
                     pattern_.predicate.is_variable ? kAnyId : pattern_.predicate.constant,
                     pattern_.object.is_variable ? kAnyId : pattern_.object.constant, kAnyId));
    IdQuad quad;
    size_t count = 0;
    while (true) {
      PARLEY_ASSIGN_OR_RETURN(bool more, reader_.Next(&quad));
      if (!more) break;
      const uint32_t index = static_cast<uint32_t>(entries_.size());
      entries_.push_back({quad.subject, quad.predicate, quad.object, quad.graph});
      auto [it, inserted] = heads_.try_emplace(KeyOf(entries_.back()), index);
      chain_.push_back(inserted ? kEndOfChain : it->second);
      it->second = index;
      if (++count % 4096 == 0) {
        PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
        PARLEY_RETURN_IF_ERROR(charge_.Set(entries_.size() * (sizeof(QuadValues) + 4) +
                                           heads_.size() * (sizeof(QuadValues) + 8)));
      }
    }
    return charge_.Set(entries_.size() * (sizeof(QuadValues) + 4) +
                       heads_.size() * (sizeof(QuadValues) + 8));
  }

  QuadValues KeyOf(const QuadValues& values) const {
    QuadValues key{0, 0, 0, 0};
    for (size_t k = 0; k < key_positions_.size(); ++k) key[k] = values[key_positions_[k]];
    return key;
  }

  // The next block of input: the buffered ones first. False at the end.
  absl::StatusOr<bool> NextInputBlock(Block* block) {
    block->Clear();
    if (!pending_.empty()) {
      *block = std::move(pending_.front());
      pending_.pop_front();
      return true;
    }
    if (input_done_) return false;
    PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(block));
    if (!more) input_done_ = true;
    return more;
  }

  absl::StatusOr<bool> NextInputRow() {
    if (SortsRuns()) return NextRowOfRun();
    while (true) {
      if (current_ < block_.rows()) {
        const TermId* row = block_.row(current_++);
        row_.assign(row, row + context_->width());
        has_row_ = true;
        return true;
      }
      current_ = 0;
      PARLEY_ASSIGN_OR_RETURN(bool more, NextInputBlock(&block_));
      if (!more) return false;
    }
  }

  // Keyed probes of rows that do not ascend in the key: the rows are taken
  // in runs sorted by the key, so that the probes of a run move forward
  // through the scan (and equal keys meet, to be replayed).
  bool SortsRuns() const { return Keyed() && !step_.input_sorted_on_key; }

  // Probing one scan by the row's key (see PatternStep::key).
  bool Keyed() const { return mode_ == Mode::kIndexLoop && step_.key.has_value(); }

  absl::StatusOr<bool> NextRowOfRun() {
    const size_t width = context_->width();
    if (run_at_ == run_order_.size()) {
      run_rows_.clear();
      run_order_.clear();
      run_at_ = 0;
      while (run_order_.size() < kRunRows) {
        PARLEY_ASSIGN_OR_RETURN(bool more, NextInputBlock(&block_));
        if (!more) break;
        for (size_t i = 0; i < block_.rows(); ++i) {
          run_order_.push_back(static_cast<uint32_t>(run_order_.size()));
          run_rows_.insert(run_rows_.end(), block_.row(i), block_.row(i) + width);
        }
      }
      if (run_order_.empty()) return false;
      PARLEY_RETURN_IF_ERROR(run_charge_.Set(run_rows_.size() * sizeof(TermId) +
                                             run_order_.size() * sizeof(uint32_t)));
      const size_t slot = step_.key->slot;
      std::stable_sort(run_order_.begin(), run_order_.end(), [&](uint32_t a, uint32_t b) {
        return run_rows_[a * width + slot] < run_rows_[b * width + slot];
      });
    }
    const TermId* row = run_rows_.data() + size_t{run_order_[run_at_++]} * width;
    row_.assign(row, row + width);
    has_row_ = true;
    return true;
  }

  absl::Status StartRow() {
    if (Keyed()) {
      // One scan of the pattern's constants for every row, positioned at
      // each row's key.
      if (!keyed_open_) {
        keyed_open_ = true;
        PARLEY_RETURN_IF_ERROR(
            reader_.Open(ConstantOrAny(pattern_.subject), ConstantOrAny(pattern_.predicate),
                         ConstantOrAny(pattern_.object), kAnyId, step_.scan_order));
      }
      row_key_ = row_[step_.key->slot];
      matched_ = false;
      if (IsLocalId(row_key_)) {
        has_row_ = false;  // a computed term no quad holds
        return absl::OkStatus();
      }
      replaying_ = row_key_ == replay_key_ && replay_complete_;
      if (replaying_) {
        replay_at_ = 0;
        return absl::OkStatus();
      }
      replay_key_ = row_key_;
      replay_quads_.clear();
      replay_complete_ = false;
      collecting_ = true;
      return reader_.SkipTo(step_.key->position, row_key_);
    }
    if (mode_ == Mode::kIndexLoop) {
      const TermId graph_value =
          positions_[3] != nullptr ? BoundId(*positions_[3], row_.data()) : kAnyId;
      return reader_.Open(BoundId(pattern_.subject, row_.data()),
                          BoundId(pattern_.predicate, row_.data()),
                          BoundId(pattern_.object, row_.data()), graph_value, step_.scan_order);
    }
    QuadValues probe{0, 0, 0, 0};
    for (size_t k = 0; k < key_positions_.size(); ++k) {
      probe[k] = row_[positions_[key_positions_[k]]->slot];
    }
    auto it = heads_.find(probe);
    chain_at_ = it == heads_.end() ? kEndOfChain : it->second;
    return absl::OkStatus();
  }

  // Appends row_ extended by `values` when they agree with it.
  void Emit(const QuadValues& values, Block* out) {
    candidate_ = row_;
    for (int i = 0; i < 4; ++i) {
      const PatternPosition* p = positions_[i];
      if (p == nullptr || !p->is_variable) continue;
      TermId& cell = candidate_[p->slot];
      if (cell == kUnbound) {
        cell = values[i];
      } else if (cell != values[i]) {
        return;
      }
    }
    out->AppendRow(candidate_.data());
    matched_ = true;
  }

  // Ends the current row: OPTIONAL passes on a row nothing matched.
  // REQUIRES: `out` is not full.
  void FinishRow(Block* out) {
    has_row_ = false;
    if (optional_ && !matched_) out->AppendRow(row_.data());
  }

  absl::Status ContinueRow(Block* out) {
    if (Keyed()) return ContinueKeyedRow(out);
    if (mode_ == Mode::kIndexLoop) {
      IdQuad quad;
      while (!out->full()) {
        PARLEY_ASSIGN_OR_RETURN(bool more, reader_.Next(&quad));
        if (!more) {
          has_row_ = false;
          return absl::OkStatus();
        }
        Emit({quad.subject, quad.predicate, quad.object, quad.graph}, out);
      }
      return absl::OkStatus();
    }
    while (!out->full()) {
      if (chain_at_ == kEndOfChain) {
        has_row_ = false;
        return absl::OkStatus();
      }
      Emit(entries_[chain_at_], out);
      chain_at_ = chain_[chain_at_];
    }
    return absl::OkStatus();
  }

  // The quads of row_key_: replayed when the key repeats, else read from
  // the scan (and kept for a replay while there are few).
  absl::Status ContinueKeyedRow(Block* out) {
    if (replaying_) {
      while (!out->full()) {
        if (replay_at_ == replay_quads_.size()) {
          FinishRow(out);
          return absl::OkStatus();
        }
        Emit(replay_quads_[replay_at_++], out);
      }
      return absl::OkStatus();
    }
    IdQuad quad;
    while (!out->full()) {
      PARLEY_ASSIGN_OR_RETURN(bool more, reader_.Next(&quad));
      if (!more || ProbeKeyOf(quad) != row_key_) {
        replay_complete_ = collecting_;
        FinishRow(out);
        return absl::OkStatus();
      }
      const QuadValues values{quad.subject, quad.predicate, quad.object, quad.graph};
      if (collecting_) {
        collecting_ = replay_quads_.size() < kMaxReplayQuads;
        if (collecting_) replay_quads_.push_back(values);
      }
      Emit(values, out);
    }
    return absl::OkStatus();
  }

  static constexpr uint32_t kEndOfChain = ~uint32_t{0};
  // Rows sorted together for keyed probes (SortsRuns).
  static constexpr size_t kRunRows = 16 * 1024;
  // The most quads of one key kept for replaying.
  static constexpr size_t kMaxReplayQuads = 1024;

  static TermId ConstantOrAny(const PatternPosition& p) {
    return p.is_variable ? kAnyId : p.constant;
  }
  TermId ProbeKeyOf(const IdQuad& quad) const {
    return step_.key->position == engine::QuadPosition::kSubject ? quad.subject : quad.object;
  }

  ExecContext* context_;
  bool optional_;
  OperatorPtr input_;
  CompiledPattern pattern_;
  PatternStep step_;
  GraphScope graph_;
  SlotSet input_bound_;
  PatternPosition graph_position_;
  std::array<const PatternPosition*, 4> positions_{nullptr, nullptr, nullptr, nullptr};
  QuadReader reader_;
  MemoryCharge charge_;

  bool decided_ = false;
  Mode mode_ = Mode::kIndexLoop;
  std::vector<int> key_positions_;
  std::deque<Block> pending_;
  Block block_;
  size_t current_ = 0;
  bool input_done_ = false;

  bool has_row_ = false;
  bool keyed_open_ = false;
  TermId row_key_ = kUnbound;
  // Keyed mode: the sorted run of input rows (SortsRuns), and the quads of
  // the last key for a repeat of it.
  std::vector<TermId> run_rows_;
  std::vector<uint32_t> run_order_;
  size_t run_at_ = 0;
  MemoryCharge run_charge_;
  TermId replay_key_ = kUnbound;
  std::vector<QuadValues> replay_quads_;
  size_t replay_at_ = 0;
  bool replay_complete_ = false;
  bool collecting_ = false;
  bool replaying_ = false;
  bool matched_ = false;  // a quad extended the current row
  std::vector<TermId> row_;
  std::vector<TermId> candidate_;

  // Hash mode: the pattern's quads, chained by key.
  std::vector<QuadValues> entries_;
  std::vector<uint32_t> chain_;
  absl::flat_hash_map<QuadValues, uint32_t> heads_;
  uint32_t chain_at_ = kEndOfChain;
};

// EXPLAIN's label of one step: the pattern and how it is joined.
std::string StepLabel(const ExecContext& context, const PatternStep& step,
                      const TriplePattern& triple, bool scanned_once) {
  std::string how;
  if (scanned_once) {
    how = step.scan_order.has_value()
              ? absl::StrCat("scan ", std::string(engine::FamilyName(*step.scan_order)))
              : std::string("scan");
  } else if (step.key.has_value()) {
    how = absl::StrCat(step.input_sorted_on_key ? "merge join" : "keyed probe", " on ?",
                       context.slots().name(step.key->slot), ", ",
                       std::string(engine::FamilyName(*step.scan_order)));
  } else {
    how = "index loop or hash, chosen at run time";
  }
  return absl::StrCat(ShortLabelText(ToString(triple)), "  [", how, "]");
}

}  // namespace

absl::StatusOr<OperatorPtr> BuildOptionalPattern(ExecContext* context, OperatorPtr* left,
                                                 const SlotSet& left_bound,
                                                 const TriplePattern& triple, const Scope& scope) {
  PARLEY_ASSIGN_OR_RETURN(CompiledPattern pattern, CompilePattern(*context, triple));
  // Nothing can match (a constant the store lacks): every row passes on.
  if (pattern.never_matches) return std::move(*left);
  const std::vector<PatternStep> steps =
      PlanPatternSteps({pattern}, {0}, left_bound, /*single_row_input=*/false);
  if (!steps[0].key.has_value()) return OperatorPtr();
  return std::make_unique<PatternJoinOperator>(context, std::move(*left), steps[0], scope.graph,
                                               left_bound, /*optional=*/true);
}

absl::StatusOr<OperatorPtr> BuildBgp(ExecContext* context, OperatorPtr input,
                                     const SlotSet& input_bound,
                                     const std::vector<TriplePattern>& triples,
                                     const std::vector<ExprPtr>& filters, const Scope& scope) {
  std::vector<CompiledPattern> patterns;
  patterns.reserve(triples.size());
  for (const TriplePattern& triple : triples) {
    PARLEY_ASSIGN_OR_RETURN(CompiledPattern pattern, CompilePattern(*context, triple));
    patterns.push_back(pattern);
  }
  SlotSet bound = input_bound;
  PARLEY_ASSIGN_OR_RETURN(std::vector<size_t> order, OrderPatterns(*context, patterns, bound));
  // Each step's operator (and each filter's) is an EXPLAIN node whose child
  // is the one before it; `input`'s own node, if any, is older than `mark`.
  const size_t mark = ProfileMark(context);
  const bool single_row_input = input == nullptr;
  if (single_row_input) input = MakeSeedOperator(context, scope);
  const std::vector<PatternStep> steps = PlanPatternSteps(patterns, order, bound, single_row_input);

  // Each filter runs once every slot it reads is bound (EXISTS: at the end).
  struct PendingFilter {
    ExprPtr expr;
    SlotSet reads;
    bool at_end;
  };
  std::vector<PendingFilter> pending;
  for (const ExprPtr& filter : filters) {
    PendingFilter f{filter, SlotSet(context->width(), false), false};
    CollectExprSlots(*filter, context->slots(), &f.reads, &f.at_end);
    pending.push_back(std::move(f));
  }
  auto ready = [&](const PendingFilter& f) {
    if (f.at_end) return false;
    for (size_t i = 0; i < f.reads.size(); ++i) {
      if (f.reads[i] && !bound[i]) return false;
    }
    return true;
  };

  OperatorPtr current = std::move(input);
  auto apply_ready_filters = [&](bool at_end) {
    for (auto it = pending.begin(); it != pending.end();) {
      if (at_end || ready(*it)) {
        current = Profiled(context, mark,
                           MakeFilterOperator(context, std::move(current), it->expr, scope.graph),
                           [&] { return "Filter " + ShortLabelText(ToString(*it->expr)); });
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
  };
  apply_ready_filters(false);
  double estimated_rows = 1;  // EXPLAIN: the rows after each step
  for (const PatternStep& step : steps) {
    const CompiledPattern& pattern = step.pattern;
    if (context->profiler() != nullptr) {
      PARLEY_ASSIGN_OR_RETURN(double per_row, EstimatePatternRows(*context, pattern, bound));
      estimated_rows *= per_row;
    }
    current = Profiled(
        context, mark,
        std::make_unique<PatternJoinOperator>(context, std::move(current), step, scope.graph,
                                              bound),
        [&] {
          return StepLabel(*context, step, triples[step.index],
                           single_row_input && &step == &steps.front());
        },
        estimated_rows);
    for (const PatternPosition* p : {&pattern.subject, &pattern.predicate, &pattern.object}) {
      if (p->is_variable) bound[p->slot] = true;
    }
    if (scope.graph.kind == GraphScope::Kind::kVariable) bound[scope.graph.slot] = true;
    apply_ready_filters(false);
  }
  apply_ready_filters(true);
  return current;
}

}  // namespace parley::query
