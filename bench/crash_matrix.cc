// The crash matrix: a child process runs one write (a commit, a load of each
// format, a large update on disk, an export) and is killed with SIGKILL at a
// random point; then the database must open and hold the state before the
// write or the state after it, whole (CheckIntegrity), and an export's file
// must be the previous file or a complete export. Each scenario's first
// round runs to the end, to time the write; later rounds are killed within
// 1.2 times that, every other one in its last fifth, where the commit is.
//
//   crash_matrix [--rounds N] [--scenario NAME] [--seed S] WORKDIR
//
// N rounds per scenario (default 112: 1,008 over the nine scenarios).
// Prints rounds, kills that left the state before / after, and losses per
// scenario; exits 1 on any loss. WORKDIR is created and filled (about
// 20 MB). CTest runs a few rounds of each (bench/CMakeLists.txt).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "parley/database.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;

constexpr int kBaseQuads = 10;
constexpr int kDataQuads = 20000;  // a third in the default graph

enum class Scenario {
  kCommit,
  kLoadNTriples,
  kLoadNQuads,
  kLoadTurtle,
  kLoadTriG,
  kLoadDump,
  kUpdateOnDisk,
  kExportNQuads,
  kExportDump,
};
constexpr Scenario kScenarios[] = {
    Scenario::kCommit,       Scenario::kLoadNTriples, Scenario::kLoadNQuads,
    Scenario::kLoadTurtle,   Scenario::kLoadTriG,     Scenario::kLoadDump,
    Scenario::kUpdateOnDisk, Scenario::kExportNQuads, Scenario::kExportDump,
};

const char* Name(Scenario scenario) {
  switch (scenario) {
    case Scenario::kCommit:
      return "commit";
    case Scenario::kLoadNTriples:
      return "load-nt";
    case Scenario::kLoadNQuads:
      return "load-nq";
    case Scenario::kLoadTurtle:
      return "load-ttl";
    case Scenario::kLoadTriG:
      return "load-trig";
    case Scenario::kLoadDump:
      return "load-dump";
    case Scenario::kUpdateOnDisk:
      return "update-on-disk";
    case Scenario::kExportNQuads:
      return "export-nq";
    case Scenario::kExportDump:
      return "export-dump";
  }
  return "?";
}

void Check(const absl::Status& status, const char* what) {
  if (status.ok()) return;
  std::fprintf(stderr, "crash_matrix: %s: %s\n", what, status.ToString().c_str());
  std::exit(2);
}

std::unique_ptr<parley::Database> Open(const std::string& path) {
  parley::Options options;
  options.sync_on_commit = false;  // a kill, not a power cut: the OS keeps what was written
  auto db = parley::Database::Open(path, options);
  Check(db.status(), path.c_str());
  return *std::move(db);
}

parley::Term Ex(const std::string& name) { return parley::Term::Iri("http://example.org/" + name); }

std::vector<parley::Quad> Quads(int n, const std::string& predicate_prefix, bool graphs) {
  std::vector<parley::Quad> quads;
  for (int i = 0; i < n; ++i) {
    const parley::Term object = i % 2 == 0 ? parley::Term::Literal("value " + std::to_string(i))
                                           : Ex("o" + std::to_string(i % 977));
    const parley::Term graph =
        graphs && i % 3 != 0 ? Ex("g" + std::to_string(i % 3)) : parley::Term();
    quads.push_back(
        {Ex("s" + std::to_string(i)), Ex(predicate_prefix + std::to_string(i % 7)), object, graph});
  }
  return quads;
}

void Insert(parley::Database& db, const std::vector<parley::Quad>& quads) {
  auto txn = db.BeginWrite();
  Check(txn.status(), "begin");
  for (const parley::Quad& quad : quads) Check((*txn)->Insert(quad), "insert");
  Check((*txn)->Commit(), "commit");
}

struct Paths {
  std::string work;
  std::string File(const std::string& name) const { return (fs::path(work) / name).string(); }
  std::string source() const { return File("source"); }
  std::string target() const { return File("target"); }
  std::string output(Scenario s) const {
    return File(s == Scenario::kExportDump ? "out.pdump" : "out.nq");
  }
  std::string data(Scenario s) const {
    switch (s) {
      case Scenario::kLoadNTriples:
        return File("data.nt");
      case Scenario::kLoadTurtle:
        return File("data.ttl");
      case Scenario::kLoadTriG:
        return File("data.trig");
      case Scenario::kLoadDump:
        return File("data.pdump");
      default:
        return File("data.nq");
    }
  }
};

// The source database (base + data quads) and its exports to load.
void Prepare(const Paths& paths) {
  fs::create_directories(paths.work);
  fs::remove_all(paths.source());
  auto db = Open(paths.source());
  Insert(*db, Quads(kBaseQuads, "base", false));
  Insert(*db, Quads(kDataQuads, "p", true));
  auto export_as = [&](const std::string& file, parley::DataFormat format, bool default_only) {
    parley::ExportOptions options;
    options.format = format;
    if (default_only) options.graph = parley::Term();
    Check(db->Export(file, options).status(), file.c_str());
  };
  // The base quads go too; loads into a target that holds them add none.
  export_as(paths.File("data.nt"), parley::DataFormat::kNTriples, true);
  export_as(paths.File("data.ttl"), parley::DataFormat::kTurtle, true);
  export_as(paths.File("data.nq"), parley::DataFormat::kNQuads, false);
  export_as(paths.File("data.trig"), parley::DataFormat::kTriG, false);
  export_as(paths.File("data.pdump"), parley::DataFormat::kDump, false);
  Check(db->Close(), "close");
}

uint64_t CountQuads(parley::Database& db) {
  auto count = db.Snapshot()->Count(parley::QuadPattern{});
  Check(count.status(), "count");
  return *count;
}

// The child: the write of `scenario`, between "ready" and "done" on stdout.
int RunChild(Scenario scenario, const Paths& paths) {
  const bool exports = scenario == Scenario::kExportNQuads || scenario == Scenario::kExportDump;
  auto db = Open(exports ? paths.source() : paths.target());
  std::printf("ready\n");
  std::fflush(stdout);
  switch (scenario) {
    case Scenario::kCommit:
      Insert(*db, Quads(kDataQuads, "p", true));
      break;
    case Scenario::kUpdateOnDisk: {
      parley::UpdateOptions options;
      options.memory_budget_bytes = 64 << 10;  // 16 quads in memory: the rest on disk
      Check(db->Update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", options).status(), "update");
      break;
    }
    case Scenario::kExportNQuads:
    case Scenario::kExportDump:
      Check(db->Export(paths.output(scenario), parley::ExportOptions()).status(), "export");
      break;
    default:
      Check(db->Load({paths.data(scenario)}, parley::LoadOptions()).status(), "load");
      break;
  }
  std::printf("done\n");
  std::fflush(stdout);
  return 0;
}

// A child process whose stdout the parent reads line by line.
class Child {
 public:
  Child(Scenario scenario, const std::string& work) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) std::abort();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::string exe = "/proc/self/exe", mode = "--child", name = Name(scenario), dir = work;
    char* argv[] = {exe.data(), mode.data(), name.data(), dir.data(), nullptr};
    if (posix_spawn(&pid_, exe.c_str(), &actions, nullptr, argv, environ) != 0) std::abort();
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    from_child_ = out[0];
  }
  ~Child() {
    Kill();
    ::close(from_child_);
  }

  // The next line, or false after `timeout_ms` or at EOF.
  bool ReadLine(std::string* line, int timeout_ms) {
    line->clear();
    char c;
    while (true) {
      pollfd pfd{from_child_, POLLIN, 0};
      if (::poll(&pfd, 1, timeout_ms) <= 0) return false;
      if (::read(from_child_, &c, 1) != 1) return false;
      if (c == '\n') return true;
      line->push_back(c);
    }
  }
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int from_child_ = -1;
};

// A fresh target database holding the base quads (and, for the update, the
// data quads it deletes).
void ResetTarget(Scenario scenario, const Paths& paths) {
  fs::remove_all(paths.target());
  auto db = Open(paths.target());
  Insert(*db, Quads(kBaseQuads, "base", false));
  if (scenario == Scenario::kUpdateOnDisk) Insert(*db, Quads(kDataQuads, "p", true));
  Check(db->Close(), "close");
}

uint64_t DefaultGraphDataQuads() { return (kDataQuads + 2) / 3; }

// The quads the target holds after the write (before: the returned pair's
// first).
std::pair<uint64_t, uint64_t> Expected(Scenario scenario) {
  switch (scenario) {
    case Scenario::kLoadNTriples:
    case Scenario::kLoadTurtle:
      return {kBaseQuads, kBaseQuads + DefaultGraphDataQuads()};
    case Scenario::kUpdateOnDisk:
      return {kBaseQuads + kDataQuads, kBaseQuads + DefaultGraphDataQuads()};
    default:
      return {kBaseQuads, kBaseQuads + kDataQuads};
  }
}

enum class Outcome { kBefore, kAfter, kLoss };

// Whether the target (or the export's file) is as before or after, whole.
Outcome Judge(Scenario scenario, const Paths& paths, std::string* why) {
  if (scenario == Scenario::kExportNQuads || scenario == Scenario::kExportDump) {
    const std::string out = paths.output(scenario);
    std::ifstream in(out, std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    if (content == "previous\n") return Outcome::kBefore;
    // A complete export loads whole into a fresh database.
    const std::string check = paths.File("check");
    fs::remove_all(check);
    auto db = Open(check);
    auto loaded = db->Load({out}, parley::LoadOptions());
    const uint64_t quads = loaded.ok() ? CountQuads(*db) : 0;
    if (loaded.ok() && quads == kBaseQuads + kDataQuads) return Outcome::kAfter;
    *why = loaded.ok() ? "the export holds " + std::to_string(quads) + " quads"
                       : "the export does not load: " + loaded.status().ToString();
    return Outcome::kLoss;
  }
  auto db = parley::Database::Open(paths.target(), parley::Options());
  if (!db.ok()) {
    *why = "the database does not open: " + db.status().ToString();
    return Outcome::kLoss;
  }
  auto integrity = (*db)->CheckIntegrity();
  if (!integrity.ok() || !integrity->ok()) {
    *why = integrity.ok() ? integrity->problems.front() : integrity.status().ToString();
    return Outcome::kLoss;
  }
  const uint64_t quads = CountQuads(**db);
  const auto [before, after] = Expected(scenario);
  if (quads == before) return Outcome::kBefore;
  if (quads == after) return Outcome::kAfter;
  *why = "the database holds " + std::to_string(quads) + " quads, neither " +
         std::to_string(before) + " nor " + std::to_string(after);
  return Outcome::kLoss;
}

struct Tally {
  int rounds = 0, before = 0, after = 0, losses = 0;
};

Tally RunScenario(Scenario scenario, const Paths& paths, int rounds, std::mt19937& rng) {
  Tally tally;
  int write_ms = 0;
  for (int round = 0; round < rounds; ++round) {
    if (scenario == Scenario::kExportNQuads || scenario == Scenario::kExportDump) {
      std::ofstream(paths.output(scenario), std::ios::trunc) << "previous\n";
    } else {
      ResetTarget(scenario, paths);
    }
    Child child(scenario, paths.work);
    std::string line;
    if (!child.ReadLine(&line, 60000) || line != "ready") {
      std::fprintf(stderr, "crash_matrix: %s: the child did not start (%s)\n", Name(scenario),
                   line.c_str());
      std::exit(2);
    }
    if (round == 0) {
      const auto start = std::chrono::steady_clock::now();
      if (!child.ReadLine(&line, 300000) || line != "done") {
        std::fprintf(stderr, "crash_matrix: %s: the write failed\n", Name(scenario));
        std::exit(2);
      }
      write_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - start)
                                      .count());
    } else {
      const int from = round % 2 == 0 ? write_ms * 4 / 5 : 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(
          std::uniform_int_distribution<int>(from, write_ms + write_ms / 5)(rng)));
    }
    child.Kill();
    std::string why;
    ++tally.rounds;
    switch (Judge(scenario, paths, &why)) {
      case Outcome::kBefore:
        ++tally.before;
        break;
      case Outcome::kAfter:
        ++tally.after;
        break;
      case Outcome::kLoss:
        ++tally.losses;
        std::fprintf(stderr, "LOSS %s round %d: %s\n", Name(scenario), round, why.c_str());
        break;
    }
  }
  std::printf("%-15s %6d rounds  %6d before  %6d after  %3d losses  (the write takes %d ms)\n",
              Name(scenario), tally.rounds, tally.before, tally.after, tally.losses, write_ms);
  std::fflush(stdout);
  return tally;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--child") == 0) {
    for (Scenario scenario : kScenarios) {
      if (std::strcmp(argv[2], Name(scenario)) == 0) return RunChild(scenario, Paths{argv[3]});
    }
    return 2;
  }
  int rounds = 112;
  unsigned seed = std::random_device()();
  std::string only;
  std::string work;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
    } else if (arg == "--scenario" && i + 1 < argc) {
      only = argv[++i];
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else if (work.empty() && !arg.starts_with("--")) {
      work = fs::absolute(arg).string();
    } else {
      work.clear();
      break;
    }
  }
  if (work.empty() || rounds < 1) {
    std::fprintf(stderr, "usage: crash_matrix [--rounds N] [--scenario NAME] [--seed S] WORKDIR\n");
    return 2;
  }
  const Paths paths{work};
  Prepare(paths);
  std::mt19937 rng(seed);
  std::printf("crash matrix: %d rounds per scenario, seed %u\n", rounds, seed);
  Tally total;
  for (Scenario scenario : kScenarios) {
    if (!only.empty() && only != Name(scenario)) continue;
    const Tally tally = RunScenario(scenario, paths, rounds, rng);
    total.rounds += tally.rounds;
    total.before += tally.before;
    total.after += tally.after;
    total.losses += tally.losses;
  }
  std::printf("%-15s %6d rounds  %6d before  %6d after  %3d losses\n", "total", total.rounds,
              total.before, total.after, total.losses);
  return total.losses == 0 ? 0 : 1;
}
