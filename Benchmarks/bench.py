#!/usr/bin/env python3
"""The benchmark of issue 10: release `waterfall check` / `build` against DuckDB on the same files.

Run it through Benchmarks/run (which installs what it needs); see Benchmarks/README.md.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SQL_FILE = os.path.join(ROOT, "Benchmarks", "core_metrics.sql")
SCENARIOS = ["check", "build2", "weekly", "spread"]
FULL = {"big": 1_000_000, "weekly": 100_000, "weeks": 52}
QUICK = {"big": 50_000, "weekly": 5_000, "weeks": 4}
SEED = 1
MIB = 1024 * 1024


def main():
    parser = argparse.ArgumentParser(description="Times release Waterfall against DuckDB (issue 10).")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help="comma-separated, from: check (1 x 1M check), build2 (2 x 1M build), "
                             "weekly (52 x 100k full + incremental build), spread (the same with 60 segments x 40 regions)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs of each measurement (default 5; 1 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="1/20 of every row count and 4 weeks instead of 52, to try the script")
    parser.add_argument("--bin", help="time this waterfall binary instead of building this checkout in release mode")
    parser.add_argument("--data", default=os.path.join(ROOT, ".bench-data"), help="cache of generated companies")
    parser.add_argument("--duckdb-worker", nargs=2, metavar=("CSV", "OUT_JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.duckdb_worker:
        return duckdb_worker(*args.duckdb_worker)
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = [s for s in scenarios if s not in SCENARIOS]
    if unknown:
        sys.exit(f"--scenarios: unknown {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")
    runs = args.runs or (1 if args.quick else 5)
    Bench(args.data, QUICK if args.quick else FULL, runs, args.quick, args.bin).run(scenarios)


# ---------------------------------------------------------------- measuring

class Sample:
    """Wall seconds and peak resident memory of each run of one command."""

    def __init__(self):
        self.seconds, self.rss = [], []

    def add(self, seconds, rss):
        self.seconds.append(seconds)
        self.rss.append(rss)

    @property
    def median(self):
        return statistics.median(self.seconds)

    def text(self):
        if len(self.seconds) == 1:
            return f"{self.seconds[0]:.2f} s"
        return f"{self.median:.2f} s ({min(self.seconds):.2f}–{max(self.seconds):.2f})"

    @property
    def peak(self):
        return max(self.rss)


def timed(command, sample, cwd=None):
    """Runs `command` under /usr/bin/time -v; adds its wall time and max RSS (bytes) to `sample`."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + command, cwd=cwd,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        text = report.read()
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-2000:] + result.stderr[-4000:])
        sys.exit(f"FAILED (exit {result.returncode}): {' '.join(command)}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) * 1024
    sample.add(seconds, rss)
    return result


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ---------------------------------------------------------------- calendar (SPEC §3)

def snapshot_dates(content):
    return sorted(datetime.date.fromisoformat(name[:-4]) for name in os.listdir(os.path.join(content, "snapshots"))
                  if re.fullmatch(r"\d{4}-\d{2}-\d{2}\.csv", name))


def windows(content):
    """The latest snapshot's file and its window starts (week, qtd, t13), all ending at its date."""
    dates = snapshot_dates(content)
    d = dates[-1]
    week_start = dates[-2] + datetime.timedelta(days=1) if len(dates) > 1 else d - datetime.timedelta(days=6)
    with open(os.path.join(content, "site.yml")) as f:
        match = re.search(r"^fiscal_year_start_month:\s*(\d+)", f.read(), re.M)
    start_month = int(match.group(1)) if match else 1
    months_in = (d.month - start_month) % 12
    quarter_month = (d.month - months_in % 3 - 1) % 12 + 1
    year = d.year if quarter_month <= d.month else d.year - 1
    qtd_start = datetime.date(year, quarter_month, 1)
    return {"csv": os.path.join(content, "snapshots", f"{d}.csv"), "d": str(d), "week_start": str(week_start),
            "qtd_start": str(qtd_start), "t13_start": str(d - datetime.timedelta(days=90))}


# ---------------------------------------------------------------- DuckDB

def duckdb_worker(params_json, out_json):
    """Runs core_metrics.sql; writes the seconds it took (connect to last row) and its rows."""
    import duckdb
    params = json.loads(params_json)
    with open(SQL_FILE) as f:
        sql = string.Template(f.read()).substitute(params)
    code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    statements = [s for s in code.split(";") if s.strip()]
    start = time.perf_counter()
    connection = duckdb.connect()
    for statement in statements[:-1]:
        connection.execute(statement)
    cursor = connection.execute(statements[-1])
    names = [c[0] for c in cursor.description]
    rows = cursor.fetchall()
    seconds = time.perf_counter() - start
    result = {row[0]: {n: (float(v) if v is not None else None) for n, v in zip(names[1:], row[1:])} for row in rows}
    with open(out_json, "w") as f:
        json.dump({"seconds": seconds, "scopes": result, "version": duckdb.__version__}, f)


def run_duckdb(content, sample):
    """Times core_metrics.sql on the latest snapshot once, into `sample`; returns its result."""
    params = json.dumps(windows(content))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "duckdb.json")
        wall = Sample()
        timed([sys.executable, os.path.abspath(__file__), "--duckdb-worker", params, out], wall)
        with open(out) as f:
            result = json.load(f)
        sample.add(result["seconds"], wall.peak)
    return result


def metrics_leaves(scope):
    """The leaves of one metrics.json scope that core_metrics.sql computes, under the SQL's column names."""
    leaves = {"records": scope["records"]}
    for stage, counts in scope["volume"].items():
        for window, n in counts.items():
            leaves[f"volume.{stage}.{window}"] = n
    for entry in scope["conversion"]:
        for window in ("qtd", "t13"):
            for key in ("cohort", "converted"):
                leaves[f"conversion.{entry['from']}.{window}.{key}"] = entry[window][key]
    for entry in scope["velocity"]:
        leaves[f"velocity.{entry['from']}.n"] = entry["n"]
        leaves[f"velocity.{entry['from']}.median_days"] = entry["median_days"]
    for entry in scope["sla"]:
        for window in ("week", "qtd"):
            for key in ("on_time", "late", "pending", "breached"):
                leaves[f"sla.{entry['name']}.{window}.{key}"] = entry[window][key]
    leaves["pipeline.count"] = scope["pipeline"]["count"]
    leaves["pipeline.amount"] = scope["pipeline"]["amount"]
    for window in ("week", "qtd", "t13"):
        for key in ("count", "amount"):
            leaves[f"bookings.{window}.{key}"] = scope["bookings"][window][key]
    for window in ("qtd", "t13"):
        for key in ("won", "lost"):
            leaves[f"win_rate.{window}.{key}"] = scope["win_rate"][window][key]
    return leaves


def verify(duck, metrics_path):
    """Compares every figure the SQL computes, every scope, with Waterfall's metrics.json; returns mismatches."""
    with open(metrics_path) as f:
        metrics = json.load(f)
    mismatches, compared = [], 0
    for scope in metrics["scopes"]:
        theirs = duck["scopes"].get(scope["scope"])
        if theirs is None:
            mismatches.append(f"{scope['scope']}: no DuckDB row")
            continue
        for leaf, ours in metrics_leaves(scope).items():
            value = theirs.get(leaf, "missing")
            compared += 1
            same = (ours is None and value is None) or (
                ours is not None and value not in (None, "missing") and abs(float(ours) - value) < 0.005)
            if not same:
                mismatches.append(f"{scope['scope']} {leaf}: waterfall {ours}, duckdb {value}")
    extra = set(duck["scopes"]) - {s["scope"] for s in metrics["scopes"]}
    mismatches += [f"{scope}: DuckDB only" for scope in sorted(extra)]
    return compared, mismatches


# ---------------------------------------------------------------- the benchmark

class Bench:
    def __init__(self, data, size, runs, quick, binary):
        self.data, self.size, self.runs, self.quick = data, size, runs, quick
        self.rows = []      # (scenario, waterfall Sample, duckdb Sample or None, file bytes, largest snapshot bytes)
        self.targets = []   # (target, measured text, ratio, met)
        self.checks = []    # verification lines
        self.bin = os.path.abspath(binary) if binary else None

    def log(self, text):
        print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)

    def run(self, scenarios):
        started = datetime.datetime.now(datetime.timezone.utc)
        load_before = loadavg()
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE,
                                text=True).stdout.strip()
        if not self.bin:
            self.log(f"release build (load average {load_before})")
            subprocess.run(["swift", "build", "-c", "release", "-q"], cwd=ROOT, check=True)
            self.bin = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                      stdout=subprocess.PIPE, text=True).stdout.strip() + "/waterfall"
        os.makedirs(self.data, exist_ok=True)
        self.work = tempfile.mkdtemp(prefix="work-", dir=self.data)
        try:
            for scenario in scenarios:
                getattr(self, f"scenario_{scenario}")()
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
        self.report(started, commit, load_before, loadavg())

    # ---- generated companies, cached by their parameters

    def demo(self, records, weeks):
        folder = os.path.join(self.data, f"demo-r{records}-w{weeks}-s{SEED}")
        if not os.path.exists(os.path.join(folder, ".done")):
            shutil.rmtree(folder, ignore_errors=True)
            self.log(f"generating waterfall demo --records {records} --weeks {weeks}")
            subprocess.run([self.bin, "demo", "--out", os.path.join(folder, "content"), "--records", str(records),
                            "--weeks", str(weeks), "--seed", str(SEED)], check=True, stdout=subprocess.DEVNULL)
            open(os.path.join(folder, ".done"), "w").close()
        return os.path.join(folder, "content")

    def spread(self, records, weeks):
        source = self.demo(records, weeks)
        folder = os.path.join(self.data, f"spread20x10-r{records}-w{weeks}-s{SEED}")
        if not os.path.exists(os.path.join(folder, ".done")):
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            self.log(f"generating 60 segments x 40 regions from demo --records {records} --weeks {weeks}")
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "spread-values"), source,
                            os.path.join(folder, "content")], check=True)
            open(os.path.join(folder, ".done"), "w").close()
        return os.path.join(folder, "content")

    def company(self, source, dates, name):
        """A content folder in the work area holding `source`'s snapshots (and commentary) of `dates`
        only, hard-linked; site.yml and targets.csv copied."""
        target = os.path.join(self.work, name)
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(os.path.join(target, "snapshots"))
        for file in ("site.yml", "targets.csv"):
            if os.path.exists(os.path.join(source, file)):
                shutil.copy(os.path.join(source, file), target)
        for d in dates:
            self.add_snapshot(source, target, d)
        return target

    @staticmethod
    def add_snapshot(source, target, d, commentary=True):
        os.link(os.path.join(source, "snapshots", f"{d}.csv"), os.path.join(target, "snapshots", f"{d}.csv"))
        if not commentary:
            return
        for entry in (f"{d}.md", str(d)):
            path = os.path.join(source, "commentary", entry)
            if os.path.isfile(path):
                os.makedirs(os.path.join(target, "commentary"), exist_ok=True)
                os.link(path, os.path.join(target, "commentary", entry))
            elif os.path.isdir(path):
                shutil.copytree(path, os.path.join(target, "commentary", entry), copy_function=os.link)

    @staticmethod
    def remove_snapshot(target, d):
        os.remove(os.path.join(target, "snapshots", f"{d}.csv"))
        for entry in (f"{d}.md", str(d)):
            path = os.path.join(target, "commentary", entry)
            if os.path.isfile(path):
                os.remove(path)
            elif os.path.isdir(path):
                shutil.rmtree(path)

    @staticmethod
    def largest_snapshot(content):
        folder = os.path.join(content, "snapshots")
        return max(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))

    # ---- steps

    def check(self, content, sample):
        # An --output of its own: `check` reads the pruned snapshots of OUTPUT/archive/, and the
        # default (./output) may hold the demo site's archive (the README's first command builds it).
        timed([self.bin, "check", "--content", content, "--output", os.path.join(self.work, "no-site")], sample)

    def build(self, content, output, sample):
        # A full build: nothing of an earlier build is left, neither the site nor its build cache
        # (`.NAME.waterfall-cache` beside it).
        shutil.rmtree(output, ignore_errors=True)
        parent, name = os.path.split(os.path.abspath(output))
        shutil.rmtree(os.path.join(parent, "." + name + ".waterfall-cache"), ignore_errors=True)
        timed([self.bin, "build", "--content", content, "--output", output], sample)

    def compare(self, label, duck, content):
        output = os.path.join(self.work, "verify-output")
        self.build(content, output, Sample())
        compared, mismatches = verify(duck, os.path.join(output, "data", "metrics.json"))
        shutil.rmtree(output, ignore_errors=True)
        if mismatches:
            line = f"{label}: DuckDB and metrics.json DISAGREE on {len(mismatches)} of {compared} figures"
            print("\n" + "!" * 80 + f"\nMISMATCH {line}\n" + "\n".join(mismatches[:40]) + "\n" + "!" * 80, flush=True)
            self.checks.append("MISMATCH " + line)
        else:
            self.checks.append(f"{label}: DuckDB's SQL agrees with metrics.json on all {compared} figures "
                               "(company and every dimension value)")
        self.log(self.checks[-1])

    def memory_target(self, label, sample, largest, cap=None):
        ratio = sample.peak / largest
        self.targets.append((f"{label}: peak memory ≤ 1.5× largest snapshot ({mib(largest)})",
                             mib(sample.peak), ratio, ratio <= 1.5))
        if cap:
            self.targets.append((f"{label}: peak memory < {cap} MiB", mib(sample.peak), sample.peak / (cap * MIB),
                                 sample.peak < cap * MIB))

    # ---- scenarios

    def scenario_check(self):
        self.against_duckdb(1, "check", "one", 0.4, lambda content, sample: self.check(content, sample))

    def scenario_build2(self):
        output = os.path.join(self.work, "output-two")
        self.against_duckdb(2, "build", "two", 1.0, lambda content, sample: self.build(content, output, sample))

    def against_duckdb(self, weeks, verb, name, limit, step):
        """Times `step` on a demo of `weeks` snapshots of the big size, then DuckDB on its latest one."""
        records = self.size["big"]
        source = self.demo(records, weeks)
        content = self.company(source, snapshot_dates(source), name)
        label = f"{verb}, {weeks} × {records:,} rows"
        self.log(label)
        # Waterfall and DuckDB take turns, run after run, so a drift of the machine's speed during
        # the scenario (this VM's drifts by up to 1.7x in a day) weighs on both sides alike.
        ours, theirs = Sample(), Sample()
        for _ in range(self.runs):
            step(content, ours)
            duck = run_duckdb(content, theirs)
        size = self.largest_snapshot(content)
        self.rows.append((label, ours, theirs, size, size))
        ratio = ours.median / theirs.median
        self.targets.append((f"{label} ≤ {limit}× DuckDB", ours.text(), ratio, ratio <= limit))
        self.memory_target(label, ours, size)
        self.compare(label, duck, content)

    def scenario_weekly(self):
        self.weekly(self.demo(self.size["weekly"], self.size["weeks"] + 1), "", 1.5, None)

    def scenario_spread(self):
        self.weekly(self.spread(self.size["weekly"], self.size["weeks"] + 1), ", 60 segments × 40 regions", 3.0, 300)

    def weekly(self, source, suffix, limit, cap):
        dates = snapshot_dates(source)
        weeks, records = len(dates) - 1, self.size["weekly"]
        name = "spread" if suffix else "weekly"
        content = self.company(source, dates[:-1], name)
        alone = self.company(source, dates[-1:], name + "-new-alone")
        for entry in ("targets.csv",):
            if os.path.exists(os.path.join(alone, entry)):
                os.remove(os.path.join(alone, entry))   # only the new snapshot and site.yml
        output = os.path.join(self.work, "output-" + name)
        full, incremental, single = Sample(), Sample(), Sample()
        label = f"{weeks} weekly × {records:,} rows{suffix}"
        self.log(f"full build then a week more: {label}")
        for _ in range(self.runs):
            self.build(content, output, full)
            self.add_snapshot(source, content, dates[-1])
            timed([self.bin, "build", "--content", content, "--output", output], incremental)
            self.remove_snapshot(content, dates[-1])
        for _ in range(self.runs):
            self.check(alone, single)
        largest = self.largest_snapshot(source)
        total = sum(os.path.getsize(os.path.join(source, "snapshots", f"{d}.csv")) for d in dates[:-1])
        self.rows.append((f"full build, {label}", full, None, total, self.largest_snapshot(content)))
        self.rows.append((f"build after adding week {weeks + 1}{suffix}", incremental, None, total + os.path.getsize(
            os.path.join(source, "snapshots", f"{dates[-1]}.csv")), largest))
        self.rows.append((f"check of week {weeks + 1} alone{suffix}", single, None,
                          self.largest_snapshot(alone), self.largest_snapshot(alone)))
        ratio = incremental.median / single.median
        self.targets.append((f"week {weeks + 1} added{suffix} ≤ {limit}× check of it alone ({single.text()})",
                             incremental.text(), ratio, ratio <= limit))
        self.memory_target(f"full build, {label}", full, largest, cap)
        self.memory_target(f"week {weeks + 1} added{suffix}", incremental, largest, cap)

    # ---- the report

    def report(self, started, commit, load_before, load_after):
        meminfo = open("/proc/meminfo").read()
        total = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1)) * 1024
        swift = subprocess.run(["swift", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True).stdout.splitlines()[0]
        try:
            import duckdb
            duck_version = duckdb.__version__
        except ImportError:
            duck_version = "?"
        lines = [
            f"Benchmarks/run{' --quick' if self.quick else ''}, {self.runs} run(s) each, "
            f"{started:%Y-%m-%d %H:%M} UTC, waterfall {commit}",
            f"machine: {os.cpu_count()} cores, {total / 1024 ** 3:.1f} GiB memory; {swift}; DuckDB {duck_version} "
            f"(SET threads=2)",
            f"load average (1, 5, 15 min): {load_before} before, {load_after} after",
            "",
            "| scenario | Waterfall median (min–max) | peak memory | DuckDB median (min–max) | DuckDB peak | ratio | file size |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for label, ours, theirs, size, _ in self.rows:
            duck = theirs.text() if theirs else "—"
            duck_peak = mib(theirs.peak) if theirs else "—"
            ratio = f"{ours.median / theirs.median:.2f}×" if theirs else "—"
            lines.append(f"| {label} | {ours.text()} | {mib(ours.peak)} | {duck} | {duck_peak} | {ratio} | {mb(size)} |")
        lines += ["", "| target | measured | ratio | |", "| --- | --- | --- | --- |"]
        for target, measured, ratio, met in self.targets:
            lines.append(f"| {target} | {measured} | {ratio:.3f}× | {'met' if met else 'not met'} |")
        lines += [""] + self.checks
        text = "\n".join(lines)
        print("\n" + text, flush=True)
        path = os.path.join(self.data, f"results-{started:%Y%m%d-%H%M%S}{'-quick' if self.quick else ''}.md")
        with open(path, "w") as f:
            f.write(text + "\n")
        print(f"\n(written to {path})")
        if any(c.startswith("MISMATCH") for c in self.checks):
            sys.exit(1)


def mib(n):
    return f"{n / MIB:,.0f} MiB"


def mb(n):
    return f"{n / 1e6:,.1f} MB"


if __name__ == "__main__":
    main()
