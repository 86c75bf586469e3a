// Column families and their keys: the whole on-disk layout in one place.
//
//   column family   key                                   value
//   "default"       meta key (kMeta* below)               see each key
//   "spog"          s:8 p:8 o:8 g:8                       empty
//   "posg"          p:8 o:8 s:8 g:8                       empty
//   "ospg"          o:8 s:8 p:8 g:8                       empty
//   "gspo"          g:8 s:8 p:8 o:8                       empty
//   "psog"          p:8 s:8 o:8 g:8                       empty
//   "id2term"       id:8                                  term_key (engine/layout/term_codec.h)
//   "term2id"       term_key                              id:8
//   "stats"         predicate id:8                        quads:8 subjects:8 objects:8
//   "graphs"        graph id:8                            quads:8
//
// Every id is a big-endian uint64 (engine/layout/term_id.h), so memcmp order of the
// keys is the numeric order of their ids, position by position. The default
// graph is id 0, so in "gspo" it sorts first. Statistics values are
// little-endian fixed64 triples (PredicateCounts); a "graphs" value is one
// little-endian fixed64.
//
// "graphs" is the set of named graphs (never the default graph) with the
// quads each holds. A named graph exists from its first quad, or from an
// explicit creation (SPARQL's CREATE GRAPH), until it is dropped: erasing
// its last quad leaves it, empty, in the set.
//
// Why these five orders: SPOG, POSG and OSPG give every pattern over all
// graphs a prefix scan (s, sp, spo / p, po / o, os); GSPO serves "everything
// graph g holds" and graph listing. Patterns binding g plus a non-prefix mix
// scan the best prefix and filter the rest. PSOG adds no prefix the others
// lack: it reads `?s p ?o` in subject order (POSG reads it in object order),
// which merge joins of subject stars need; only a query that asks for that
// order reads it (engine/quad_scan.h never picks it for a pattern).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "engine/layout/big_endian.h"  // the id encoding of every key below
#include "parley/quad.h"

namespace parley::engine {

// Every permutation is written by every commit and bulk load. An Order's
// value is its index in kAllOrders (and in arrays indexed by order).
enum class Order : uint8_t { kSpog = 0, kPosg = 1, kOspg = 2, kGspo = 3, kPsog = 4 };
inline constexpr size_t kOrderCount = 5;
inline constexpr std::array<Order, kOrderCount> kAllOrders = {
    Order::kSpog, Order::kPosg, Order::kOspg, Order::kGspo, Order::kPsog};
inline constexpr size_t kQuadKeySize = 32;

// Column family names, in the order they are opened.
inline constexpr std::string_view kDefaultFamily = "default";
inline constexpr std::string_view kId2TermFamily = "id2term";
inline constexpr std::string_view kTerm2IdFamily = "term2id";
inline constexpr std::string_view kStatsFamily = "stats";
inline constexpr std::string_view kGraphsFamily = "graphs";
std::string_view FamilyName(Order order);  // "spog", "posg", ...

// Every column family, in the order a Store opens them (its keyspace index).
enum class Family : uint8_t {
  kDefault = 0,
  kSpog = 1,
  kPosg = 2,
  kOspg = 3,
  kGspo = 4,
  kPsog = 5,
  kId2Term = 6,
  kTerm2Id = 7,
  kStats = 8,
  kGraphs = 9,
};
inline constexpr size_t kFamilyCount = 10;
std::string_view FamilyName(Family family);
constexpr Family FamilyOf(Order order) {
  return static_cast<Family>(1 + static_cast<uint8_t>(order));
}
static_assert(FamilyOf(Order::kPsog) == Family::kPsog && FamilyOf(Order::kSpog) == Family::kSpog);

// The version of this layout, stored under kMetaFormatVersion. A build
// reads databases of this version only: an older one is refused with the
// advice to export it with the Parley that wrote it and load the export
// (there is no migration), a newer one as needing a newer Parley. Bump it
// with any change to a grammar above or in engine/layout/term_codec.h /
// engine/layout/term_id.h. (parley::kFormatVersion in <parley/database.h> is the
// public copy; api/database.cc checks that the two agree.)
//   1  SPOG, POSG, OSPG, GSPO
//   2  adds PSOG
//   3  adds "graphs": the set of named graphs, empty ones included
inline constexpr int kFormatVersion = 3;

// Keys in the default column family.
inline constexpr std::string_view kMetaFormatVersion = "parley.format_version";  // decimal text
inline constexpr std::string_view kMetaNextId = "parley.next_id";                // fixed64 BE
inline constexpr std::string_view kMetaQuadCount = "parley.quad_count";          // fixed64 BE

// The quad positions (0 = subject, 1 = predicate, 2 = object, 3 = graph) in
// the key order of `order`; e.g. {1, 2, 0, 3} for POSG.
const std::array<int, 4>& KeyPositions(Order order);

// The 32-byte key of `quad` in `order`.
std::string EncodeQuadKey(Order order, const IdQuad& quad);
void EncodeQuadKey(Order order, const IdQuad& quad, char* out /* kQuadKeySize bytes */);
// REQUIRES: key.size() == kQuadKeySize.
IdQuad DecodeQuadKey(Order order, std::string_view key);

struct PredicateCounts {
  uint64_t quads = 0;
  uint64_t distinct_subjects = 0;
  uint64_t distinct_objects = 0;
};
std::string EncodePredicateCounts(const PredicateCounts& counts);
// False when `value` is not 24 bytes.
bool DecodePredicateCounts(std::string_view value, PredicateCounts* counts);

// A "graphs" value: the quads the graph holds.
std::string EncodeGraphQuads(uint64_t quads);
// False when `value` is not 8 bytes.
bool DecodeGraphQuads(std::string_view value, uint64_t* quads);

}  // namespace parley::engine
