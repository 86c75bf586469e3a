#include "tools/shell/line_editor.h"

#include <histedit.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "tools/interrupt.h"

namespace parley::tools {

struct LineEditor::Rep {
  EditLine* el = nullptr;
  History* history = nullptr;
  HistEvent event;
  std::string history_file;
  std::string prompt;
  Completer completer;
};

namespace {

char* Prompt(EditLine* el) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  return static_cast<LineEditor::Rep*>(data)->prompt.data();
}

// libedit's character reader, replaced so that Ctrl-C ends the read: the
// shell's SIGINT handler has no SA_RESTART, so read() fails with EINTR and
// the flag is set; returning -1 makes el_gets return NULL with count -1.
// Decodes UTF-8 itself, whatever the locale.
int ReadCharacter(EditLine*, wchar_t* out) {
  unsigned char bytes[4];
  auto read_byte = [](unsigned char* byte) -> int {
    while (true) {
      // A Ctrl-C that came while libedit was drawing (its write failed
      // with EINTR, which it ignores) counts too.
      if (InterruptFlag().load()) return -1;
      const ssize_t n = read(STDIN_FILENO, byte, 1);
      if (n == 1) return 1;
      if (n == 0) return 0;
      if (errno != EINTR) return -1;
      if (InterruptFlag().load()) return -1;
    }
  };
  int status = read_byte(&bytes[0]);
  if (status != 1) return status;
  size_t length = 1;
  if (bytes[0] >= 0xF0) {
    length = 4;
  } else if (bytes[0] >= 0xE0) {
    length = 3;
  } else if (bytes[0] >= 0xC0) {
    length = 2;
  }
  for (size_t i = 1; i < length; ++i) {
    status = read_byte(&bytes[i]);
    if (status != 1) return status;
  }
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  uint32_t code = bytes[0] & kLeadMask[length];
  for (size_t i = 1; i < length; ++i) code = (code << 6) | (bytes[i] & 0x3F);
  *out = static_cast<wchar_t>(code);
  return 1;
}

// Tab: completes the word before the cursor to the longest common start of
// the candidates; when that adds nothing and there are several, lists them.
unsigned char Complete(EditLine* el, int) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  auto* rep = static_cast<LineEditor::Rep*>(data);
  const LineInfo* info = el_line(el);
  const std::string_view before(info->buffer, static_cast<size_t>(info->cursor - info->buffer));
  size_t start = before.size();
  while (start > 0) {
    const char c = before[start - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '{' || c == '}' || c == '(' || c == ')' ||
        c == ',' || c == ';') {
      break;
    }
    --start;
  }
  const std::string_view word = before.substr(start);
  const std::vector<std::string> candidates = rep->completer(before, word);
  if (candidates.empty()) return CC_ERROR;
  std::string common = candidates[0];
  for (const std::string& candidate : candidates) {
    size_t n = 0;
    while (n < common.size() && n < candidate.size() && common[n] == candidate[n]) ++n;
    common.resize(n);
  }
  if (common.size() > word.size()) {
    std::string insert = common.substr(word.size());
    if (candidates.size() == 1 && insert.back() != ':') insert.push_back(' ');
    el_insertstr(el, insert.c_str());
    return CC_REFRESH;
  }
  if (candidates.size() == 1) return CC_REFRESH;
  std::fputc('\n', stdout);
  size_t shown = 0;
  for (const std::string& candidate : candidates) {
    if (shown++ == 100) {
      std::fprintf(stdout, "... and %zu more", candidates.size() - 100);
      break;
    }
    std::fprintf(stdout, "%s  ", candidate.c_str());
  }
  std::fputc('\n', stdout);
  std::fflush(stdout);
  return CC_REDISPLAY;
}

}  // namespace

std::string DefaultHistoryFile() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.parley_history";
}

LineEditor::LineEditor(std::string history_file, Completer completer)
    : rep_(std::make_unique<Rep>()) {
  rep_->history_file = std::move(history_file);
  rep_->completer = std::move(completer);
  rep_->history = history_init();
  history(rep_->history, &rep_->event, H_SETSIZE, 2000);
  history(rep_->history, &rep_->event, H_SETUNIQUE, 1);
  if (!rep_->history_file.empty()) {
    history(rep_->history, &rep_->event, H_LOAD, rep_->history_file.c_str());
  }
  rep_->el = el_init("parley", stdin, stdout, stderr);
  el_set(rep_->el, EL_CLIENTDATA, rep_.get());
  el_set(rep_->el, EL_EDITOR, "emacs");
  el_set(rep_->el, EL_PROMPT, Prompt);
  el_set(rep_->el, EL_HIST, history, rep_->history);
  el_set(rep_->el, EL_GETCFN, ReadCharacter);
  el_set(rep_->el, EL_ADDFN, "parley-complete", "complete a word", Complete);
  el_set(rep_->el, EL_BIND, "^I", "parley-complete", nullptr);
  el_set(rep_->el, EL_BIND, "^R", "em-inc-search-prev", nullptr);
  el_source(rep_->el, nullptr);  // ~/.editrc, as other libedit programs do
}

LineEditor::~LineEditor() {
  if (!rep_->history_file.empty()) {
    history(rep_->history, &rep_->event, H_SAVE, rep_->history_file.c_str());
  }
  el_end(rep_->el);
  history_end(rep_->history);
}

LineEditor::Outcome LineEditor::ReadLine(const std::string& prompt, std::string* line) {
  rep_->prompt = prompt;
  // The flag is not cleared here: a Ctrl-C pressed while the previous
  // prompt's answer was printed counts at this prompt (the shell clears it
  // after each statement, whose Ctrl-C it was).
  int count = 0;
  const char* text = el_gets(rep_->el, &count);
  if (text == nullptr) {
    if (count < 0 && InterruptFlag().load()) {
      el_reset(rep_->el);
      InterruptFlag().store(false);
      return Outcome::kInterrupted;
    }
    return Outcome::kEnd;
  }
  line->assign(text, static_cast<size_t>(count));
  while (!line->empty() && (line->back() == '\n' || line->back() == '\r')) line->pop_back();
  return Outcome::kLine;
}

void LineEditor::Remember(const std::string& statement) {
  history(rep_->history, &rep_->event, H_ENTER, statement.c_str());
  // Saved now too, so that a killed shell keeps what was typed.
  if (!rep_->history_file.empty()) {
    history(rep_->history, &rep_->event, H_SAVE, rep_->history_file.c_str());
  }
}

}  // namespace parley::tools
