// One shell session: the open database and the settings the dot-commands
// change, and the running of one statement (SPARQL text or a dot-command
// line). The input loops (shell.cc) feed it complete statements.
#pragma once

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "tools/database_handle.h"
#include "tools/shell/output_mode.h"
#include "tools/shell/prefixes.h"

namespace parley::tools {

struct SessionOptions {
  bool interactive = false;  // a person at a terminal: prompts, hints, timer on
  bool union_default_graph = false;
  std::vector<std::string> load_directories;  // for update requests' LOAD
};

class Session {
 public:
  explicit Session(SessionOptions options);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Opens the database at `path` (created when missing), or a temporary
  // one for nullopt, replacing the one open. On error the old one stays.
  // A database locked by another process (or on read-only media) opens
  // read-only, with a note on stderr. The database open now, named again,
  // stays open as it is when it is read-write; read-only it is opened
  // again (read-write once the other process has let it go).
  absl::Status Open(const std::optional<std::string>& path);

  // Runs one statement: a line starting with '.' is a dot-command, anything
  // else SPARQL (a query or an update request). Results go to out(),
  // messages about them to stderr. The error is returned for the caller to
  // print (and, in batch mode, to stop on).
  absl::Status Execute(std::string_view statement);

  // The settings and state the dot-commands (dot_commands.cc) work on.
  DatabaseHandle& handle() { return *handle_; }
  Database& db() { return handle_->db(); }
  const SessionOptions& options() const { return options_; }
  PrefixList& prefixes() { return prefixes_; }
  OutputMode mode = OutputMode::kTable;
  bool timer = false;
  std::optional<int64_t> timeout_ms;
  bool quit_requested = false;

  // Where results go: stdout, or the file `.output FILE` named.
  std::ostream& out() { return file_out_ ? *file_out_ : std::cout; }
  // nullopt: back to stdout.
  absl::Status RedirectOutput(const std::optional<std::string>& path);
  bool output_is_terminal() const;

  // Runs SPARQL text with the session's settings; `explain` for .explain
  // and .analyze.
  absl::Status RunSparql(std::string_view text, QueryOptions::Explain explain);

  // The predicates and classes of the database, as the completion offers
  // them (prefixed where a prefix applies), computed once per database.
  const std::vector<std::string>& VocabularyWords();
  // Forgets the vocabulary after the data changed (an update, a load).
  void DataChanged() { vocabulary_.reset(); }
  // Declares a prefix and keeps it with the database (when it is neither
  // temporary nor read-only; otherwise for this session, and says so).
  absl::Status DeclarePrefix(const std::string& name, const std::string& iri);

 private:
  absl::Status OpenPath(const std::optional<std::string>& path);
  // Reads the prefixes kept with the database at `path`.
  absl::Status ReloadPrefixes(const std::string& path);

  SessionOptions options_;
  std::unique_ptr<DatabaseHandle> handle_;
  PrefixList prefixes_;
  std::unique_ptr<std::ofstream> file_out_;
  std::optional<std::vector<std::string>> vocabulary_;
  bool read_only_ = false;
};

// Columns of the terminal on stdout, 0 when stdout is not a terminal.
size_t TerminalWidth();

}  // namespace parley::tools
