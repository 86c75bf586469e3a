// The datatype IRIs the function library reads and writes.
#pragma once

#include <string_view>

namespace parley::query::xsd {

inline constexpr std::string_view kString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
inline constexpr std::string_view kInteger = "http://www.w3.org/2001/XMLSchema#integer";
inline constexpr std::string_view kDecimal = "http://www.w3.org/2001/XMLSchema#decimal";
inline constexpr std::string_view kFloat = "http://www.w3.org/2001/XMLSchema#float";
inline constexpr std::string_view kDouble = "http://www.w3.org/2001/XMLSchema#double";
inline constexpr std::string_view kDateTime = "http://www.w3.org/2001/XMLSchema#dateTime";
inline constexpr std::string_view kDate = "http://www.w3.org/2001/XMLSchema#date";
inline constexpr std::string_view kDayTimeDuration =
    "http://www.w3.org/2001/XMLSchema#dayTimeDuration";
inline constexpr std::string_view kLangString =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

}  // namespace parley::query::xsd
