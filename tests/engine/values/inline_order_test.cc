// Property tests: for random values of every inline type, the order of the
// ids is the order of the values, as computed by independent oracles (exact
// int64 arithmetic, strtof/strtod, std::chrono day counting), and every id
// decodes to the lexical form it was encoded from. Fixed seeds.
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/values/inline_value.h"
#include "engine/values/xsd_numeric.h"
#include "engine/values/xsd_value.h"
#include "gtest/gtest.h"

namespace parley::engine {
namespace {

std::string Xsd(std::string_view local) { return std::string(kXsd) + std::string(local); }

template <typename Key>
struct Case {
  Key key;  // the oracle's value
  std::string lexical;
  TermId id = 0;
};

// Encodes each case (it must be inlinable, under `tag`), checks the round
// trip, then checks that sorting by id never puts a larger key before a
// smaller one, that distinct lexical forms get distinct ids, and that
// CompareXsdValues agrees with the id order.
template <typename Key>
void ExpectIdOrderIsValueOrder(std::vector<Case<Key>> cases, std::string_view local, IdTag tag) {
  const std::string datatype = Xsd(local);
  for (Case<Key>& c : cases) {
    std::optional<TermId> id = TryEncodeInline(c.lexical, datatype);
    ASSERT_TRUE(id.has_value()) << c.lexical;
    ASSERT_EQ(TagOf(*id), tag) << c.lexical;
    ASSERT_EQ(DecodeInline(*id)->value(), c.lexical);
    c.id = *id;
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case<Key>& a, const Case<Key>& b) { return a.id < b.id; });
  for (size_t i = 1; i < cases.size(); ++i) {
    const Case<Key>& a = cases[i - 1];
    const Case<Key>& b = cases[i];
    ASSERT_EQ(a.id == b.id, a.lexical == b.lexical) << a.lexical << " vs " << b.lexical;
    ASSERT_FALSE(b.key < a.key) << a.lexical << " has a smaller id than " << b.lexical;
    std::optional<XsdValue> va = ParseXsdValue(a.lexical, datatype);
    std::optional<XsdValue> vb = ParseXsdValue(b.lexical, datatype);
    ASSERT_TRUE(va && vb) << a.lexical << " " << b.lexical;
    XsdOrder order = CompareXsdValues(*va, *vb);
    ASSERT_TRUE(order == XsdOrder::kLess || order == XsdOrder::kEqual)
        << a.lexical << " vs " << b.lexical << ": " << static_cast<int>(order);
  }
}

// Uniform over the whole range, small values, or values of random length.
int64_t RandomInt(std::mt19937_64& rng, int64_t min, int64_t max) {
  int64_t lo = min;
  int64_t hi = max;
  switch (rng() % 3) {
    case 0:
      break;
    case 1:
      lo = std::max<int64_t>(min, -1000);
      hi = std::min<int64_t>(max, 1000);
      break;
    default: {
      int64_t bound = 1;
      for (int k = static_cast<int>(rng() % 19); k > 0; --k) bound *= 10;
      lo = std::max(min, -bound);
      hi = std::min(max, bound);
    }
  }
  if (lo > hi) std::swap(lo, hi);
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

TEST(InlineOrder, IntegersOfEverySubtype) {
  std::mt19937_64 rng(1);
  for (uint8_t s = 0; s <= static_cast<uint8_t>(IntegerSubtype::kUnsignedByte); ++s) {
    const XsdIntegerType& type = GetXsdIntegerType(static_cast<IntegerSubtype>(s));
    std::vector<Case<int64_t>> cases;
    for (int i = 0; i < 3000; ++i) {
      int64_t v = RandomInt(rng, type.inline_min, type.inline_max);
      cases.push_back({v, std::to_string(v)});
    }
    cases.push_back({type.inline_min, std::to_string(type.inline_min)});
    cases.push_back({type.inline_max, std::to_string(type.inline_max)});
    std::string_view local = type.iri.substr(kXsd.size());
    SCOPED_TRACE(local);
    ExpectIdOrderIsValueOrder(std::move(cases), local, IdTag::kInteger);
  }
}

// The canonical decimal for value / 10^6, written independently of the codec.
std::string DecimalLexical(int64_t scaled) {
  uint64_t magnitude = scaled < 0 ? 0 - static_cast<uint64_t>(scaled) : scaled;
  char fraction[8];
  std::snprintf(fraction, sizeof(fraction), "%06llu",
                static_cast<unsigned long long>(magnitude % 1000000));
  std::string frac(fraction);
  while (frac.size() > 1 && frac.back() == '0') frac.pop_back();
  return (scaled < 0 ? "-" : "") + std::to_string(magnitude / 1000000) + "." + frac;
}

TEST(InlineOrder, Decimals) {
  std::mt19937_64 rng(2);
  const int64_t kLimit = int64_t{1} << 59;
  std::vector<Case<int64_t>> cases;
  for (int i = 0; i < 20000; ++i) {
    int64_t v = RandomInt(rng, -kLimit, kLimit - 1);
    // Fewer fraction digits, sometimes.
    for (int k = static_cast<int>(rng() % 8); k > 0 && v % 10 != 0; --k) v -= v % 10;
    cases.push_back({v, DecimalLexical(v)});
  }
  cases.push_back({-kLimit, DecimalLexical(-kLimit)});
  cases.push_back({kLimit - 1, DecimalLexical(kLimit - 1)});
  cases.push_back({0, "0.0"});
  ExpectIdOrderIsValueOrder(std::move(cases), "decimal", IdTag::kDecimal);
}

TEST(InlineOrder, Floats) {
  std::mt19937_64 rng(3);
  std::vector<Case<double>> cases;
  for (int i = 0; i < 20000; ++i) {
    float f = rng() % 4 == 0 ? static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 8
                             : std::bit_cast<float>(static_cast<uint32_t>(rng()));
    if (std::isnan(f)) continue;
    std::string lexical = FormatXsdFloat(f);
    // Independent reader: strtof gives back the very same float.
    ASSERT_EQ(std::bit_cast<uint32_t>(std::strtof(lexical.c_str(), nullptr)),
              std::bit_cast<uint32_t>(f))
        << lexical;
    cases.push_back({f, lexical});
  }
  for (float f : {0.0f, -0.0f, std::numeric_limits<float>::infinity(),
                  -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::max(),
                  std::numeric_limits<float>::denorm_min()}) {
    cases.push_back({f, FormatXsdFloat(f)});
  }
  ExpectIdOrderIsValueOrder(std::move(cases), "float", IdTag::kFloat);
}

TEST(InlineOrder, Doubles) {
  std::mt19937_64 rng(4);
  std::vector<Case<double>> cases;
  int rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    uint64_t bits = rng();
    double with_low_bits = std::bit_cast<double>(bits | 1);
    if (!std::isnan(with_low_bits)) {
      rejected += !TryEncodeInline(FormatXsdDouble(with_low_bits), Xsd("double")).has_value();
    }
    double d = rng() % 4 == 0 ? static_cast<double>(static_cast<int>(rng() % 2001) - 1000) / 16
                              : std::bit_cast<double>(bits & ~uint64_t{0xF});
    if (std::isnan(d)) continue;
    std::string lexical = FormatXsdDouble(d);
    ASSERT_EQ(std::bit_cast<uint64_t>(std::strtod(lexical.c_str(), nullptr)),
              std::bit_cast<uint64_t>(d))
        << lexical;
    cases.push_back({d, lexical});
  }
  EXPECT_GT(rejected, 19000);  // all but the NaNs
  ExpectIdOrderIsValueOrder(std::move(cases), "double", IdTag::kDouble);
}

// Dates, written and counted independently of the codec (std::chrono).
struct RandomMoment {
  std::chrono::year_month_day date;
  int hour = 0, minute = 0, second = 0, millis = 0;
  int timezone = 0;  // minutes
};

RandomMoment MakeMoment(std::mt19937_64& rng) {
  static constexpr int kTimezones[] = {-840, -600, -1, 0, 60, 330, 840};
  RandomMoment m;
  int year = 0;
  switch (rng() % 4) {
    case 0:  // the ends of the range
      year = static_cast<int>(rng() % 2 ? -9999 + rng() % 2 : 9998 + rng() % 2);
      break;
    case 1:  // close together, so that instants collide across zones
      year = 2020;
      break;
    default:
      year = static_cast<int>(rng() % 19999) - 9999;
  }
  do {
    m.date =
        std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(1 + rng() % 12),
                                    std::chrono::day(1 + rng() % 31));
  } while (!m.date.ok());
  if (year == 2020) m.date = std::chrono::year(2020) / std::chrono::January / (1 + rng() % 3);
  m.hour = rng() % 3 == 0 ? 0 : static_cast<int>(rng() % 24);
  m.minute = rng() % 3 == 0 ? 0 : static_cast<int>(rng() % 60);
  m.second = static_cast<int>(rng() % 60);
  m.millis = rng() % 3 == 0 ? 0 : static_cast<int>(rng() % 1000);
  m.timezone = rng() % 2 ? kTimezones[rng() % 7] : static_cast<int>(rng() % 1681) - 840;
  if (year == 2020) {
    m.minute = rng() % 2 ? 0 : 30;
    m.second = 0;
    m.millis = 0;
  }
  return m;
}

std::string DateLexical(const std::chrono::year_month_day& d) {
  int year = static_cast<int>(d.year());
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%s%04d-%02u-%02u", year < 0 ? "-" : "", std::abs(year),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string TimeLexical(const RandomMoment& m) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d:%02d", m.hour, m.minute, m.second);
  std::string out = buf;
  if (m.millis != 0) {
    std::snprintf(buf, sizeof(buf), ".%03d", m.millis);
    std::string fraction = buf;
    while (fraction.back() == '0') fraction.pop_back();
    out += fraction;
  }
  return out;
}

std::string TimezoneLexical(int minutes) {
  if (minutes == 0) return "Z";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%c%02d:%02d", minutes < 0 ? '-' : '+', std::abs(minutes) / 60,
                std::abs(minutes) % 60);
  return buf;
}

int64_t DaysOf(const std::chrono::year_month_day& d) {
  return std::chrono::sys_days(d).time_since_epoch().count();
}

int64_t LocalMillis(const RandomMoment& m) {
  using namespace std::chrono;
  auto t = sys_days(m.date) + hours(m.hour) + minutes(m.minute) + seconds(m.second) +
           milliseconds(m.millis);
  return time_point_cast<milliseconds>(t).time_since_epoch().count();
}

TEST(InlineOrder, DatesWithoutTimezone) {
  std::mt19937_64 rng(5);
  std::vector<Case<int64_t>> cases;
  for (int i = 0; i < 20000; ++i) {
    RandomMoment m = MakeMoment(rng);
    cases.push_back({DaysOf(m.date), DateLexical(m.date)});
  }
  ExpectIdOrderIsValueOrder(std::move(cases), "date", IdTag::kDate);
}

TEST(InlineOrder, DatesWithTimezoneOrderByInstantThenZone) {
  std::mt19937_64 rng(6);
  std::vector<Case<std::pair<int64_t, int>>> cases;
  for (int i = 0; i < 20000; ++i) {
    RandomMoment m = MakeMoment(rng);
    // A date's first instant: local midnight minus the offset.
    int64_t instant = DaysOf(m.date) * 1440 - m.timezone;
    cases.push_back({{instant, m.timezone}, DateLexical(m.date) + TimezoneLexical(m.timezone)});
  }
  ExpectIdOrderIsValueOrder(std::move(cases), "date", IdTag::kDateTz);
}

TEST(InlineOrder, DateTimesWithoutTimezone) {
  std::mt19937_64 rng(7);
  std::vector<Case<int64_t>> cases;
  for (int i = 0; i < 20000; ++i) {
    RandomMoment m = MakeMoment(rng);
    cases.push_back({LocalMillis(m), DateLexical(m.date) + TimeLexical(m)});
  }
  ExpectIdOrderIsValueOrder(std::move(cases), "dateTime", IdTag::kDateTime);
}

TEST(InlineOrder, DateTimesWithTimezoneOrderByInstantThenZone) {
  std::mt19937_64 rng(8);
  std::vector<Case<std::pair<int64_t, int>>> cases;
  size_t ties = 0;  // equal instants in different zones
  for (int i = 0; i < 20000; ++i) {
    RandomMoment m = MakeMoment(rng);
    int64_t instant = LocalMillis(m) - int64_t{60000} * m.timezone;
    cases.push_back({{instant, m.timezone},
                     DateLexical(m.date) + TimeLexical(m) + TimezoneLexical(m.timezone)});
  }
  std::vector<std::pair<int64_t, int>> keys;
  for (const auto& c : cases) keys.push_back(c.key);
  std::sort(keys.begin(), keys.end());
  for (size_t i = 1; i < keys.size(); ++i) {
    ties += keys[i].first == keys[i - 1].first && keys[i].second != keys[i - 1].second;
  }
  EXPECT_GT(ties, 100u);
  ExpectIdOrderIsValueOrder(std::move(cases), "dateTime", IdTag::kDateTimeTz);
}

}  // namespace
}  // namespace parley::engine
