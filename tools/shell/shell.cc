#include "tools/shell/shell.h"

#include <sys/stat.h>
#include <unistd.h>

#include <langinfo.h>
#include <clocale>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/cli_support.h"
#include "tools/interrupt.h"
#include "tools/shell/completion.h"
#include "tools/shell/line_editor.h"
#include "tools/shell/session.h"
#include "tools/shell/statements.h"

namespace parley::tools {
namespace {

constexpr char kPrompt[] = "parley> ";
constexpr char kContinuationPrompt[] = "   ...> ";

// libedit works in the locale's character set: make it UTF-8 (the
// terminal's own when it is, C.UTF-8 otherwise).
void UseUtf8Locale() {
  std::setlocale(LC_CTYPE, "");
  if (std::strcmp(nl_langinfo(CODESET), "UTF-8") != 0) std::setlocale(LC_CTYPE, "C.UTF-8");
}

int RunInteractive(Session& session) {
  UseUtf8Locale();
  CatchInterrupts(InterruptMode::kEveryTime);
  LineEditor editor(DefaultHistoryFile(), [&session](std::string_view line, std::string_view word) {
    return CompletionCandidates(session, line, word);
  });
  StatementAssembler assembler(session);
  bool interrupted_at_empty_prompt = false;
  std::string line;
  while (!session.quit_requested) {
    const LineEditor::Outcome outcome =
        editor.ReadLine(assembler.pending() ? kContinuationPrompt : kPrompt, &line);
    if (outcome == LineEditor::Outcome::kEnd) {
      std::cout << std::endl;
      break;
    }
    if (outcome == LineEditor::Outcome::kInterrupted) {
      std::cout << "^C" << std::endl;
      if (assembler.pending()) {
        assembler.TakePending();
        interrupted_at_empty_prompt = false;
        continue;
      }
      if (interrupted_at_empty_prompt) break;
      std::cerr << "(Ctrl-C again, Ctrl-D or .quit to leave)" << std::endl;
      interrupted_at_empty_prompt = true;
      continue;
    }
    interrupted_at_empty_prompt = false;
    std::optional<std::string> statement = assembler.AddLine(line);
    if (!statement) continue;
    editor.Remember(*statement);
    if (absl::Status status = session.Execute(*statement); !status.ok()) PrintError("", status);
    InterruptFlag().store(false);  // a Ctrl-C during the statement was for it
  }
  return kExitOk;
}

}  // namespace

void AddShellOptions(CLI::App& app, ShellArgs* args) {
  app.add_option("DB", args->db, "database directory for the shell (created when missing)");
  app.add_option("-c,--command", args->commands,
                 "run this statement (SPARQL or a dot-command) and exit; may be repeated");
  app.add_option("--mode,--format", args->mode,
                 "output mode: table, box, ascii, csv, tsv, json, xml, ntriples, turtle, dot");
  app.add_option("--timeout", args->timeout_ms, "stop statements after MS milliseconds")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            int64_t ms = 0;
            if (absl::SimpleAtoi(text, &ms) && ms > 0) return std::string();
            return absl::StrCat("expected a positive number of milliseconds, got '", text, "'");
          },
          "MS"));
  app.add_flag("--keep-going", args->keep_going,
               "with -c or piped input: go on after an error (the exit code still says 1)");
  app.add_option("--allow-load", args->allow_load, "a directory an update's LOAD may read");
  app.add_flag("--union-default-graph", args->union_default_graph,
               "the default graph is the union of every graph");
}

int RunShell(const ShellArgs& args) {
  SessionOptions options;
  options.interactive = args.commands.empty() && isatty(STDIN_FILENO);
  options.union_default_graph = args.union_default_graph;
  std::error_code error;
  options.load_directories.push_back(std::filesystem::current_path(error).string());
  if (args.allow_load) options.load_directories.push_back(*args.allow_load);
  Session session(options);
  if (args.mode) {
    std::optional<OutputMode> mode = OutputModeByName(*args.mode);
    if (!mode) {
      return Fail(absl::StrCat("unknown --mode '", *args.mode, "' (one of ",
                               std::string(OutputModeNames()), ")"),
                  kExitUsage);
    }
    session.mode = *mode;
  }
  session.timeout_ms = args.timeout_ms;
  if (absl::Status opened = session.Open(args.db); !opened.ok()) {
    return Fail(std::string(opened.message()));
  }

  if (!options.interactive) CatchInterrupts(InterruptMode::kOnceThenDefault);
  if (!args.commands.empty()) {
    int code = kExitOk;
    for (const std::string& command : args.commands) {
      absl::Status status = session.Execute(command);
      if (status.ok()) continue;
      PrintError("", status);
      code = kExitError;
      if (!args.keep_going) break;
    }
    return code;
  }
  if (!options.interactive) {
    // A file on stdin can be read ahead; a pipe's writer may be waiting
    // for each answer.
    struct stat input;
    const bool from_file = fstat(STDIN_FILENO, &input) == 0 && S_ISREG(input.st_mode);
    return RunScript(session, std::cin, "stdin", args.keep_going, from_file).ok() ? kExitOk
                                                                                  : kExitError;
  }
  std::cout << "parley " << PARLEY_VERSION << " on "
            << (args.db ? *args.db : "a temporary database (.open DB to open one)")
            << ". Enter SPARQL, or .help for the commands." << std::endl;
  return RunInteractive(session);
}

}  // namespace parley::tools
