#include "query/results/result_writer.h"

#include "absl/strings/str_cat.h"
#include "query/results/writers.h"

namespace parley::query {
namespace {

struct NamedFormat {
  std::string_view name;
  ResultFormat format;
};

constexpr NamedFormat kFormats[] = {
    {"json", ResultFormat::kJson},     {"xml", ResultFormat::kXml},
    {"csv", ResultFormat::kCsv},       {"tsv", ResultFormat::kTsv},
    {"table", ResultFormat::kTable},   {"ntriples", ResultFormat::kNTriples},
    {"turtle", ResultFormat::kTurtle},
};

std::string_view KindName(QueryResult::Kind kind) {
  switch (kind) {
    case QueryResult::Kind::kBoolean:
      return "an ASK";
    case QueryResult::Kind::kSolutions:
      return "a SELECT";
    case QueryResult::Kind::kTriples:
      return "a CONSTRUCT or DESCRIBE";
  }
  return "this";
}

}  // namespace

std::optional<ResultFormat> ResultFormatByName(std::string_view name) {
  for (const NamedFormat& named : kFormats) {
    if (named.name == name) return named.format;
  }
  return std::nullopt;
}

std::string_view ResultFormatName(ResultFormat format) {
  for (const NamedFormat& named : kFormats) {
    if (named.format == format) return named.name;
  }
  return "?";
}

bool FormatCarries(ResultFormat format, QueryResult::Kind kind) {
  switch (format) {
    case ResultFormat::kTable:
      return true;
    case ResultFormat::kNTriples:
    case ResultFormat::kTurtle:
      return kind == QueryResult::Kind::kTriples;
    case ResultFormat::kJson:
    case ResultFormat::kXml:
    case ResultFormat::kCsv:
    case ResultFormat::kTsv:
      return kind != QueryResult::Kind::kTriples;
  }
  return false;
}

absl::Status WriteResult(QueryResult& result, ResultFormat format, std::ostream& out) {
  if (!FormatCarries(format, result.kind())) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", std::string(ResultFormatName(format)), " format cannot carry ",
                     std::string(KindName(result.kind())), " result"));
  }
  absl::Status status;
  switch (format) {
    case ResultFormat::kJson:
      status = WriteJson(result, out);
      break;
    case ResultFormat::kXml:
      status = WriteXml(result, out);
      break;
    case ResultFormat::kCsv:
      status = WriteCsv(result, out);
      break;
    case ResultFormat::kTsv:
      status = WriteTsv(result, out);
      break;
    case ResultFormat::kTable:
      status = WriteTable(result, out);
      break;
    case ResultFormat::kNTriples:
      status = WriteNTriples(result, out);
      break;
    case ResultFormat::kTurtle:
      status = WriteTurtle(result, out);
      break;
  }
  if (!status.ok()) return status;
  return FinishOutput(out);
}

absl::Status Emit(std::ostream& out, std::string_view text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) return absl::UnavailableError("cannot write the results: the output failed");
  return absl::OkStatus();
}

absl::Status FinishOutput(std::ostream& out) {
  out.flush();
  if (!out) return absl::UnavailableError("cannot write the results: the output failed");
  return absl::OkStatus();
}

}  // namespace parley::query
