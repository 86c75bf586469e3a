// What Database::CheckIntegrity found.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace parley {

struct IntegrityReport {
  uint64_t quads = 0;  // quads read, per index
  uint64_t terms = 0;  // dictionary entries read
  // Everything found wrong, one sentence each naming where (at most 100;
  // problem_count counts them all). Empty when the database is consistent.
  std::vector<std::string> problems;
  uint64_t problem_count = 0;

  bool ok() const { return problem_count == 0; }
};

}  // namespace parley
