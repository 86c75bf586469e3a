#include "tools/shell/dot_commands.h"
#include "tools/text_util.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/cli_support.h"
#include "tools/commands.h"
#include "tools/interrupt.h"
#include "tools/shell/session.h"
#include "tools/shell/statements.h"

namespace parley::tools {
namespace {

namespace fs = std::filesystem;

// A command's words after its name; `rest` is the raw text after the name
// (for .explain and .analyze, whose argument is a query).
struct Arguments {
  std::vector<std::string> words;
  std::string_view rest;
};

using Handler = absl::Status (*)(Session&, const Arguments&);

struct DotCommand {
  std::string_view name;
  std::string_view usage;
  std::string_view help;
  Handler run;
  size_t min_words = 0;
  size_t max_words = 0;
};

absl::Status Usage(const DotCommand& command) {
  return absl::InvalidArgumentError(absl::StrCat("usage: ", std::string(command.usage)));
}

// Splits on blanks; '...' and "..." quote a word with blanks in it.
absl::StatusOr<std::vector<std::string>> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (true) {
    while (i < text.size() && absl::ascii_isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) return words;
    std::string word;
    if (text[i] == '"' || text[i] == '\'') {
      const char quote = text[i];
      const size_t end = text.find(quote, i + 1);
      if (end == std::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat("unterminated ", std::string(1, quote)));
      }
      word = text.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      while (i < text.size() && !absl::ascii_isspace(static_cast<unsigned char>(text[i]))) {
        word.push_back(text[i++]);
      }
    }
    words.push_back(std::move(word));
  }
}

// Takes "--name VALUE" (or --name=VALUE) out of `words`.
absl::StatusOr<std::optional<std::string>> TakeOption(std::vector<std::string>& words,
                                                      std::string_view name) {
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == name) {
      if (i + 1 >= words.size()) {
        return absl::InvalidArgumentError(absl::StrCat(std::string(name), " needs a value"));
      }
      std::string value = words[i + 1];
      words.erase(words.begin() + i, words.begin() + i + 2);
      return std::optional<std::string>(std::move(value));
    }
    if (word.size() > name.size() && word.compare(0, name.size(), name) == 0 &&
        word[name.size()] == '=') {
      std::string value = word.substr(name.size() + 1);
      words.erase(words.begin() + i);
      return std::optional<std::string>(std::move(value));
    }
  }
  return std::optional<std::string>();
}

absl::Status NoStrayOptions(const std::vector<std::string>& words) {
  for (const std::string& word : words) {
    if (word.size() > 1 && word[0] == '-') {
      return absl::InvalidArgumentError(absl::StrCat("unknown option ", word));
    }
  }
  return absl::OkStatus();
}

// An IRI typed bare or in <>.
std::string BareIri(std::string_view text) {
  if (text.size() >= 2 && text.front() == '<' && text.back() == '>') {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

absl::Status Help(Session& session, const Arguments& args);

absl::Status Open(Session& session, const Arguments& args) {
  std::optional<std::string> path;
  if (!args.words.empty()) path = args.words[0];
  if (absl::Status opened = session.Open(path); !opened.ok()) return opened;
  if (!path) std::cerr << "opened a temporary database (it goes when the shell exits)\n";
  return absl::OkStatus();
}

absl::Status Load(Session& session, const Arguments& args) {
  std::vector<std::string> words = args.words;
  absl::StatusOr<std::optional<std::string>> format = TakeOption(words, "--format");
  if (!format.ok()) return format.status();
  if (absl::Status stray = NoStrayOptions(words); !stray.ok()) return stray;
  if (words.empty() || words.size() > 2) {
    return absl::InvalidArgumentError("usage: .load FILE [GRAPH] [--format F]");
  }
  LoadOptions options;
  absl::StatusOr<std::optional<DataFormat>> data_format = ParseDataFormat(format->value_or(""));
  if (!data_format.ok()) return data_format.status();
  options.format = *data_format;
  if (words.size() == 2) {
    options.graph = Term::Iri(BareIri(words[1]));
    if (absl::Status valid = options.graph->Validate(); !valid.ok()) return valid;
  }
  options.cancel = &InterruptFlag();
  absl::Status loaded = LoadFiles(session.db(), {words[0]}, options, session.timer, session.out());
  session.DataChanged();
  return loaded;
}

absl::Status Export(Session& session, const Arguments& args) {
  std::vector<std::string> words = args.words;
  absl::StatusOr<std::optional<std::string>> format = TakeOption(words, "--format");
  if (!format.ok()) return format.status();
  absl::StatusOr<std::optional<std::string>> graph = TakeOption(words, "--graph");
  if (!graph.ok()) return graph.status();
  if (absl::Status stray = NoStrayOptions(words); !stray.ok()) return stray;
  if (words.size() != 1) {
    return absl::InvalidArgumentError("usage: .export FILE [--format F] [--graph IRI]");
  }
  ExportOptions options;
  absl::StatusOr<std::optional<DataFormat>> data_format = ParseDataFormat(format->value_or(""));
  if (!data_format.ok()) return data_format.status();
  options.format = *data_format;
  if (*graph) {
    options.graph = Term::Iri(BareIri(**graph));
    if (absl::Status valid = options.graph->Validate(); !valid.ok()) return valid;
  }
  absl::StatusOr<ExportSummary> summary = session.db().Export(words[0], options);
  if (!summary.ok()) return summary.status();
  session.out() << absl::StrFormat("exported %d quads to %s", summary->quads, words[0]);
  if (session.timer) session.out() << absl::StrFormat(" in %.2f s", summary->seconds);
  session.out() << "\n";
  return absl::OkStatus();
}

absl::Status Mode(Session& session, const Arguments& args) {
  if (args.words.empty()) {
    session.out() << OutputModeName(session.mode) << "\n";
    return absl::OkStatus();
  }
  std::optional<OutputMode> mode = OutputModeByName(Lower(args.words[0]));
  if (!mode) {
    return absl::InvalidArgumentError(absl::StrCat("unknown mode '", args.words[0], "' (one of ",
                                                   std::string(OutputModeNames()), ")"));
  }
  session.mode = *mode;
  return absl::OkStatus();
}

absl::Status Timer(Session& session, const Arguments& args) {
  const std::string value = Lower(args.words[0]);
  if (value != "on" && value != "off") return absl::InvalidArgumentError("usage: .timer on|off");
  session.timer = value == "on";
  return absl::OkStatus();
}

absl::Status Explain(Session& session, const Arguments& args) {
  if (Trim(args.rest).empty()) {
    return absl::InvalidArgumentError("usage: .explain QUERY");
  }
  // Without the blank after the name: error positions count from the query.
  return session.RunSparql(TrimLeft(args.rest), QueryOptions::Explain::kPlan);
}

absl::Status Analyze(Session& session, const Arguments& args) {
  if (Trim(args.rest).empty()) {
    return absl::InvalidArgumentError("usage: .analyze QUERY");
  }
  return session.RunSparql(TrimLeft(args.rest), QueryOptions::Explain::kAnalyze);
}

// Bytes of the files under `dir`.
uint64_t SizeOnDisk(const std::string& dir) {
  uint64_t bytes = 0;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file(error)) bytes += entry.file_size(error);
  }
  return bytes;
}

std::string HumanSize(uint64_t bytes) {
  if (bytes < 1024) return absl::StrCat(bytes, " B");
  if (bytes < (uint64_t{1} << 20)) return absl::StrFormat("%.1f KiB", bytes / 1024.0);
  if (bytes < (uint64_t{1} << 30)) return absl::StrFormat("%.1f MiB", bytes / 1048576.0);
  return absl::StrFormat("%.2f GiB", bytes / 1073741824.0);
}

absl::Status Stats(Session& session, const Arguments&) {
  std::unique_ptr<ReadView> view = session.db().Snapshot();
  absl::StatusOr<Statistics> stats = view->GetStatistics();
  if (!stats.ok()) return stats.status();
  absl::StatusOr<std::vector<Term>> graphs = view->Graphs();
  if (!graphs.ok()) return graphs.status();
  absl::StatusOr<uint64_t> in_default = view->Count({.graph = Term()});
  if (!in_default.ok()) return in_default.status();
  std::ostream& out = session.out();
  out << absl::StrFormat("quads:        %d (%d in the default graph)\n", stats->quads, *in_default);
  // Statistics::dictionary_terms: read from a counter, no scan.
  out << absl::StrFormat("terms:        %d in the dictionary\n", stats->dictionary_terms);
  out << absl::StrFormat("named graphs: %d\n", graphs->size());
  out << absl::StrFormat("predicates:   %d\n", stats->predicates.size());
  out << "size on disk: " << (session.handle().is_scratch() ? "(temporary) " : "")
      << HumanSize(SizeOnDisk(session.handle().path())) << "\n";
  std::vector<PredicateStatistics> top = stats->predicates;
  std::sort(top.begin(), top.end(), [](const PredicateStatistics& a, const PredicateStatistics& b) {
    return a.quads != b.quads ? a.quads > b.quads : a.predicate.value() < b.predicate.value();
  });
  if (top.size() > 10) top.resize(10);
  if (!top.empty()) out << "top predicates:\n";
  for (const PredicateStatistics& p : top) {
    out << absl::StrFormat("  %10d  %s\n", p.quads, p.predicate.ToNTriples());
  }
  return absl::OkStatus();
}

absl::Status Validate(Session& session, const Arguments& args) {
  absl::StatusOr<Shapes> shapes = LoadShapes(args.words.empty() ? "" : args.words[0]);
  if (!shapes.ok()) return shapes.status();
  ValidationOptions options;
  options.cancel = &InterruptFlag();
  absl::StatusOr<ValidationReport> report = session.db().Validate(*shapes, options);
  if (!report.ok()) return report.status();
  if (absl::Status written = WriteValidationReport(*report, "text", session.out()); !written.ok()) {
    return written;
  }
  // Like `parley validate`'s exit 1: a script stops here unless it keeps going.
  if (!report->conforms) return absl::FailedPreconditionError("the data does not conform");
  return absl::OkStatus();
}

absl::Status Strict(Session& session, const Arguments& args) {
  const std::string& mode = args.words[0];
  if (mode == "off" && args.words.size() == 1) {
    session.db().SetStrictShapes(std::nullopt);
    return absl::OkStatus();
  }
  if (mode != "on") return absl::InvalidArgumentError("usage: .strict on [SHAPES] | off");
  absl::StatusOr<Shapes> shapes = LoadShapes(args.words.size() > 1 ? args.words[1] : "");
  if (!shapes.ok()) return shapes.status();
  session.out() << "strict mode: every write is checked against " << shapes->size()
                << " shapes first\n";
  session.db().SetStrictShapes(*std::move(shapes));
  return absl::OkStatus();
}

absl::Status Graphs(Session& session, const Arguments&) {
  std::unique_ptr<ReadView> view = session.db().Snapshot();
  absl::StatusOr<std::vector<Term>> graphs = view->Graphs();
  if (!graphs.ok()) return graphs.status();
  absl::StatusOr<uint64_t> in_default = view->Count({.graph = Term()});
  if (!in_default.ok()) return in_default.status();
  session.out() << absl::StrFormat("%10d  (default graph)\n", *in_default);
  for (const Term& graph : *graphs) {
    absl::StatusOr<uint64_t> count = view->Count({.graph = graph});
    if (!count.ok()) return count.status();
    session.out() << absl::StrFormat("%10d  %s\n", *count, graph.ToNTriples());
  }
  return absl::OkStatus();
}

absl::Status Prefix(Session& session, const Arguments& args) {
  std::string name = args.words[0];
  if (!name.empty() && name.back() == ':') name.pop_back();
  return session.DeclarePrefix(name, BareIri(args.words[1]));
}

absl::Status Prefixes(Session& session, const Arguments&) {
  for (const auto& [name, iri] : session.prefixes().entries()) {
    session.out() << "PREFIX " << name << ": <" << iri << ">\n";
  }
  return absl::OkStatus();
}

absl::Status Read(Session& session, const Arguments& args) {
  // .read inside .read inside ...: a script that reads itself stops here.
  static int depth = 0;
  if (depth >= 16) return absl::FailedPreconditionError(".read nested more than 16 deep");
  std::error_code error;
  if (fs::is_directory(args.words[0], error)) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read ", args.words[0], ": a directory"));
  }
  errno = 0;
  std::ifstream in(args.words[0]);
  if (!in) {
    const int reason = errno;
    return absl::NotFoundError(
        absl::StrCat("cannot read ", args.words[0],
                     reason != 0 ? absl::StrCat(": ", std::strerror(reason)) : std::string()));
  }
  ++depth;
  absl::Status status =
      RunScript(session, in, args.words[0], /*keep_going=*/false, /*look_ahead=*/true);
  --depth;
  if (status.ok()) return status;
  // Already printed with its file and line; the caller only needs to know.
  return absl::AbortedError(absl::StrCat(args.words[0], " stopped at its first error"));
}

absl::Status Output(Session& session, const Arguments& args) {
  if (args.words.empty()) return session.RedirectOutput(std::nullopt);
  return session.RedirectOutput(args.words[0]);
}

absl::Status Timeout(Session& session, const Arguments& args) {
  if (args.words.empty()) {
    session.out() << (session.timeout_ms ? absl::StrCat(*session.timeout_ms, " ms") : "off")
                  << "\n";
    return absl::OkStatus();
  }
  if (Lower(args.words[0]) == "off" || args.words[0] == "0") {
    session.timeout_ms.reset();
    return absl::OkStatus();
  }
  int64_t ms = 0;
  if (!absl::SimpleAtoi(args.words[0], &ms) || ms <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected milliseconds or off, got '", args.words[0], "'"));
  }
  session.timeout_ms = ms;
  return absl::OkStatus();
}

absl::Status Backup(Session& session, const Arguments& args) {
  const std::string& target = args.words[0];
  std::error_code error;
  // Said plainly here rather than in the storage engine's words.
  const fs::path parent = fs::path(target).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, error)) {
    return absl::NotFoundError(
        absl::StrCat("cannot back up to ", target, ": no directory ", parent.string()));
  }
  if (absl::Status backed_up = session.db().Backup(target); !backed_up.ok()) return backed_up;
  const fs::path prefixes = fs::path(session.handle().path()) / kPrefixFile;
  if (fs::exists(prefixes, error)) {
    fs::copy_file(prefixes, fs::path(target) / kPrefixFile, error);
    if (error) {
      return absl::UnavailableError(
          absl::StrCat("the database was backed up, but not its prefixes: ", error.message()));
    }
  }
  session.out() << "backed up to " << target << "\n";
  return absl::OkStatus();
}

absl::Status Quit(Session& session, const Arguments&) {
  session.quit_requested = true;
  return absl::OkStatus();
}

constexpr size_t kAny = 1000;

const DotCommand kCommands[] = {
    {".help", ".help [COMMAND]", "list the commands, or explain one", Help, 0, 1},
    {".open", ".open [DB]", "open (or create) DB; without DB a temporary database", Open, 0, 1},
    {".load", ".load FILE [GRAPH] [--format F]",
     "load an RDF file or a dump (into named graph GRAPH); Ctrl-C cancels, nothing is loaded", Load,
     1, kAny},
    {".export", ".export FILE [--format F] [--graph IRI]",
     "write the database (or one graph) to FILE; the format comes from the extension", Export, 1,
     kAny},
    {".mode", ".mode [MODE]",
     "how results print: table, box, ascii, csv, tsv, json, xml, ntriples, turtle or dot", Mode, 0,
     1},
    {".timer", ".timer on|off", "print how long each statement took", Timer, 1, 1},
    {".explain", ".explain QUERY", "show the plan of QUERY without running it", Explain, 0, kAny},
    {".analyze", ".analyze QUERY", "run QUERY and show its plan with rows and times", Analyze, 0,
     kAny},
    {".stats", ".stats", "quads, terms, graphs, predicates, size on disk, the top predicates",
     Stats, 0, 0},
    {".graphs", ".graphs", "the named graphs and their quads", Graphs, 0, 0},
    {".validate", ".validate [SHAPES]",
     "check the data against SHACL shapes (default: the bundled negotiation shapes)", Validate, 0,
     1},
    {".strict", ".strict on [SHAPES] | off",
     "check every write against the shapes first; refuse writes that break them", Strict, 1, 2},
    {".prefix", ".prefix NAME IRI",
     "declare a prefix for queries and output, kept with the database", Prefix, 2, 2},
    {".prefixes", ".prefixes", "list the prefixes in force", Prefixes, 0, 0},
    {".read", ".read FILE", "run the statements in FILE", Read, 1, 1},
    {".output", ".output [FILE]", "send results to FILE; without FILE back to the screen", Output,
     0, 1},
    {".timeout", ".timeout [MS|off]", "stop statements that run longer than MS milliseconds",
     Timeout, 0, 1},
    {".backup", ".backup DIR", "write a consistent copy of the database to DIR (a new directory)",
     Backup, 1, 1},
    {".quit", ".quit", "leave the shell (also .exit, Ctrl-D)", Quit, 0, 0},
    {".exit", ".exit", "leave the shell", Quit, 0, 0},
};

const DotCommand* Find(std::string_view name) {
  for (const DotCommand& command : kCommands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

absl::Status Help(Session& session, const Arguments& args) {
  std::ostream& out = session.out();
  if (!args.words.empty()) {
    std::string name = args.words[0];
    if (name[0] != '.') name.insert(0, ".");
    const DotCommand* command = Find(name);
    if (command == nullptr) {
      return absl::NotFoundError(absl::StrCat("no command ", name, " (.help lists them)"));
    }
    out << command->usage << "\n  " << command->help << "\n";
    return absl::OkStatus();
  }
  out << "Type a SPARQL query or update; it runs when it is complete at the end of a line.\n"
         "Ctrl-C cancels a running statement or clears the input; Ctrl-D leaves.\n\n";
  for (const DotCommand& command : kCommands) {
    out << absl::StrFormat("%-42s %s\n", command.usage, command.help);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunDotCommand(Session& session, std::string_view line) {
  line = Trim(line);
  const size_t end = std::min(line.find_first_of(" \t\n"), line.size());
  const std::string name = Lower(line.substr(0, end));
  const DotCommand* command = Find(name);
  if (command == nullptr) {
    std::string_view nearest;
    size_t best = 3;
    for (const DotCommand& candidate : kCommands) {
      const size_t distance = EditDistance(name, candidate.name);
      if (distance < best) {
        best = distance;
        nearest = candidate.name;
      }
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown command ", name,
        nearest.empty() ? "" : absl::StrCat(" (did you mean ", std::string(nearest), "?)"),
        "; .help lists the commands"));
  }
  Arguments args;
  args.rest = line.substr(end);
  if (command->run != Explain && command->run != Analyze) {
    absl::StatusOr<std::vector<std::string>> words = SplitWords(args.rest);
    if (!words.ok())
      return absl::InvalidArgumentError(absl::StrCat(name, ": ", words.status().message()));
    args.words = *std::move(words);
    if (args.words.size() < command->min_words || args.words.size() > command->max_words) {
      return Usage(*command);
    }
  }
  absl::Status status = command->run(session, args);
  if (status.ok() || absl::IsAborted(status) ||
      std::string_view(status.message().data(), status.message().size()).starts_with("usage:")) {
    return status;
  }
  return absl::Status(status.code(), absl::StrCat(name, ": ", status.message()));
}

std::vector<std::string_view> DotCommandNames() {
  std::vector<std::string_view> names;
  for (const DotCommand& command : kCommands) names.push_back(command.name);
  return names;
}

bool DotCommandTakesQuery(std::string_view line) {
  line = TrimLeft(line);
  const std::string name =
      Lower(line.substr(0, std::min(line.find_first_of(" \t\n"), line.size())));
  return name == ".explain" || name == ".analyze";
}

}  // namespace parley::tools
