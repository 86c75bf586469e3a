// Test data shared by the tests of tests/api: a generated data set with
// every literal kind, and the W3C conformance files.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "parley/database.h"

namespace parley::testing_data {

// Every quad of the database, in scan order.
inline std::vector<Quad> AllQuads(Database& db) {
  std::vector<Quad> quads;
  auto it = db.Snapshot()->Scan({});
  EXPECT_TRUE(it.ok()) << it.status();
  for (; (*it)->Valid(); (*it)->Next()) quads.push_back((*it)->quad());
  EXPECT_TRUE((*it)->status().ok()) << (*it)->status();
  return quads;
}

// The files of `dir` with extension `ext` that its manifest refers to (the
// folder also holds leftovers no test uses, e.g. rdf-turtle/test-38.nt with
// an escaped surrogate pair, which RDF 1.1 does not allow).
inline std::vector<std::string> FilesWithExtension(const std::string& dir, const std::string& ext) {
  std::ifstream manifest_file(dir + "/manifest.ttl");
  const std::string manifest((std::istreambuf_iterator<char>(manifest_file)),
                             std::istreambuf_iterator<char>());
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ext && manifest.find("<" + name + ">") != std::string::npos) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// N-Quads text for a data set with every literal kind: canonical and
// non-canonical forms of every inline type, values at and past the inline
// limits, ill-typed literals, strings with escapes, language tags, unknown
// datatypes, blank nodes in every position and named graphs.
inline std::string EveryLiteralKind() {
  const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
  const std::vector<std::pair<std::string, std::string>> typed = {
      {"0", "integer"},
      {"-0", "integer"},
      {"01", "integer"},
      {"+5", "integer"},
      {"36028797018963967", "integer"},
      {"36028797018963968", "integer"},
      {"-36028797018963968", "integer"},
      {"99999999999999999999999999", "integer"},
      {"127", "byte"},
      {"128", "byte"},
      {"-5", "negativeInteger"},
      {"5", "negativeInteger"},
      {"4294967295", "unsignedInt"},
      {"65535", "unsignedShort"},
      {"1", "positiveInteger"},
      {"1.0", "decimal"},
      {"1.50", "decimal"},
      {"-0.000001", "decimal"},
      {".5", "decimal"},
      {"123456789012.123456", "decimal"},
      {"1234567890123456.5", "decimal"},
      {"1.0E0", "double"},
      {"1e3", "double"},
      {"-0.0E0", "double"},
      {"INF", "double"},
      {"-INF", "double"},
      {"NaN", "double"},
      {"0.1", "double"},
      {"1.5E3", "float"},
      {"NaN", "float"},
      {"true", "boolean"},
      {"1", "boolean"},
      {"false", "boolean"},
      {"2019-02-15", "date"},
      {"2019-02-15Z", "date"},
      {"2019-02-15+14:00", "date"},
      {"2019-02-15+00:00", "date"},
      {"-0044-03-15", "date"},
      {"0000-01-01", "date"},
      {"10000-01-01", "date"},
      {"2019-02-15T09:30:00-05:00", "dateTime"},
      {"2019-02-15T09:30:00.123Z", "dateTime"},
      {"2019-02-15T09:30:00.1234Z", "dateTime"},
      {"2019-02-15T24:00:00", "dateTime"},
      {"2019-02-15T09:30:00", "dateTime"},
      {"abc", "integer"},
      {"abc", "date"},
      {"", "string"},
      {"plain", "string"},
      {"P1Y2M", "duration"},
      {"12:00:00", "time"}};
  std::string nq;
  int n = 0;
  auto graph = [&](int i) -> std::string {
    switch (i % 3) {
      case 0:
        return "";
      case 1:
        return " <http://example.org/graph/" + std::to_string(i % 5) + ">";
      default:
        return " _:g" + std::to_string(i % 2);
    }
  };
  for (const auto& [lexical, type] : typed) {
    nq += absl::StrCat("<http://example.org/s/", n, "> <http://example.org/p/typed> \"", lexical,
                       "\"^^<", xsd, type, ">", graph(n), " .\n");
    ++n;
  }
  nq += absl::StrCat(
      "<http://example.org/s/x> <http://example.org/p/unknown> \"x\"^^<http://example.org/dt>",
      graph(1), " .\n");
  for (const std::string lang : {"en", "en-US", "zh-Hans-CN", "de"}) {
    nq +=
        absl::StrCat("_:b", n, " <http://example.org/p/label> \"héllo 🤝 \\\"q\\\"\\n\\t\\\\\"@",
                     lang, graph(n), " .\n");
    ++n;
  }
  nq += "_:a <http://example.org/p/knows> _:b .\n_:b <http://example.org/p/knows> _:a _:g0 .\n";
  nq += "<http://example.org/s/c> <http://example.org/p/ctrl> \"\\u0001\\u007F\\u0000 nul\" .\n";
  nq += "<http://example.org/s/u> <http://example.org/p/iri> <http://example.org/ü/%20x?y#z> .\n";
  return nq;
}

}  // namespace parley::testing_data
