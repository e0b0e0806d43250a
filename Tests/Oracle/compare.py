#!/usr/bin/env python3
"""Compare the Swift tool's OUTPUT/weeks/*/metrics.json with the oracle, field by field.

Usage: compare.py CONTENT OUTPUT [--quiet-info] [--opt NAME]...
  --opt NAME   turn on an alternative reading of an ambiguity (see oracle.OPTIONS)
Prints one line per difference:  SNAPSHOT SCOPE path.to.field: swift=X oracle=Y
Exit 1 on any difference, else prints "compare: N snapshots, M fields equal".
"""
import json
import os
import sys
from decimal import Decimal

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

REL = 1e-9


class Cmp:
    def __init__(self):
        self.diffs = []
        self.infos = []
        self.equal = 0

    def diff(self, snap, scope, path, s, o):
        self.diffs.append(f"{snap} {scope} {path}: swift={fmt(s)} oracle={fmt(o)}")

    def info(self, snap, scope, path, s):
        self.infos.append((snap, scope, path, fmt(s)))


def fmt(v):
    if isinstance(v, oracle.Money):
        return repr(v)
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, (dict, list)):
        t = json.dumps(v, default=str, ensure_ascii=False)
        return t if len(t) < 200 else t[:197] + "..."
    return json.dumps(v, default=str, ensure_ascii=False)


def is_num(v):
    return isinstance(v, (int, Decimal, float)) and not isinstance(v, bool)


LIST_KEYS = {
    "conversion": lambda e: e.get("from"),
    "velocity": lambda e: e.get("from"),
    "sla": lambda e: e.get("name"),
    "reverse_funnel": lambda e: e.get("stage"),
    "trend": lambda e: e.get("snapshot"),
}


def walk(c, snap, scope, path, s, o):
    if isinstance(o, oracle.Money):
        if is_num(s) and Decimal(s) * 100 == o.cents:
            c.equal += 1
        else:
            c.diff(snap, scope, path, s, o)
        return
    if isinstance(o, float):
        if is_num(s):
            sv = float(s)
            if abs(sv - o) <= REL * max(abs(sv), abs(o)) or abs(sv - o) < 1e-12:
                c.equal += 1
                return
        c.diff(snap, scope, path, s, o)
        return
    if isinstance(o, bool) or o is None or isinstance(o, str):
        if s == o and type(s) is type(o):
            c.equal += 1
        else:
            c.diff(snap, scope, path, s, o)
        return
    if isinstance(o, int):
        if is_num(s) and Decimal(s) == o:
            c.equal += 1
        else:
            c.diff(snap, scope, path, s, o)
        return
    if isinstance(o, dict):
        if not isinstance(s, dict):
            c.diff(snap, scope, path, s, o)
            return
        for k, ov in o.items():
            p = f"{path}.{k}" if path else k
            if k not in s:
                c.diff(snap, scope, p, "<missing>", ov)
            else:
                walk(c, snap, scope, p, s[k], ov)
        for k in s:
            if k not in o:
                c.info(snap, scope, f"{path}.{k}" if path else k, s[k])
        return
    if isinstance(o, list):
        if not isinstance(s, list):
            c.diff(snap, scope, path, s, o)
            return
        last = path.rsplit(".", 1)[-1]
        keyf = LIST_KEYS.get(last)
        if keyf and all(isinstance(x, dict) for x in o + s):
            ok = [keyf(x) for x in o]
            sk = [keyf(x) for x in s]
            if ok != sk:
                c.diff(snap, scope, path + "[keys]", sk, ok)
            sm = {}
            for x in s:
                sm.setdefault(keyf(x), x)
            for x in o:
                k = keyf(x)
                if k in sm:
                    walk(c, snap, scope, f"{path}[{k}]", sm[k], x)
            return
        if len(s) != len(o):
            c.diff(snap, scope, path + "[len]", len(s), len(o))
        for i, (sx, ox) in enumerate(zip(s, o)):
            walk(c, snap, scope, f"{path}[{i}]", sx, ox)
        return
    raise TypeError(type(o))


def compare_csv(c, snap, out, all_o):
    """Every row problem the oracle finds is a line of weeks/SNAP/data-quality/diagnostics.csv."""
    import csv
    p = os.path.join(out, "weeks", snap, "data-quality", "diagnostics.csv")
    if not os.path.exists(p):
        c.diff(snap, "-", "data-quality/diagnostics.csv", "<missing>", "present")
        return
    with open(p, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["code"][:1] in "EW" and int(r["code"][1:]) <= (6 if r["code"][0] == "E" else 3)]
    ss = set((os.path.basename(r["file"]), int(r["line"]), r["code"]) for r in rows)
    if len(ss) != len(rows):
        c.diff(snap, "-", "diagnostics.csv[duplicates]", len(rows), len(ss))
    os_ = set((os.path.basename(e["file"]), e["line"], e["code"]) for e in all_o)
    for k in sorted(ss - os_, key=str):
        c.diff(snap, "-", "diagnostics.csv", f"{k[0]}:{k[1]}:{k[2]}", "<absent>")
    for k in sorted(os_ - ss, key=str):
        c.diff(snap, "-", "diagnostics.csv", "<absent>", f"{k[0]}:{k[1]}:{k[2]}")
    c.equal += len(ss & os_)


def compare_doc(c, snap, sw, od, out):
    top = {k: v for k, v in od.items() if k not in ("scopes", "data_quality")}
    walk(c, snap, "-", "", {k: v for k, v in sw.items() if k not in ("scopes", "data_quality")}, top)
    # data quality
    sdq = sw.get("data_quality")
    odq = od["data_quality"]
    if not isinstance(sdq, dict):
        c.diff(snap, "-", "data_quality", sdq, "<object>")
    else:
        ex_o = odq["examples"]
        skip = ("examples", "all_examples")
        walk(c, snap, "-", "data_quality", {k: v for k, v in sdq.items() if k not in skip},
             {k: v for k, v in odq.items() if k not in skip})
        compare_csv(c, snap, out, odq["all_examples"])
        ex_s = sdq.get("examples")
        if not isinstance(ex_s, list):
            c.diff(snap, "-", "data_quality.examples", ex_s, "<list>")
        else:
            def key(e):
                return (os.path.basename(str(e.get("file"))), e.get("line"), e.get("code"))
            ss = set(key(e) for e in ex_s)
            os_ = set(key(e) for e in ex_o)
            for k in sorted(ss - os_, key=str):
                c.diff(snap, "-", "data_quality.examples", f"{k[0]}:{k[1]}:{k[2]}", "<absent>")
            for k in sorted(os_ - ss, key=str):
                c.diff(snap, "-", "data_quality.examples", "<absent>", f"{k[0]}:{k[1]}:{k[2]}")
            c.equal += len(ss & os_)
    # scopes
    ssc = sw.get("scopes")
    if not isinstance(ssc, list):
        c.diff(snap, "-", "scopes", ssc, "<list>")
        return
    sk = [x.get("scope") for x in ssc]
    ok = [x["scope"] for x in od["scopes"]]
    if sk != ok:
        if set(sk) == set(ok):
            c.diff(snap, "-", "scopes[order]", sk, ok)
        else:
            for k in ok:
                if k not in sk:
                    c.diff(snap, k, "<scope>", "<missing>", "present")
            for k in sk:
                if k not in ok:
                    c.diff(snap, k, "<scope>", "present", "<missing>")
    sm = {x.get("scope"): x for x in ssc}
    for x in od["scopes"]:
        if x["scope"] in sm:
            walk(c, snap, x["scope"], "", sm[x["scope"]], x)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    content, out = argv[0], argv[1]
    quiet_info = "--quiet-info" in argv
    for i, a in enumerate(argv):
        if a == "--opt":
            oracle.OPTIONS[argv[i + 1]] = True
    try:
        docs = oracle.compute(content)
    except oracle.BuildError as e:
        print(f"compare: oracle failed: {e}")
        return 2
    c = Cmp()
    wdir = os.path.join(out, "weeks")
    # Snapshot folders only: weeks/ also holds the site's list of weeks (index.html).
    swift_snaps = sorted(n for n in os.listdir(wdir) if os.path.isfile(os.path.join(wdir, n, "metrics.json"))) if os.path.isdir(wdir) else []
    for s in swift_snaps:
        if s not in docs:
            c.diff(s, "-", "<snapshot>", "present", "<missing>")
    n = 0
    for snap, od in docs.items():
        p = os.path.join(wdir, snap, "metrics.json")
        if not os.path.exists(p):
            c.diff(snap, "-", "<snapshot>", "<missing>", "present")
            continue
        with open(p, encoding="utf-8") as f:
            sw = json.load(f, parse_float=Decimal)
        compare_doc(c, snap, sw, od, out)
        n += 1
    if not quiet_info:
        seen = set()
        for snap, scope, path, v in c.infos:
            # extra keys repeat per scope/snapshot; print each path (brackets dropped) once
            k = ".".join(part.split("[")[0] for part in path.split("."))
            if k not in seen:
                seen.add(k)
                print(f"info: extra in swift: {k} (e.g. {snap} {scope} {path} = {v})")
    for line in c.diffs:
        print(line)
    if c.diffs:
        print(f"compare: {n} snapshots, {c.equal} fields equal, {len(c.diffs)} differences")
        return 1
    print(f"compare: {n} snapshots, {c.equal} fields equal")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
