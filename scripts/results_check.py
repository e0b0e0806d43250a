#!/usr/bin/env python3
"""`build --metrics` from DuckDB's exported results against a normal build of the same content.

Usage: results_check.py WATERFALL CONTENT NORMAL_OUTPUT WORKDIR

Loads CONTENT's snapshots into DuckDB with scripts/sql_check.py's loader, runs the statement
`waterfall sql --dialect duckdb` prints, exports it with `COPY (…) TO 'results.csv' (HEADER)`,
builds WORKDIR/from-results with `--metrics results.csv` and compares with NORMAL_OUTPUT:

- every week's metrics.json (and data/metrics.json), leaf by leaf: counts and amounts exactly,
  reals (quantiles, expected_by_now, which come from DuckDB as text) to 1e-9; the record lists
  must be empty in the results build and the availability must say lists are not available;
  data quality follows sql_check.py's rule (rows the typed table cannot hold are not in it);
- every HTML page but the data-quality pages (whose row counts differ by that same rule; so does
  the "Rows read" column of weeks/index.html, compared after applying it), with
  the record lists and the notes standing in their place removed: equal text. The pages with
  lists must say "not available from warehouse results".
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sql_check  # noqa: E402

LISTS = {"breached_leads", "past_due_deals", "in_quarter_deals", "won_deals", "lost_deals", "removed_deals",
         "pushed_deals", "pulled_in_deals"}
REALS = {"median_days", "p90_days", "median_response_days", "expected_by_now", "pace_gap"}
NOT_AVAILABLE = "not available from warehouse results"


def without_lists(html):
    """A page with its record lists and the notes that stand in their place taken out (as BuildFromResultsTests)."""
    html = re.sub(r"(<h3>Breached now: [^<]*</h3>)[\s\S]*?(</section>)", r"\1\2", html)
    html = re.sub(r'<div class="deal-list">[\s\S]*?as CSV</a></p>\n</div>\n?', "", html)
    return re.sub(r'<p class="missing-block">(Won, lost, removed, pushed and pulled-in deals|Past-due deals and deals '
                  r'closing this quarter): [^<]*</p>', "", html)


def typed_rows_read(html, normal):
    """The "Rows read" column of weeks/index.html as the typed table holds them (sql_check's rule)."""
    def typed(match):
        with open(os.path.join(normal, "weeks", match.group(2), "metrics.json"), encoding="utf-8") as f:
            rows = sql_check.expected_leaves(json.load(f))[("company", "/data_quality/rows")]
        return f"{match.group(1)}{rows}</td></tr>"
    return re.sub(r'(<a href="\.\./weeks/(\d{4}-\d\d-\d\d)/index\.html">(?:(?!</tr>).)*<td class="num">)\d+</td></tr>',
                  typed, html)


def leaves(value, path, out, lists):
    """Every leaf of a metrics.json below `value`, list items by index; record lists noted in `lists`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LISTS:
                if item:
                    lists.add(path + "/" + key)
                continue
            leaves(item, path + "/" + key, out, lists)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            leaves(item, f"{path}/{index}", out, lists)
    else:
        out[path] = value


def same(path, want, got):
    name = path.rsplit("/", 1)[-1]
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool) \
            and (name in REALS or "/trend/" in path):
        return abs(got - want) <= 1e-9 * max(1.0, abs(want))
    return type(want) is type(got) and want == got


def compare_json(day, normal, results, problems):
    quality_want = sql_check.expected_leaves(normal)
    quality_got = sql_check.expected_leaves(results)
    for key, value in quality_want.items():
        if key[1].startswith("/data_quality/") and key[0] == "company" and quality_got.get(key) != value:
            problems.append(f"{day} {key[1]}: typed table {value}, results build {quality_got.get(key)}")
    for doc in (normal, results):
        doc.pop("data_quality", None)
        doc.get("availability", {}).pop("record_lists", None)
    a, b, lists_a, lists_b = {}, {}, set(), set()
    leaves(normal, "", a, lists_a)
    leaves(results, "", b, lists_b)
    if lists_b:
        problems.append(f"{day}: the results build has records in lists {sorted(lists_b)[:3]}")
    for path in sorted(a.keys() | b.keys()):
        if path not in b or path not in a:
            problems.append(f"{day} {path}: only in the {'normal' if path in a else 'results'} build")
        elif not same(path, a[path], b[path]):
            problems.append(f"{day} {path}: normal {a[path]!r}, from results {b[path]!r}")
    return len(a)


def main():
    waterfall, content, normal, work = sys.argv[1:5]
    import duckdb
    site, columns, rows, targets = sql_check.typed_rows(content)
    data_csv, targets_csv, results_csv = (os.path.join(work, n) for n in ("records.csv", "targets.csv", "results.csv"))
    sql_check.write_csv(data_csv, columns, rows)
    sql_check.write_csv(targets_csv, sql_check.TARGET_COLUMNS, targets)
    con = duckdb.connect()
    sql_check.load_duckdb(con, site, columns, data_csv, targets_csv)
    sql = subprocess.run([waterfall, "sql", "--dialect", "duckdb", "--content", content],
                         check=True, capture_output=True, text=True).stdout
    con.execute(f"COPY ({sql.strip().rstrip(';')}) TO '{results_csv}' (HEADER, DELIMITER ',')")
    built = os.path.join(work, "from-results")
    subprocess.run([waterfall, "build", "--content", content, "--output", built, "--templates",
                    os.path.join(work, "no-theme"), "--metrics", results_csv, "--quiet"], check=True)

    passed = failed = 0

    def check(name, problems):
        nonlocal passed, failed
        if problems:
            failed += 1
            print(f"results-check: {name}: {len(problems)} problems, e.g.:", file=sys.stderr)
            for p in problems[:15]:
                print("  " + p, file=sys.stderr)
        else:
            passed += 1

    files = []
    for root, _, names in os.walk(normal):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), normal)
            if not rel.startswith(("archive/", ".")) and "data-quality/" not in rel:
                files.append(rel)
    weeks = pages = 0
    problems = []
    def pairs(suffix, problems):
        """(path, normal text, results text) of every compared file ending in `suffix`."""
        for rel in sorted(f for f in files if f.endswith(suffix)):
            path = os.path.join(built, rel)
            if not os.path.exists(path):
                problems.append(f"{rel} missing from the results build")
                continue
            with open(os.path.join(normal, rel), encoding="utf-8") as f, open(path, encoding="utf-8") as g:
                yield rel, f.read(), g.read()

    for rel, x, y in pairs("metrics.json", problems):
        normal_doc, results_doc = json.loads(x), json.loads(y)
        if results_doc.get("availability", {}).get("record_lists") is not False:
            problems.append(f"{rel}: availability.record_lists is not false")
        compare_json(rel, normal_doc, results_doc, problems)
        weeks += 1
    check(f"metrics.json of {weeks} weeks", problems)
    problems = []
    said = 0
    for rel, x, y in pairs(".html", problems):
        if rel == "weeks/index.html":
            x = typed_rows_read(x, normal)
        said += NOT_AVAILABLE in y.lower()
        if without_lists(x) != without_lists(y):
            a, b = without_lists(x).splitlines(), without_lists(y).splitlines()
            line = next((i for i, (p, q) in enumerate(zip(a, b)) if p != q), min(len(a), len(b)))
            problems.append(f"{rel} line {line + 1}: normal {a[line][:120] if line < len(a) else ''!r}, "
                            f"from results {b[line][:120] if line < len(b) else ''!r}")
        pages += 1
    if said == 0:
        problems.append("no page says its lists are not available from warehouse results")
    check(f"{pages} pages", problems)
    if weeks < 2 or pages < 20:
        check("coverage", [f"only {weeks} metrics.json and {pages} pages compared"])
    print(f"results: {len(rows)} typed rows -> DuckDB -> results.csv; {weeks} metrics.json and {pages} pages "
          f"compared ({said} say lists are not available)")
    print(f"results-check: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
