#include "query/results/result_writer.h"

#include <optional>
#include <string>
#include <vector>

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
    {"turtle", ResultFormat::kTurtle}, {"dot", ResultFormat::kDot},
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

// Passes a result through and counts the rows or triples pulled from it, so
// that WriteResult can report them without every writer counting.
class CountingResult : public QueryResult {
 public:
  explicit CountingResult(QueryResult& result) : result_(result) {}

  uint64_t count() const { return count_; }

  Kind kind() const override { return result_.kind(); }
  bool boolean() const override { return result_.boolean(); }
  const std::vector<std::string>& variables() const override { return result_.variables(); }
  absl::StatusOr<bool> NextRow(std::vector<std::optional<Term>>* row) override {
    return Count(result_.NextRow(row));
  }
  absl::StatusOr<bool> NextTriple(Term* subject, Term* predicate, Term* object) override {
    return Count(result_.NextTriple(subject, predicate, object));
  }
  std::string plan() const override { return result_.plan(); }

 private:
  absl::StatusOr<bool> Count(absl::StatusOr<bool> more) {
    if (more.ok() && *more) ++count_;
    return more;
  }

  QueryResult& result_;
  uint64_t count_ = 0;
};

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
    case ResultFormat::kDot:
      return kind == QueryResult::Kind::kTriples;
    case ResultFormat::kJson:
    case ResultFormat::kXml:
    case ResultFormat::kCsv:
    case ResultFormat::kTsv:
      return kind != QueryResult::Kind::kTriples;
  }
  return false;
}

absl::StatusOr<uint64_t> WriteResult(QueryResult& result, ResultFormat format,
                                     const WriteOptions& options, std::ostream& out) {
  if (!FormatCarries(format, result.kind())) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", std::string(ResultFormatName(format)), " format cannot carry ",
                     std::string(KindName(result.kind())), " result"));
  }
  CountingResult counted(result);
  absl::Status status;
  switch (format) {
    case ResultFormat::kJson:
      status = WriteJson(counted, out);
      break;
    case ResultFormat::kXml:
      status = WriteXml(counted, out);
      break;
    case ResultFormat::kCsv:
      status = WriteCsv(counted, out);
      break;
    case ResultFormat::kTsv:
      status = WriteTsv(counted, out);
      break;
    case ResultFormat::kTable:
      status = WriteTable(counted, options, out);
      break;
    case ResultFormat::kNTriples:
      status = WriteNTriples(counted, out);
      break;
    case ResultFormat::kTurtle:
      status = WriteTurtle(counted, out);
      break;
    case ResultFormat::kDot:
      status = WriteDot(counted, options, out);
      break;
  }
  if (!status.ok()) return status;
  if (absl::Status finished = FinishOutput(out); !finished.ok()) return finished;
  return result.kind() == QueryResult::Kind::kBoolean ? uint64_t{1} : counted.count();
}

absl::Status WriteResult(QueryResult& result, ResultFormat format, std::ostream& out) {
  return WriteResult(result, format, WriteOptions(), out).status();
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
