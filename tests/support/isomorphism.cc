#include "tests/support/isomorphism.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace parley::engine::io {
namespace {

// A quad over integers: ground terms >= 0 (interned, shared by both
// datasets), blank nodes < 0 (-1 - index, per dataset).
using IntQuad = std::array<int64_t, 4>;

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 29);
}

struct Encoded {
  std::vector<IntQuad> ground;      // quads without blank nodes
  std::vector<IntQuad> with_blank;  // quads with at least one
  size_t blank_count = 0;
};

class Interner {
 public:
  int64_t Id(const Term& term) {
    auto [it, inserted] = ids_.try_emplace(term, static_cast<int64_t>(ids_.size()));
    return it->second;
  }

 private:
  absl::flat_hash_map<Term, int64_t> ids_;
};

Encoded Encode(const std::vector<Quad>& quads, Interner& interner) {
  Encoded out;
  absl::flat_hash_map<std::string, int64_t> blanks;
  auto encode = [&](const Term& term, bool* blank) -> int64_t {
    if (!term.is_blank_node()) return interner.Id(term);
    *blank = true;
    auto [it, inserted] =
        blanks.try_emplace(term.value(), -1 - static_cast<int64_t>(blanks.size()));
    return it->second;
  };
  for (const Quad& q : quads) {
    bool blank = false;
    IntQuad e = {encode(q.subject, &blank), encode(q.predicate, &blank), encode(q.object, &blank),
                 encode(q.graph, &blank)};
    (blank ? out.with_blank : out.ground).push_back(e);
  }
  for (auto* v : {&out.ground, &out.with_blank}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  out.blank_count = blanks.size();
  return out;
}

size_t BlankIndex(int64_t id) { return static_cast<size_t>(-1 - id); }

// Colour refinement: a blank node's colour summarises, round after round,
// the quads around it with other blank nodes replaced by their colours.
std::vector<uint64_t> Colours(const Encoded& d) {
  std::vector<uint64_t> colour(d.blank_count, 1);
  std::vector<std::vector<uint64_t>> signatures(d.blank_count);
  size_t distinct = 1;
  for (size_t round = 0; round <= d.blank_count; ++round) {
    for (auto& s : signatures) s.clear();
    for (const IntQuad& q : d.with_blank) {
      for (int pos = 0; pos < 4; ++pos) {
        if (q[pos] >= 0) continue;
        uint64_t h = static_cast<uint64_t>(pos) + 1;
        for (int other = 0; other < 4; ++other) {
          int64_t t = q[other];
          uint64_t part = t >= 0        ? static_cast<uint64_t>(t) * 4 + 1
                          : t == q[pos] ? 2
                                        : colour[BlankIndex(t)] * 4 + 3;
          h = Mix(h, part);
        }
        signatures[BlankIndex(q[pos])].push_back(h);
      }
    }
    std::vector<uint64_t> next(d.blank_count);
    for (size_t b = 0; b < d.blank_count; ++b) {
      std::sort(signatures[b].begin(), signatures[b].end());
      uint64_t h = colour[b];
      for (uint64_t s : signatures[b]) h = Mix(h, s);
      next[b] = h;
    }
    colour = std::move(next);
    absl::flat_hash_set<uint64_t> unique(colour.begin(), colour.end());
    if (unique.size() == distinct && round > 0) break;
    distinct = unique.size();
  }
  return colour;
}

class Matcher {
 public:
  Matcher(const Encoded& a, const Encoded& b, std::vector<uint64_t> colour_a,
          std::vector<uint64_t> colour_b)
      : colour_a_(std::move(colour_a)),
        colour_b_(std::move(colour_b)),
        b_quads_(b.with_blank.begin(), b.with_blank.end()),
        mapping_(a.blank_count, 0),
        used_(b.blank_count, false),
        quads_of_(a.blank_count) {
    for (const IntQuad& q : a.with_blank) {
      for (int64_t t : q) {
        if (t < 0) quads_of_[BlankIndex(t)].push_back(&q);
      }
    }
    // Rarest colours first: fewest candidates, earliest pruning.
    absl::flat_hash_map<uint64_t, size_t> class_size;
    for (uint64_t c : colour_b_) ++class_size[c];
    order_.resize(a.blank_count);
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::sort(order_.begin(), order_.end(), [&](size_t x, size_t y) {
      return std::make_pair(class_size[colour_a_[x]], colour_a_[x]) <
             std::make_pair(class_size[colour_a_[y]], colour_a_[y]);
    });
    assigned_.assign(a.blank_count, false);
  }

  bool Match(size_t depth = 0) {
    if (depth == order_.size()) return true;
    size_t x = order_[depth];
    for (size_t y = 0; y < used_.size(); ++y) {
      if (used_[y] || colour_b_[y] != colour_a_[x]) continue;
      mapping_[x] = -1 - static_cast<int64_t>(y);
      assigned_[x] = true;
      used_[y] = true;
      if (Consistent(x) && Match(depth + 1)) return true;
      used_[y] = false;
      assigned_[x] = false;
    }
    return false;
  }

 private:
  // Every quad of `a` around `x` whose blank nodes are all mapped must map
  // to a quad of `b`.
  bool Consistent(size_t x) const {
    for (const IntQuad* q : quads_of_[x]) {
      IntQuad mapped = *q;
      bool complete = true;
      for (int64_t& t : mapped) {
        if (t >= 0) continue;
        if (!assigned_[BlankIndex(t)]) {
          complete = false;
          break;
        }
        t = mapping_[BlankIndex(t)];
      }
      if (complete && !b_quads_.contains(mapped)) return false;
    }
    return true;
  }

  std::vector<uint64_t> colour_a_, colour_b_;
  absl::flat_hash_set<IntQuad> b_quads_;
  std::vector<int64_t> mapping_;
  std::vector<bool> used_;
  std::vector<bool> assigned_;
  std::vector<std::vector<const IntQuad*>> quads_of_;
  std::vector<size_t> order_;
};

}  // namespace

bool IsomorphicDatasets(const std::vector<Quad>& a, const std::vector<Quad>& b) {
  Interner interner;
  Encoded ea = Encode(a, interner);
  Encoded eb = Encode(b, interner);
  if (ea.ground != eb.ground || ea.with_blank.size() != eb.with_blank.size() ||
      ea.blank_count != eb.blank_count) {
    return false;
  }
  std::vector<uint64_t> ca = Colours(ea);
  std::vector<uint64_t> cb = Colours(eb);
  std::vector<uint64_t> sa = ca, sb = cb;
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  if (sa != sb) return false;
  // Same quad counts and an injective quad mapping a -> b: equal sets.
  return Matcher(ea, eb, std::move(ca), std::move(cb)).Match();
}

std::string DescribeDatasetDifference(const std::vector<Quad>& a, const std::vector<Quad>& b,
                                      size_t max_lines) {
  auto split = [](const std::vector<Quad>& quads, absl::flat_hash_set<Quad>* ground) {
    size_t blank = 0;
    for (const Quad& q : quads) {
      if (q.subject.is_blank_node() || q.object.is_blank_node() || q.graph.is_blank_node()) {
        ++blank;
      } else {
        ground->insert(q);
      }
    }
    return blank;
  };
  absl::flat_hash_set<Quad> ga, gb;
  size_t blank_a = split(a, &ga), blank_b = split(b, &gb);
  std::string out;
  size_t lines = 0;
  auto add = [&](std::string_view tag, const Quad& q) {
    if (lines++ < max_lines) {
      out.append(tag);
      out.append(q.ToNQuads());
      out.push_back('\n');
    }
  };
  for (const Quad& q : ga) {
    if (!gb.contains(q)) add("only in first:  ", q);
  }
  for (const Quad& q : gb) {
    if (!ga.contains(q)) add("only in second: ", q);
  }
  out.append("quads with blank nodes: " + std::to_string(blank_a) + " vs " +
             std::to_string(blank_b) + "\n");
  return out;
}

}  // namespace parley::engine::io
