// Literals whose value fits in a TermId (see engine/layout/term_id.h).
//
// A literal is inlined only when its lexical form is the canonical one that
// DecodeInline() prints, so every literal round-trips exactly as written:
// "01"^^xsd:integer, "1.50"^^xsd:decimal or "+5"^^xsd:integer are not
// canonical and go to the dictionary, as do values that do not fit (or whose
// order could not be kept, e.g. NaN) and ill-typed literals ("abc"^^xsd:int).
//
// Date and dateTime payloads (tags 0x6 - 0x9 of engine/layout/term_id.h). A date or
// dateTime is inlined when its year, as written, is in [kMinInlineYear,
// kMaxInlineYear] and its fraction of a second has at most 3 digits. With
//
//   day      := DaysFromCivil(year, month, day)   (engine/values/xsd_datetime.h:
//               days since 1970-01-01, proleptic Gregorian, year 0 = 1 BCE)
//   day0     := DaysFromCivil(-9999, 1, 1)
//   tz       := timezone offset in minutes, -840 .. 840 ('Z' = 0)
//   local_ms := day * 86400000 + ((hh * 60 + mm) * 60 + ss) * 1000 + millis
//
//   tag 0x7  date          payload := day - day0
//   tag 0x6  date + tz     payload := instant * 1681 + (tz + 840)
//                          instant := day * 1440 - tz - (day0 * 1440 - 840)
//   tag 0x9  dateTime      payload := local_ms - day0 * 86400000
//   tag 0x8  dateTime + tz payload := instant * 1681 + (tz + 840)
//                          instant := local_ms - tz * 60000
//                                     - (day0 * 86400000 - 840 * 60000)
//
// So values without a timezone order by their local value, and values with a
// timezone by their instant on the UTC time line (minutes for a date: its
// first instant; milliseconds for a dateTime), as XPath compares them; the
// timezone only breaks ties between equal instants written in different
// zones ("12:00:00Z" < "14:00:00+02:00"), so both forms round-trip. The
// largest tag 0x8 payload, about 1.061 * 10^18, is below 2^60 (1.153 * 10^18):
// that is what bounds the year range.
//
// Canonical lexical forms (anything else goes to the dictionary):
//   boolean  := 'true' | 'false'
//   integer  := '0' | '-'? [1-9] [0-9]*
//   decimal  := '-'? ('0' | [1-9] [0-9]*) '.' ('0' | [0-9]* [1-9])    not "-0.0"
//   float    := as FormatXsdFloat / FormatXsdDouble print (engine/values/xsd_numeric.h)
//   date     := year '-' MM '-' DD tz?
//   dateTime := year '-' MM '-' DD 'T' hh ':' mm ':' ss ('.' [0-9]{0,2} [1-9])? tz?
//   year     := '-'? [0-9]{4}                                         not "-0000"
//   tz       := 'Z' | ('+' | '-') hh ':' mm                 not "+00:00" / "-00:00"
// with hh 00-23 in a time (no "24:00:00").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"

#include "engine/layout/term_id.h"
#include "parley/term.h"

namespace parley::engine {

// The years of dates and dateTimes that are inlined (see above).
inline constexpr int64_t kMinInlineYear = -9999;
inline constexpr int64_t kMaxInlineYear = 9999;

// The inline id of the literal (lexical, datatype), or nullopt when it is not
// inlinable. Never fails: "not inlinable" is the answer for anything else.
std::optional<TermId> TryEncodeInline(std::string_view lexical, std::string_view datatype);

// The literal an inline id stands for. DataLoss for an id TryEncodeInline
// never produces (not inline, an unused tag, a payload out of its range):
// ids come from disk, and damaged data must be an error, not an abort.
absl::StatusOr<Term> DecodeInline(TermId id);

}  // namespace parley::engine
