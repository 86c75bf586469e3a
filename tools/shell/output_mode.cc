#include "tools/shell/output_mode.h"

#include <array>
#include <utility>

namespace parley::tools {
namespace {

constexpr std::array<std::pair<std::string_view, OutputMode>, 10> kModes = {{
    {"table", OutputMode::kTable},
    {"box", OutputMode::kBox},
    {"ascii", OutputMode::kAscii},
    {"csv", OutputMode::kCsv},
    {"tsv", OutputMode::kTsv},
    {"json", OutputMode::kJson},
    {"xml", OutputMode::kXml},
    {"ntriples", OutputMode::kNTriples},
    {"turtle", OutputMode::kTurtle},
    {"dot", OutputMode::kDot},
}};

}  // namespace

std::optional<OutputMode> OutputModeByName(std::string_view name) {
  for (const auto& [mode_name, mode] : kModes) {
    if (mode_name == name) return mode;
  }
  return std::nullopt;
}

std::string_view OutputModeName(OutputMode mode) {
  for (const auto& [mode_name, candidate] : kModes) {
    if (candidate == mode) return mode_name;
  }
  return "table";
}

std::string_view OutputModeNames() {
  return "table, box, ascii, csv, tsv, json, xml, ntriples, turtle, dot";
}

bool IsTableMode(OutputMode mode) {
  return mode == OutputMode::kTable || mode == OutputMode::kBox || mode == OutputMode::kAscii;
}

query::ResultFormat FormatFor(OutputMode mode, QueryResult::Kind kind) {
  query::ResultFormat format = query::ResultFormat::kTable;
  switch (mode) {
    case OutputMode::kTable:
    case OutputMode::kBox:
    case OutputMode::kAscii:
      break;
    case OutputMode::kCsv:
      format = query::ResultFormat::kCsv;
      break;
    case OutputMode::kTsv:
      format = query::ResultFormat::kTsv;
      break;
    case OutputMode::kJson:
      format = query::ResultFormat::kJson;
      break;
    case OutputMode::kXml:
      format = query::ResultFormat::kXml;
      break;
    case OutputMode::kNTriples:
      format = query::ResultFormat::kNTriples;
      break;
    case OutputMode::kTurtle:
      format = query::ResultFormat::kTurtle;
      break;
    case OutputMode::kDot:
      format = query::ResultFormat::kDot;
      break;
  }
  return query::FormatCarries(format, kind) ? format : query::ResultFormat::kTable;
}

}  // namespace parley::tools
