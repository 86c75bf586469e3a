#include "engine/layout/key_layout.h"

#include <cstring>

namespace parley::engine {
namespace {

// The id positions (0=s, 1=p, 2=o, 3=g) in key order.
constexpr std::array<std::array<int, 4>, kOrderCount> kPositions = {{
    {0, 1, 2, 3},  // spog
    {1, 2, 0, 3},  // posg
    {2, 0, 1, 3},  // ospg
    {3, 0, 1, 2},  // gspo
    {1, 0, 2, 3},  // psog
}};

void StoreLittleEndian64(uint64_t value, std::string* out) {
  for (int i = 0; i < 8; ++i) {
    out->push_back(static_cast<char>(value & 0xff));
    value >>= 8;
  }
}

uint64_t LoadLittleEndian64(const char* p) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(p[i]);
  return value;
}

}  // namespace

std::string_view FamilyName(Order order) {
  switch (order) {
    case Order::kSpog:
      return "spog";
    case Order::kPosg:
      return "posg";
    case Order::kOspg:
      return "ospg";
    case Order::kGspo:
      return "gspo";
    case Order::kPsog:
      return "psog";
  }
  return "spog";
}

std::string_view FamilyName(Family family) {
  switch (family) {
    case Family::kDefault:
      return kDefaultFamily;
    case Family::kSpog:
      return FamilyName(Order::kSpog);
    case Family::kPosg:
      return FamilyName(Order::kPosg);
    case Family::kOspg:
      return FamilyName(Order::kOspg);
    case Family::kGspo:
      return FamilyName(Order::kGspo);
    case Family::kPsog:
      return FamilyName(Order::kPsog);
    case Family::kId2Term:
      return kId2TermFamily;
    case Family::kTerm2Id:
      return kTerm2IdFamily;
    case Family::kStats:
      return kStatsFamily;
    case Family::kGraphs:
      return kGraphsFamily;
  }
  return kDefaultFamily;
}

const std::array<int, 4>& KeyPositions(Order order) { return kPositions[static_cast<int>(order)]; }

void EncodeQuadKey(Order order, const IdQuad& quad, char* out) {
  const TermId ids[4] = {quad.subject, quad.predicate, quad.object, quad.graph};
  const auto& positions = kPositions[static_cast<int>(order)];
  for (int i = 0; i < 4; ++i) StoreBigEndian64(ids[positions[i]], out + 8 * i);
}

std::string EncodeQuadKey(Order order, const IdQuad& quad) {
  std::string key(kQuadKeySize, '\0');
  EncodeQuadKey(order, quad, key.data());
  return key;
}

IdQuad DecodeQuadKey(Order order, std::string_view key) {
  TermId ids[4];
  const auto& positions = kPositions[static_cast<int>(order)];
  for (int i = 0; i < 4; ++i) ids[positions[i]] = ReadBigEndian64(key.data() + 8 * i);
  return IdQuad{ids[0], ids[1], ids[2], ids[3]};
}

std::string EncodePredicateCounts(const PredicateCounts& counts) {
  std::string value;
  value.reserve(24);
  StoreLittleEndian64(counts.quads, &value);
  StoreLittleEndian64(counts.distinct_subjects, &value);
  StoreLittleEndian64(counts.distinct_objects, &value);
  return value;
}

bool DecodePredicateCounts(std::string_view value, PredicateCounts* counts) {
  if (value.size() != 24) return false;
  counts->quads = LoadLittleEndian64(value.data());
  counts->distinct_subjects = LoadLittleEndian64(value.data() + 8);
  counts->distinct_objects = LoadLittleEndian64(value.data() + 16);
  return true;
}

std::string EncodeGraphQuads(uint64_t quads) {
  std::string value;
  value.reserve(8);
  StoreLittleEndian64(quads, &value);
  return value;
}

bool DecodeGraphQuads(std::string_view value, uint64_t* quads) {
  if (value.size() != 8) return false;
  *quads = LoadLittleEndian64(value.data());
  return true;
}

}  // namespace parley::engine
