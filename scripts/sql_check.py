#!/usr/bin/env python3
"""Runs `waterfall sql` on real engines and checks every value against the Swift engine.

Usage: sql_check.py WATERFALL CONTENT BUILT_OUTPUT WORKDIR [--engines duckdb,postgres,spark]

Loads every snapshot of CONTENT, typed, into each engine (one table `records`, plus `targets`),
runs the statement `waterfall sql --dialect X` prints, and compares each returned row with the
leaves of BUILT_OUTPUT/weeks/D/metrics.json, flattened here on their own (SPEC §11 paths):
counts exactly, amounts to the cent, rates and days to 1e-9. Every expected leaf must be
returned and nothing else. BigQuery and Snowflake cannot run here: their statements must parse
with sqlglot in their own dialect.

The loader reads the CSV exports with the SPEC oracle's parser (Tests/Oracle/oracle.py). A row
with the wrong number of fields (E5), or with a non-empty id and a date or amount that does not
parse (E3, E4), cannot be typed and is left out, as a warehouse table would never hold it. So
the data-quality rule is: the statement's `rows` equals metrics.json's rows − E3 − E4 − E5, its
E3, E4 and E5 are 0, and every other count (accepted, E1, E2, E6, W1–W3) is equal.
"""
import csv
import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Tests", "Oracle"))
import oracle  # noqa: E402

MONEY = {"amount", "won_amount", "lost_amount", "marketing_amount", "target", "booked", "remaining", "avg_deal"}
DOUBLE = {"rate", "amount_rate", "count_share", "amount_share", "compliance", "median_response_days", "median_days",
          "p90_days", "attainment", "coverage", "expected_by_now", "pace_gap"}
W = r"(?:week|qtd|t13)"
WR = r"(?:won|lost|won_amount|lost_amount|rate|amount_rate)"
CA = r"(?:count|amount)"
LEAF_PATTERNS = [re.compile("^" + p + "$") for p in [
    r"/records", rf"/volume/[^/]+/{W}", r"/conversion/[^/]+/(?:qtd|t13)/(?:cohort|converted|rate)",
    r"/velocity/[^/]+/(?:n|median_days|p90_days)", r"/sla/[^/]+/days",
    r"/sla/[^/]+/(?:week|qtd)/(?:on_time|late|pending|breached|compliance|median_response_days)",
    rf"/pipeline/{CA}", rf"/pipeline/(?:by_stage|by_source)/[^/]+/{CA}", rf"/pipeline/(?:in_quarter|past_due)/{CA}",
    rf"/bookings/{W}/{CA}", rf"/bookings/by_source/[^/]+/{CA}",
    rf"/win_rate/(?:qtd|t13)/{WR}", rf"/win_rate/by_source/[^/]+/(?:qtd|t13)/{WR}",
    r"/marketing_share/(?:qtd|t13)/(?:opportunities|amount|count_share|amount_share|marketing_opportunities|marketing_amount)",
    r"/bridge", r"/bridge/(?:start|added|increased|decreased|won|lost|removed|end)",
    r"/bridge/counts/(?:added|increased|decreased|won|lost|removed)", rf"/bridge/(?:pushed|pulled_in)/{CA}",
    r"/plan", r"/plan/(?:target|booked|attainment|remaining|coverage|avg_deal)",
    r"/plan/reverse_funnel/[^/]+/(?:need|actual|expected_by_now|pace_gap)",
]]
LIST_KEYS = ("name", "stage", "from")   # how a list item is addressed: sla by name, reverse_funnel by stage


def token(text):
    return str(text).replace("~", "~0").replace("/", "~1")


def flatten(value, path, out):
    """Every leaf below `value`: numbers and nulls; keyed lists by their key, other lists skipped."""
    if isinstance(value, dict):
        for key, item in value.items():
            flatten(item, path + "/" + token(key), out)
    elif isinstance(value, list):
        for item in value:
            key = next((k for k in LIST_KEYS if isinstance(item, dict) and k in item), None)
            if key is None:
                return  # a list of records (deals, leads, trend points): not in the long format
            flatten({k: v for k, v in item.items() if k != key}, path + "/" + token(item[key]), out)
    elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        out[path] = value


def expected_leaves(doc):
    """{(scope, path): value} for one metrics.json, with the data-quality rule of the docstring."""
    leaves = {}
    for scope in doc["scopes"]:
        flat = {}
        flatten(scope, "", flat)
        for path, value in flat.items():
            if any(p.match(path) for p in LEAF_PATTERNS):
                leaves[(scope["scope"], path)] = value
    dq = doc["data_quality"]
    untyped = sum(dq["errors"][c] for c in ("E3", "E4", "E5"))
    leaves[("company", "/data_quality/rows")] = dq["rows"] - untyped - dq.get("ignored", 0)
    leaves[("company", "/data_quality/accepted")] = dq["accepted"]
    for code, count in dq["errors"].items():
        leaves[("company", "/data_quality/errors/" + code)] = 0 if code in ("E3", "E4", "E5") else count
    for code, count in dq["warnings"].items():
        leaves[("company", "/data_quality/warnings/" + code)] = count
    return leaves


def equal(path, want, got):
    if want is None or got is None:
        return want is None and got is None
    name = path.rsplit("/", 1)[-1]
    if path.startswith("/bridge/") and "/counts/" not in path and not path.endswith("/count"):
        name = "amount"
    if name in DOUBLE:
        return abs(float(got) - float(want)) <= 1e-9 * max(1.0, abs(float(want)))
    if name in MONEY:
        return Decimal(str(got)) == Decimal(repr(want)).quantize(Decimal("0.01"))
    return str(got) == str(int(want)) and re.fullmatch(r"-?\d+", str(got)) is not None


# ----------------------------------------------------------------------------- loading

def typed_rows(content):
    """(columns, rows, targets): every snapshot row that can be typed, with its line."""
    site = oracle.Site(content)
    if site.status:
        raise SystemExit("sql-check: the status adapter is not part of the warehouse table; use a site without status:")
    parse_date = oracle.make_date_parser(site.date_format)
    stage_fields = [k + "_date" for k in site.stages]
    columns = ["snapshot_date", "id", "line"] + stage_fields + ["lost_date", "close_date", "amount", "source"] \
        + site.dimensions
    rows = []
    for name in sorted(os.listdir(os.path.join(content, "snapshots"))):
        day = name[:-4]
        header, body = oracle.read_csv(os.path.join(content, "snapshots", name))
        index = {}
        for i, h in enumerate(header):
            index.setdefault(h, i)
        col = lambda field: index.get(site.col(field))  # noqa: E731
        for line, fields in body:
            if len(fields) != len(header):
                continue  # E5
            ident = fields[col("id")]
            typed = [day, ident, line]
            bad = False
            for field in stage_fields + ["lost_date", "close_date"]:
                raw = fields[col(field)] if col(field) is not None else ""
                value = parse_date(raw) if raw else None
                bad |= raw != "" and value is None
                typed.append(value.isoformat() if value else "")
            raw = fields[col("amount")] if col("amount") is not None else ""
            cents = oracle.parse_amount(raw) if raw else None
            bad |= raw != "" and cents is None
            if bad and ident != "":
                continue  # E3 / E4: left out; an empty id stays (E1 comes first)
            typed.append("" if cents is None else str(Decimal(cents) / 100))
            typed.append(fields[col("source")] if col("source") is not None else "")
            typed += [fields[col(d)] for d in site.dimensions]
            rows.append(typed)
    targets = []
    path = os.path.join(content, "targets.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            reader = csv.reader(f)
            head = next(reader)
            for r in reader:
                if r:
                    item = dict(zip(head, r))
                    targets.append([item["quarter"], item["dimension"], item["value"], item["bookings"]])
    return site, columns, rows, targets


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def column_types(site, columns, text, decimal="DECIMAL(18,2)", integer="BIGINT"):
    types = []
    for c in columns:
        if c.endswith("_date"):
            types.append("DATE")
        elif c == "line":
            types.append(integer)
        elif c == "amount":
            types.append(decimal)
        else:
            types.append(text)
    return types


TARGET_COLUMNS = ["quarter", "dimension", "value", "bookings"]
TARGET_TYPES = lambda text: [text, text, text, "DECIMAL(18,2)"]  # noqa: E731


# ----------------------------------------------------------------------------- engines

def run_duckdb(sql, site, columns, data_csv, targets_csv):
    import duckdb
    con = duckdb.connect()
    load_duckdb(con, site, columns, data_csv, targets_csv)
    return [(str(r[0]), r[1], r[2], r[3]) for r in con.execute(sql).fetchall()]


def load_duckdb(con, site, columns, data_csv, targets_csv):
    """The tables `records` and `targets`, typed, in DuckDB connection `con` (also scripts/results-check)."""
    types = column_types(site, columns, "VARCHAR")
    spec = ", ".join(f"'{c}': '{t}'" for c, t in zip(columns, types))
    con.execute(f"CREATE TABLE records AS SELECT * FROM read_csv('{data_csv}', header=true, columns={{{spec}}})")
    tspec = ", ".join(f"'{c}': '{t}'" for c, t in zip(TARGET_COLUMNS, TARGET_TYPES("VARCHAR")))
    con.execute(f"CREATE TABLE targets AS SELECT * FROM read_csv('{targets_csv}', header=true, columns={{{tspec}}})")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_postgres(sql, site, columns, data_csv, targets_csv, work):
    import psycopg2
    bindir = next((p for p in sorted(os.listdir("/usr/lib/postgresql"), reverse=True)), None)
    bindir = f"/usr/lib/postgresql/{bindir}/bin"
    data = os.path.join(work, "pgdata")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    os.makedirs(data)
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
        os.chmod(work, 0o755)
    port = free_port()
    subprocess.run(as_user + [f"{bindir}/initdb", "-D", data, "-U", "postgres", "-A", "trust"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(as_user + [f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(data, "log"), "-w", "-o",
                              f"-h 127.0.0.1 -p {port} -k {data}", "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        con = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        cur = con.cursor()
        types = column_types(site, columns, "TEXT")
        cur.execute("CREATE TABLE records (" + ", ".join(f'"{c}" {t}' for c, t in zip(columns, types)) + ")")
        with open(data_csv, encoding="utf-8") as f:
            cur.copy_expert("COPY records FROM STDIN WITH (FORMAT csv, HEADER true)", f)
        cur.execute("CREATE TABLE targets (" + ", ".join(f'"{c}" {t}' for c, t in
                                                         zip(TARGET_COLUMNS, TARGET_TYPES("TEXT"))) + ")")
        with open(targets_csv, encoding="utf-8") as f:
            cur.copy_expert("COPY targets FROM STDIN WITH (FORMAT csv, HEADER true)", f)
        cur.execute(sql)
        rows = [(str(r[0]), r[1], r[2], r[3]) for r in cur.fetchall()]
        con.close()
        return rows
    finally:
        subprocess.run(as_user + [f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
                       check=True, stdout=subprocess.DEVNULL)


def run_spark(sql, site, columns, data_csv, targets_csv):
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]").appName("sql-check")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        types = column_types(site, columns, "STRING")
        schema = ", ".join(f"`{c}` {t}" for c, t in zip(columns, types))
        spark.read.csv(data_csv, header=True, schema=schema).cache().createOrReplaceTempView("records")
        tschema = ", ".join(f"`{c}` {t}" for c, t in zip(TARGET_COLUMNS, TARGET_TYPES("STRING")))
        spark.read.csv(targets_csv, header=True, schema=tschema).createOrReplaceTempView("targets")
        return [(str(r[0]), r[1], r[2], r[3]) for r in spark.sql(sql).collect()]
    finally:
        spark.stop()


# ----------------------------------------------------------------------------- comparing

def compare(engine, rows, built):
    got = {}
    duplicates = 0
    for day, scope, path, value in rows:
        key = (day, scope, path)
        duplicates += key in got
        got[key] = value
    want = {}
    for day in sorted(os.listdir(os.path.join(built, "weeks"))):
        path = os.path.join(built, "weeks", day, "metrics.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for (scope, leaf), value in expected_leaves(json.load(f)).items():
                    want[(day, scope, leaf)] = value
    problems = [f"{duplicates} duplicate rows"] if duplicates else []
    for key in sorted(want.keys() - got.keys())[:10]:
        problems.append(f"missing {key} (metrics.json: {want[key]})")
    for key in sorted(got.keys() - want.keys())[:10]:
        problems.append(f"unexpected {key} = {got[key]}")
    compared = 0
    for key in sorted(want.keys() & got.keys()):
        compared += 1
        if not equal(key[2], want[key], got[key]):
            problems.append(f"{key}: metrics.json {want[key]!r}, {engine} {got[key]!r}")
    extra = len(want.keys() - got.keys()) + len(got.keys() - want.keys())
    return compared, problems, extra


def main():
    waterfall, content, built, work = sys.argv[1:5]
    engines = ["duckdb", "postgres", "spark"]
    if "--engines" in sys.argv:
        engines = sys.argv[sys.argv.index("--engines") + 1].split(",")
    site, columns, rows, targets = typed_rows(content)
    data_csv, targets_csv = os.path.join(work, "records.csv"), os.path.join(work, "targets.csv")
    write_csv(data_csv, columns, rows)
    write_csv(targets_csv, TARGET_COLUMNS, targets)
    print(f"loaded {len(rows)} typed rows of {len(os.listdir(os.path.join(content, 'snapshots')))} snapshots")

    def statement(dialect):
        return subprocess.run([waterfall, "sql", "--dialect", dialect, "--content", content],
                              check=True, capture_output=True, text=True).stdout

    passed = failed = 0
    for engine in engines:
        started = time.monotonic()
        sql = statement(engine)
        try:
            if engine == "duckdb":
                result = run_duckdb(sql, site, columns, data_csv, targets_csv)
            elif engine == "postgres":
                result = run_postgres(sql, site, columns, data_csv, targets_csv, work)
            else:
                result = run_spark(sql, site, columns, data_csv, targets_csv)
        except Exception as error:  # noqa: BLE001 - report the engine's own message
            print(f"sql-check: {engine} failed to run the statement: {str(error)[:2000]}", file=sys.stderr)
            failed += 1
            continue
        compared, problems, _ = compare(engine, result, built)
        seconds = time.monotonic() - started
        if problems:
            failed += 1
            print(f"sql-check: {engine}: {len(problems)} problems, e.g.:", file=sys.stderr)
            for p in problems[:25]:
                print("  " + p, file=sys.stderr)
        else:
            passed += 1
            print(f"{engine}: {len(result)} rows, {compared} values equal to metrics.json ({seconds:.1f} s)")

    import logging
    import sqlglot
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    for dialect in ("bigquery", "snowflake"):
        sql = statement(dialect)
        try:
            tree = sqlglot.parse_one(sql, read=dialect, error_level=sqlglot.ErrorLevel.RAISE)
            assert tree.key == "select", f"the statement is a {tree.key}, not a SELECT"
            sqlglot.transpile(sql, read=dialect, write="duckdb", error_level=sqlglot.ErrorLevel.RAISE)
            passed += 1
            print(f"{dialect}: parses with sqlglot {sqlglot.__version__} as one SELECT and transpiles (not run)")
        except Exception as error:  # noqa: BLE001
            failed += 1
            print(f"sql-check: {dialect} does not parse: {str(error)[:1000]}", file=sys.stderr)
    print(f"sql-check: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
