#!/usr/bin/env python3
"""Drives the interactive `parley` shell on a pseudo-terminal, as a person
would: multi-line input, tab completion, history across sessions, Ctrl-C
cancelling a long query and clearing input, .mode switching, a table cut
to a narrow terminal, and Ctrl-D leaving.

Usage: interactive_test.py PARLEY SAMPLE.trig
"""
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

PARLEY, SAMPLE = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="parley-shell-test-")
db = os.path.join(work, "db")
env = dict(os.environ, HOME=work, TERM="xterm", LANG="C.UTF-8")


children = []  # shells still to reap: killed at the end, whatever happened


class Shell:
    def __init__(self, columns=100):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(work)
            os.execve(PARLEY, [PARLEY, db], env)
        children.append(self.pid)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        self.seen = b""
        self.expect(b"parley> ")

    def send(self, text):
        os.write(self.fd, text.encode() if isinstance(text, str) else text)

    def key(self, text, timeout=20):
        """Sends keys for the line editor once it has the terminal: libedit may
        print its prompt before it leaves canonical mode, where the line
        discipline itself would take ^D as end of file and ^U as kill."""
        deadline = time.time() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.time() > deadline:
                raise AssertionError("the line editor never took the terminal")
            time.sleep(0.01)
        self.send(text)

    def expect(self, wanted, timeout=20):
        """Reads until `wanted` appears in the output since the last expect."""
        wanted = wanted.encode() if isinstance(wanted, str) else wanted
        deadline = time.time() + timeout
        while wanted not in self.seen:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {wanted!r}; the screen had:\n"
                                     f"{self.seen.decode(errors='replace')}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the shell ended while waiting for {wanted!r}:\n"
                                         f"{self.seen.decode(errors='replace')}")
                self.seen += chunk
        at = self.seen.index(wanted) + len(wanted)
        before, self.seen = self.seen[:at], self.seen[at:]
        return before.decode(errors="replace")

    def cpu_seconds(self):
        """User and system CPU time the shell process has used."""
        with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_for_cpu(self, seconds, timeout=60):
        deadline = time.time() + timeout
        while self.cpu_seconds() < seconds:
            if time.time() > deadline:
                raise AssertionError("the shell never got busy; the screen had:\n"
                                     + self.seen.decode(errors="replace"))
            time.sleep(0.05)

    def wait_exit(self, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
                if ready:
                    os.read(self.fd, 65536)
            except OSError:
                pass
        # Where it is stuck, thread by thread, for the report.
        states = []
        for task in sorted(os.listdir(f"/proc/{self.pid}/task")):
            with open(f"/proc/{self.pid}/task/{task}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{self.pid}/task/{task}/wchan", encoding="ascii") as wchan:
                states.append(f"{task}:{fields[0]}:{wchan.read()}")
        raise AssertionError("the shell did not exit; threads: " + " ".join(states))


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    subprocess.run([PARLEY, "load", db, SAMPLE], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([PARLEY, db, "-c", ".prefix ex http://example.org/neg#"], check=True)

    shell = Shell()
    # Multi-line input runs when the query is complete, with a continuation
    # prompt in between.
    shell.send("SELECT ?m\r")
    shell.expect("...> ")
    shell.send("WHERE { ?m a ex:Meeting }\r")
    screen = shell.expect("3 rows")
    check("beijing-2019-02-14" in screen and "│" in screen, "no box table:\n" + screen)
    shell.expect("parley> ")

    # Tab completion: a dot-command, a mode name, a keyword, a predicate.
    # (The editor redraws only what changed: the rest of each word appears.)
    shell.key(".mo\t")
    shell.expect("de ")
    shell.key("cs\t")
    shell.expect("v ")
    shell.send("\r")
    shell.expect("parley> ")
    shell.key("sel\t")
    shell.expect("ect ")
    shell.key("?q WHERE { GRAPH ?g { ?s ex:quo\t")
    shell.expect("te ")
    shell.send("?q } } ORDER BY ?q LIMIT 1\r")
    screen = shell.expect("parley> ")
    check("\nq\r" in screen and "Just wait" in screen and "│" not in screen,
          ".mode csv did not switch:\n" + screen)
    shell.send(".mode table\r")
    shell.expect("parley> ")

    # Ctrl-C cancels a long query and returns to the prompt. It is sent once
    # the query is seen burning CPU: on a loaded machine a fixed pause may
    # end before the shell has even read the line.
    cpu = shell.cpu_seconds()
    shell.send("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }\r")
    shell.wait_for_cpu(cpu + 0.5)
    shell.send(b"\x03")
    # Uncancelled, the query would run for many seconds more.
    screen = shell.expect("parley> ", timeout=60)
    check("cancel" in screen.lower(), "Ctrl-C did not cancel the query:\n" + screen)

    # Ctrl-C clears a half-typed statement.
    shell.send("SELECT ?x WHERE {\r")
    shell.expect("...> ")
    time.sleep(0.3)
    shell.send(b"\x03")
    shell.expect("parley> ")

    # A narrow terminal: long values are cut with an ellipsis.
    fcntl.ioctl(shell.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 40, 0, 0))
    shell.send("SELECT ?q WHERE { GRAPH ?g { ?s ex:quote ?q } } LIMIT 2\r")
    screen = shell.expect("2 rows")
    lines = [l for l in screen.split("\r\n") if l.startswith(("│", "┌", "└", "├"))]
    check(lines and all(len(l) <= 40 for l in lines), "lines wider than 40:\n" + screen)
    check("…" in screen, "no ellipsis in a narrow table:\n" + screen)
    shell.expect("parley> ")

    # An unknown command gets help, not a crash.
    shell.send(".frobnicate\r")
    screen = shell.expect("parley> ")
    check(".help" in screen, "unhelpful message:\n" + screen)

    # Ctrl-D leaves with status 0.
    shell.key(b"\x04")
    check(shell.wait_exit() == 0, "Ctrl-D did not exit cleanly")

    # History across sessions: Up recalls the last statement of the last one.
    history = open(os.path.join(work, ".parley_history"), encoding="utf-8").read()
    check(".frobnicate" in history, "history not saved:\n" + history)
    shell = Shell()
    shell.key(b"\x1b[A")
    shell.expect(".frobnicate")
    shell.key(b"\x15")  # clear the line
    time.sleep(0.3)
    # Ctrl-C twice at an empty prompt leaves.
    shell.send(b"\x03")
    shell.expect("again")
    shell.send(b"\x03")
    check(shell.wait_exit() == 0, "two Ctrl-C did not exit")
    print("interactive shell: all checks passed")


def watchdog(signum, frame):
    # Fail with a message and a stack before CTest's timeout kills us silently.
    raise AssertionError("the test ran for more than 240 s")


sys.stdout.reconfigure(line_buffering=True)  # what ran shows even if CTest kills us
signal.signal(signal.SIGALRM, watchdog)
signal.alarm(240)
try:
    main()
finally:
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    shutil.rmtree(work, ignore_errors=True)
