#include "query/exec/profile.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/status_macros.h"

namespace parley::query {

struct PlanProfiler::Node {
  std::string label;
  std::optional<double> estimated_rows;
  uint64_t rows = 0;
  uint64_t calls = 0;
  std::chrono::steady_clock::duration time{};
  uint64_t peak_bytes = 0;
  std::vector<std::unique_ptr<Node>> children;
};

// Forwards Next() and adds to its node. Two clock reads per block (not per
// row) keep the overhead of ANALYZE far below the work of a block.
class PlanProfiler::CountingOperator final : public Operator {
 public:
  CountingOperator(OperatorPtr input, Node* node, const MemoryBudget* memory)
      : input_(std::move(input)), node_(node), memory_(memory) {}

  absl::StatusOr<bool> Next(Block* out) override {
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<bool> more = input_->Next(out);
    node_->time += std::chrono::steady_clock::now() - start;
    ++node_->calls;
    if (more.ok() && *more) node_->rows += out->rows();
    if (memory_ != nullptr) node_->peak_bytes = std::max(node_->peak_bytes, memory_->used());
    return more;
  }

 private:
  OperatorPtr input_;
  Node* node_;
  const MemoryBudget* memory_;
};

namespace {

std::string Milliseconds(std::chrono::steady_clock::duration time) {
  const double ms = std::chrono::duration<double, std::milli>(time).count();
  if (ms >= 100) return absl::StrFormat("%.0f ms", ms);
  if (ms >= 1) return absl::StrFormat("%.1f ms", ms);
  return absl::StrFormat("%.3f ms", ms);
}

std::string Bytes(uint64_t bytes) {
  if (bytes < 1024) return absl::StrCat(bytes, " B");
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return absl::StrFormat("%.1f %s", value, kUnits[unit]);
}

std::string Estimate(double rows) {
  if (rows < 10) return absl::StrFormat("%.1f", rows);
  return absl::StrFormat("%.0f", rows);
}

}  // namespace

PlanProfiler::PlanProfiler(Mode mode, const MemoryBudget* memory)
    : mode_(mode), memory_(memory), created_(std::chrono::steady_clock::now()) {}

PlanProfiler::~PlanProfiler() = default;

OperatorPtr PlanProfiler::Wrap(size_t mark, OperatorPtr op, std::string label,
                               std::optional<double> estimated_rows) {
  if (sealed_) return op;
  PARLEY_CHECK(mark <= stack_.size());
  auto node = std::make_unique<Node>();
  node->label = std::move(label);
  node->estimated_rows = estimated_rows;
  node->children.assign(std::make_move_iterator(stack_.begin() + static_cast<ptrdiff_t>(mark)),
                        std::make_move_iterator(stack_.end()));
  stack_.resize(mark);
  if (mode_ == Mode::kAnalyze) {
    op = std::make_unique<CountingOperator>(std::move(op), node.get(), memory_);
  }
  stack_.push_back(std::move(node));
  return op;
}

void PlanProfiler::Seal() {
  if (sealed_) return;
  sealed_ = true;
  planning_time_ = std::chrono::steady_clock::now() - created_;
}

std::string PlanProfiler::Render() const {
  std::string out;
  auto append = [&](const Node& node, size_t depth, const auto& self) -> void {
    out.append(depth * 2, ' ');
    out += node.label;
    if (node.estimated_rows.has_value()) {
      absl::StrAppend(&out, "  (est ", Estimate(*node.estimated_rows), ")");
    }
    if (mode_ == Mode::kAnalyze) {
      absl::StrAppend(&out, "  rows ", node.rows, "  time ", Milliseconds(node.time), "  peak ",
                      Bytes(node.peak_bytes), "  calls ", node.calls);
    }
    out += "\n";
    for (const auto& child : node.children) self(*child, depth + 1, self);
  };
  for (const auto& root : stack_) append(*root, 0, append);
  if (mode_ == Mode::kAnalyze) {
    absl::StrAppend(&out, "total  ", results_, results_ == 1 ? " result" : " results", "  time ",
                    Milliseconds(planning_time_ + result_time_), " (planning ",
                    Milliseconds(planning_time_), ")  peak memory ",
                    Bytes(memory_ != nullptr ? memory_->peak() : 0), "\n");
  }
  return out;
}

size_t ProfileMark(const ExecContext* context) {
  const PlanProfiler* profiler = context->profiler();
  return profiler != nullptr ? profiler->Mark() : 0;
}

std::string ShortLabelText(std::string text, size_t max_chars) {
  if (text.size() <= max_chars) return text;
  size_t cut = max_chars;
  // Back up over UTF-8 continuation bytes so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

}  // namespace parley::query
