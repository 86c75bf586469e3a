// Helpers shared by the engine tests: temporary directories, child
// processes (this test binary re-executed in a mode), and a brute-force
// model of the statistics.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "engine/statistics.h"
#include "gtest/gtest.h"
#include "parley/quad.h"
#include "parley/read_view.h"
#include "parley/statistics.h"

extern char** environ;

namespace parley {

// Readable gtest output for terms and quads.
inline void PrintTo(const Term& term, std::ostream* os) {
  *os << (term.is_default_graph() ? std::string("DEFAULT") : term.ToNTriples());
}
inline void PrintTo(const Quad& quad, std::ostream* os) { *os << quad.ToNQuads(); }

}  // namespace parley

namespace parley::engine {

inline void PrintTo(const PredicateEntry& e, std::ostream* os) {
  *os << "{predicate " << e.predicate << ": quads " << e.counts.quads << ", subjects "
      << e.counts.distinct_subjects << ", objects " << e.counts.distinct_objects << "}";
}

}  // namespace parley::engine

namespace parley::engine::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/parley-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The child's end of the pipes, as fixed descriptor numbers.
inline constexpr int kChildWriteFd = 100;  // child -> parent
inline constexpr int kChildReadFd = 101;   // parent -> child
inline constexpr const char* kChildModeEnv = "PARLEY_TEST_CHILD_MODE";
inline constexpr const char* kChildArgEnv = "PARLEY_TEST_CHILD_ARG";

// The mode this process runs in as a child, or "" in the parent.
inline std::string ChildMode() {
  const char* mode = std::getenv(kChildModeEnv);
  return mode != nullptr ? mode : "";
}
inline std::string ChildArg() {
  const char* arg = std::getenv(kChildArgEnv);
  return arg != nullptr ? arg : "";
}

// This test binary, re-executed (exec, not a bare fork: RocksDB runs
// threads) with only `test_name` selected and the mode/arg in its
// environment. `from_child` reads what it writes to kChildWriteFd;
// closing `to_child` gives it EOF on kChildReadFd. Its stdout is discarded.
class ChildProcess {
 public:
  ChildProcess(const std::string& test_name, const std::string& mode, const std::string& arg) {
    int up[2], down[2];
    if (::pipe2(up, O_CLOEXEC) != 0 || ::pipe2(down, O_CLOEXEC) != 0) std::abort();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, up[1], kChildWriteFd);
    posix_spawn_file_actions_adddup2(&actions, down[0], kChildReadFd);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);

    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string entry = *e;
      if (entry.rfind(std::string(kChildModeEnv) + "=", 0) == 0) continue;
      if (entry.rfind(std::string(kChildArgEnv) + "=", 0) == 0) continue;
      env_strings.push_back(entry);
    }
    env_strings.push_back(std::string(kChildModeEnv) + "=" + mode);
    env_strings.push_back(std::string(kChildArgEnv) + "=" + arg);
    std::vector<char*> envp;
    for (std::string& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);

    std::string exe = "/proc/self/exe";
    std::string filter = "--gtest_filter=" + test_name;
    char* argv[] = {exe.data(), filter.data(), nullptr};
    if (posix_spawn(&pid_, exe.c_str(), &actions, nullptr, argv, envp.data()) != 0) std::abort();
    posix_spawn_file_actions_destroy(&actions);
    ::close(up[1]);
    ::close(down[0]);
    from_child_ = up[0];
    to_child_ = down[1];
  }
  ~ChildProcess() {
    CloseToChild();
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
    if (from_child_ >= 0) ::close(from_child_);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads one '\n'-terminated line; false at EOF or after timeout_ms.
  bool ReadLine(std::string* line, int timeout_ms) {
    line->clear();
    while (true) {
      const size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        *line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return true;
      }
      pollfd pfd{from_child_, POLLIN, 0};
      if (::poll(&pfd, 1, timeout_ms) <= 0) return false;
      char chunk[4096];
      const ssize_t n = ::read(from_child_, chunk, sizeof(chunk));
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

  void CloseToChild() {
    if (to_child_ >= 0) ::close(to_child_);
    to_child_ = -1;
  }
  void Kill() { ::kill(pid_, SIGKILL); }
  // The wait status; -1 when already reaped.
  int Wait() {
    if (pid_ <= 0) return -1;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int from_child_ = -1;
  int to_child_ = -1;
  std::string buffer_;
};

// In a child: writes `line` + '\n' to the parent.
inline void TellParent(const std::string& line) {
  const std::string data = line + "\n";
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(kChildWriteFd, data.data() + done, data.size() - done);
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
}

// In a child: blocks until the parent closes its end.
inline void WaitForParentEof() {
  char c;
  while (::read(kChildReadFd, &c, 1) > 0) {
  }
}

// Statistics recomputed from a set of quads, predicates keyed by term.
struct ModelCounts {
  uint64_t quads = 0;
  uint64_t subjects = 0;
  uint64_t objects = 0;
  friend bool operator==(const ModelCounts&, const ModelCounts&) = default;
  friend void PrintTo(const ModelCounts& c, std::ostream* os) {
    *os << "{quads " << c.quads << ", subjects " << c.subjects << ", objects " << c.objects << "}";
  }
};
inline std::map<Term, ModelCounts> ModelStatistics(const std::set<Quad>& quads) {
  std::map<Term, std::set<Term>> subjects, objects;
  std::map<Term, ModelCounts> result;
  for (const Quad& q : quads) {
    ++result[q.predicate].quads;
    subjects[q.predicate].insert(q.subject);
    objects[q.predicate].insert(q.object);
  }
  for (auto& [p, counts] : result) {
    counts.subjects = subjects[p].size();
    counts.objects = objects[p].size();
  }
  return result;
}
inline std::map<Term, ModelCounts> StoredStatistics(const Statistics& statistics) {
  std::map<Term, ModelCounts> result;
  for (const PredicateStatistics& p : statistics.predicates) {
    result[p.predicate] = ModelCounts{p.quads, p.distinct_subjects, p.distinct_objects};
  }
  return result;
}

// Every quad of `view`, as a set (fails the test on error).
inline std::set<Quad> AllQuads(const ReadView& view) {
  std::set<Quad> quads;
  auto it = view.Scan(QuadPattern{});
  EXPECT_TRUE(it.ok()) << it.status();
  if (!it.ok()) return quads;
  for (; (*it)->Valid(); (*it)->Next()) quads.insert((*it)->quad());
  EXPECT_TRUE((*it)->status().ok()) << (*it)->status();
  return quads;
}

}  // namespace parley::engine::testing
