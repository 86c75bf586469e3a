#!/usr/bin/env python3
"""Medians of a query_bench run, compared with a baseline (bench/query_regression.sh calls it).

  query_ratios.py RESULTS.json [--baseline FILE] [--write-baseline FILE] [--threshold X]
                  [--dataset TEXT] [--repetitions N] [--revision TEXT]

RESULTS.json: query_bench's output under --benchmark_format=json with repetitions and
--benchmark_report_aggregates_only=true. Prints one line per query: rows, median ms, the
baseline's median ms and the ratio new/baseline. Exit 1 when a query failed, its rows differ
from the baseline's, it is missing from the run, or it is slower than the baseline by more
than X (default 1.5); else 0. Standard library only.

Baseline file (TSV): '#' lines are comments (machine, date, dataset, load average), then
'query<TAB>median_ms<TAB>rows<TAB>cpu_ms' with a header line of those names; only the first
three are compared. cpu_ms (the benchmark thread's CPU time, median) tells a slower query from a busy
machine: on a shared machine wall time grows while CPU time stays.
"""

import argparse
import datetime
import json
import math
import os
import platform
import sys

PREFIX = "BM_Query/"


def query_name(run_name):
    name = run_name[len(PREFIX):] if run_name.startswith(PREFIX) else run_name
    return name[: -len("/real_time")] if name.endswith("/real_time") else name


def to_ms(value, unit):
    return value * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def read_results(path):
    """{query: (median_ms, rows, cpu_ms)} and {query: error message}, and the run's context."""
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    medians, errors = {}, {}
    for bench in report.get("benchmarks", []):
        name = query_name(bench.get("run_name", bench["name"]))
        if bench.get("error_occurred"):
            # A syntax error's message goes on with the line and a caret: keep its first line.
            errors[name] = (bench.get("error_message") or "error").splitlines()[0]
            continue
        if bench.get("run_type") == "aggregate" and bench.get("aggregate_name") != "median":
            continue
        rows = bench.get("rows")
        medians[name] = (to_ms(bench["real_time"], bench["time_unit"]),
                         None if rows is None else int(round(rows)),
                         to_ms(bench["cpu_time"], bench["time_unit"]))
    return medians, errors, report.get("context", {})


def read_baseline(path):
    baseline = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            query, ms, rows = line.split("\t")[:3]
            if query == "query":
                continue
            baseline[query] = (float(ms), int(rows))
    return baseline


def loadavg():
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def write_baseline(path, medians, context, dataset, repetitions, revision):
    start_load = context.get("load_avg")
    start = " ".join("%.2f" % v for v in start_load) if start_load else "unknown"
    with open(path, "w", encoding="utf-8") as f:
        f.write("# query_bench baseline: median wall ms of %d repetitions per query\n" % repetitions)
        f.write("# machine: %s, nproc %d, %s, %s\n" % (
            platform.node(), os.cpu_count() or 0, platform.machine(), platform.platform()))
        f.write("# date: %s\n" % datetime.datetime.now().astimezone().isoformat(timespec="seconds"))
        f.write("# dataset: %s\n" % dataset)
        f.write("# source: %s\n" % revision)
        f.write("# load average (1, 5, 15 min): %s at start, %s at end\n" % (start, loadavg()))
        f.write("query\tmedian_ms\trows\tcpu_ms\n")
        for query in sorted(medians):
            ms, rows, cpu_ms = medians[query]
            f.write("%s\t%.3f\t%d\t%.3f\n" % (query, ms, rows if rows is not None else -1, cpu_ms))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results")
    parser.add_argument("--baseline")
    parser.add_argument("--write-baseline")
    parser.add_argument("--threshold", type=float, default=1.5)
    parser.add_argument("--dataset", default="unknown")
    parser.add_argument("--repetitions", type=int, default=0)
    parser.add_argument("--revision", default="unknown")
    args = parser.parse_args()

    medians, errors, context = read_results(args.results)
    baseline = read_baseline(args.baseline) if args.baseline else {}
    problems = []
    ratios = []
    width = max([len("query")] + [len(q) for q in list(medians) + list(errors) + list(baseline)])
    print("%-*s %10s %12s %12s %7s %10s" % (width, "query", "rows", "median ms", "baseline ms",
                                           "ratio", "cpu ms"))
    for query in sorted(set(medians) | set(errors) | set(baseline)):
        if query in errors:
            print("%-*s ERROR: %s" % (width, query, errors[query]))
            problems.append("%s: failed: %s" % (query, errors[query]))
            continue
        if query not in medians:
            print("%-*s %10s %12s %12.3f %7s %10s" % (width, query, "-", "-", baseline[query][0], "-",
                                                      "-"))
            problems.append("%s: in the baseline but not in the run" % query)
            continue
        ms, rows, cpu_ms = medians[query]
        if query not in baseline:
            print("%-*s %10s %12.3f %12s %7s %10.3f" % (width, query, rows, ms, "-", "-", cpu_ms))
            continue
        base_ms, base_rows = baseline[query]
        ratio = ms / base_ms if base_ms > 0 else float("inf")
        if 0 < ratio < float("inf"):
            ratios.append(ratio)
        flags = []
        if rows != base_rows:
            flags.append("ROWS (baseline %d)" % base_rows)
            problems.append("%s: %s rows, baseline %d" % (query, rows, base_rows))
        if ratio > args.threshold:
            flags.append("SLOWER")
            problems.append("%s: %.2fx the baseline's time (%.3f ms vs %.3f ms; threshold %.2fx)"
                            % (query, ratio, ms, base_ms, args.threshold))
        print("%-*s %10s %12.3f %12.3f %6.2fx %10.3f %s" % (width, query, rows, ms, base_ms, ratio,
                                                           cpu_ms, " ".join(flags)))

    if ratios:
        geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print("geometric mean ratio: %.2fx over %d queries" % (geomean, len(ratios)))
        if len(ratios) > 1 and geomean > args.threshold and min(ratios) > 0.8 * geomean:
            print("every query moved by about as much: more likely a slower or busier machine than"
                  " a regression; re-run, and compare cpu ms", file=sys.stderr)
    if args.write_baseline:
        if errors:
            print("not writing %s: %d queries failed" % (args.write_baseline, len(errors)),
                  file=sys.stderr)
            return 1
        write_baseline(args.write_baseline, medians, context, args.dataset, args.repetitions,
                       args.revision)
        print("wrote %s" % args.write_baseline)
    if problems:
        print("\nREGRESSION:", file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
