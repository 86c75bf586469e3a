// The layout of a TermId. Ids are stored big-endian in index keys, so the
// numeric order of ids is the key order.
//
//   TermId := tag:4 payload:60                      (bit 63 first)
//
//   tag 0x0  dictionary   payload = dense counter value, 1 .. 2^60-1.
//                         Id 0 is the default graph (kDefaultGraphId).
//   tag 0x1  xsd:boolean  payload = 0 (false) or 1 (true)
//   tag 0x2  integers     payload = subtype:4 value:56, value in offset binary
//                         (value + 2^55), so unsigned order is numeric order.
//                         One subtype per datatype (IntegerSubtype below).
//                         Inlined: values of the datatype's own range that
//                         also lie in [-2^55, 2^55 - 1].
//   tag 0x3  xsd:decimal  payload = value * 10^6 + 2^59 (offset binary):
//                         at most 6 fraction digits, value * 10^6 in
//                         [-2^59, 2^59 - 1], i.e. value in
//                         [-576460752303.423488, 576460752303.423487].
//   tag 0x4  xsd:float    payload = key32(bits of the IEEE 754 binary32)
//   tag 0x5  xsd:double   payload = key64(bits of the IEEE 754 binary64) >> 4,
//                         only doubles whose low 4 mantissa bits are 0 (the
//                         dropped bits are then 0000 for positive and 1111
//                         for negative values, so they can be restored).
//     keyN(bits) := bits | 2^(N-1)   when the sign bit is clear
//                 | ~bits            when it is set
//     so -INF < negatives < -0.0 < +0.0 < positives < +INF in unsigned order.
//     NaN is not inlined (it has no place in that order).
//   tag 0x6  xsd:date     with a timezone      } payload layouts and their
//   tag 0x7  xsd:date     without a timezone   } order are specified in
//   tag 0x8  xsd:dateTime with a timezone      } engine/values/inline_value.h
//   tag 0x9  xsd:dateTime without a timezone   }
//   tag 0xF  reserved: kAnyId (all ones) is the scan wildcard.
//
// Within one datatype (for dates and dateTimes: and one of with / without a
// timezone, which XPath cannot always order against each other), id order is
// value order. Across those it is only an order (by tag, then subtype), not
// a comparison SPARQL may use (engine/values/xsd_value.h compares values).
#pragma once

#include <cstdint>

#include "parley/quad.h"

namespace parley::engine {

enum class IdTag : uint8_t {
  kDictionary = 0x0,
  kBoolean = 0x1,
  kInteger = 0x2,
  kDecimal = 0x3,
  kFloat = 0x4,
  kDouble = 0x5,
  kDateTz = 0x6,
  kDate = 0x7,
  kDateTimeTz = 0x8,
  kDateTime = 0x9,
  kReserved = 0xF,
};

// The datatypes inlined under IdTag::kInteger, in the subtype bits.
enum class IntegerSubtype : uint8_t {
  kInteger = 0,
  kLong,
  kInt,
  kShort,
  kByte,
  kNonNegativeInteger,
  kPositiveInteger,
  kNonPositiveInteger,
  kNegativeInteger,
  kUnsignedLong,
  kUnsignedInt,
  kUnsignedShort,
  kUnsignedByte,
};

inline constexpr int kTagShift = 60;
inline constexpr uint64_t kPayloadMask = (uint64_t{1} << kTagShift) - 1;
// The largest dense dictionary id.
inline constexpr TermId kMaxDictionaryId = kPayloadMask;

constexpr IdTag TagOf(TermId id) { return static_cast<IdTag>(id >> kTagShift); }
constexpr uint64_t PayloadOf(TermId id) { return id & kPayloadMask; }
constexpr TermId MakeId(IdTag tag, uint64_t payload) {
  return (static_cast<uint64_t>(tag) << kTagShift) | (payload & kPayloadMask);
}
constexpr bool IsInline(TermId id) {
  return TagOf(id) != IdTag::kDictionary && TagOf(id) != IdTag::kReserved;
}

}  // namespace parley::engine
