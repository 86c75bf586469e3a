// Embedding Parley: open a database, record who met whom and which source
// reported it, then read it back. Uses only the public headers.
//
//   embed DIR     (DIR is created if needed; prints what it stored)
#include <cstdio>
#include <memory>
#include <string>

#include "parley/database.h"

namespace {

constexpr char kEx[] = "http://example.org/neg#";
constexpr char kData[] = "http://example.org/data/";

parley::Term Ex(const std::string& local) { return parley::Term::Iri(kEx + local); }
parley::Term Data(const std::string& path) { return parley::Term::Iri(kData + path); }

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "embed: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: embed DIR\n");
    return 2;
  }
  auto db = parley::Database::Open(argv[1], parley::Options());
  if (!db.ok()) return Fail(db.status());

  const parley::Term meeting = Data("meeting/beijing-2019-02-15");
  const parley::Term wsj = Data("news/wsj");
  {
    auto txn = (*db)->BeginWrite();
    if (!txn.ok()) return Fail(txn.status());
    const parley::Quad quads[] = {
        {meeting, Ex("participant"), Data("person/mnuchin"), {}},
        {meeting, Ex("participant"), Data("person/liu-he"), {}},
        {meeting,
         Ex("date"),
         parley::Term::TypedLiteral("2019-02-15", "http://www.w3.org/2001/XMLSchema#date"),
         {}},
        {Data("commitment/mou"), Ex("madeAt"), meeting, wsj},
        {Data("commitment/mou"), Ex("subject"),
         parley::Term::LangLiteral("memorandum of understanding", "en"), wsj},
    };
    for (const parley::Quad& quad : quads) {
      if (absl::Status s = (*txn)->Insert(quad); !s.ok()) return Fail(s);
    }
    if (absl::Status s = (*txn)->Commit(); !s.ok()) return Fail(s);
  }

  std::unique_ptr<parley::ReadView> view = (*db)->Snapshot();
  auto participants = view->Scan({.subject = meeting, .predicate = Ex("participant")});
  if (!participants.ok()) return Fail(participants.status());
  for (auto& it = *participants; it->Valid(); it->Next()) {
    std::printf("%s\n", it->quad().ToNQuads().c_str());
  }
  if (!(*participants)->status().ok()) return Fail((*participants)->status());

  auto reported = view->Count({.graph = wsj});
  if (!reported.ok()) return Fail(reported.status());
  std::printf("quads reported by %s: %llu\n", wsj.ToNTriples().c_str(),
              static_cast<unsigned long long>(*reported));
  return 0;
}
