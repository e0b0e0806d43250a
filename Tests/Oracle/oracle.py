#!/usr/bin/env python3
"""Independent reference implementation of SPEC sections 1-7 (metrics.json).

Written from /work/shared/SPEC.md only, to cross-check the Swift implementation.
Standard library + PyYAML.

Usage:
  oracle.py CONTENT                 print every snapshot's document (JSON, one per line)
  oracle.py CONTENT --snapshot D    print the document of snapshot D, indented
  oracle.py CONTENT --out DIR       write DIR/weeks/D/metrics.json per snapshot

AMBIGUITY CHOICES (the most literal reading was taken each time)
 A1  Status adapter, "an explicit won_date / lost_date column wins": judged PER FILE.
     If the file has a column for the won stage's date (`<last stage>_date`, after
     `columns:` renames), the status mapping never sets won dates in that file, even
     on rows where that column is empty; likewise for `lost_date`.
 A2  "won_date" of the status adapter means the date of the LAST (won) stage,
     whatever its key is.
 A3  Status values match case-sensitively and exactly (after trimming spaces).
     `status.column` / `status.date` name export headers; if no such header exists the
     name is tried as a canonical field through `columns:`.
 A4  E3 checks the status-date column on every row, whatever the status value.
 A5  W1 is judged on the stage dates AS WRITTEN (before dropping future dates): only E6
     carries the "(after dropping future dates)" qualifier. Status-derived won dates count
     as stage dates. Equal dates are in order.
 A6  W3 is judged AFTER dropping future dates (a won date and a lost_date both on or
     before d), because its meaning is "the record counts as won".
 A7  Warnings are counted only for accepted rows (a row with an error gets no warning).
 A8  Every row error (E1..E6), one per excluded row, AND every warning (W1..W3, once per
     row each) is listed: all of them in data-quality/diagnostics.csv (section 8), and the
     first EXAMPLES_PER_CODE (100) of each code, in line order, in metrics.json `examples`
     (section 8 caps the page at 100 per code; section 7 calls metrics.json the machine
     view of what the pages show). Counts stay exact.
 A9  close_date is never dropped when after d (W2 names only stage dates and lost_date);
     an unparseable close_date is still E3.
 A10 marketing_share.amount = total amount of ALL opportunities created in the window
     (the denominator of amount_share), parallel to `opportunities` (count of all).
 A11 Dates: ISO form needs exactly YYYY-MM-DD; a time part, if present, must look like
     H:MM or HH:MM[:SS[.fff]] with optional Z or +-HH[:MM]. An alternative date_format
     replaces the ISO form (ISO dates are then E3). Year is exactly 4 digits.
 A12 Amounts: regex -?DIGITS[.DIGITS]; `+5`, `.5`, `5.`, `1,234`, `1e3` are E4. Negative
     means value < 0 before rounding (so -0.001 is E4, -0 and -0.00 are 0).
 A13 A blank line is an empty line or one holding only spaces/tabs. Trimming removes
     spaces and tabs only. Header names are matched exactly (case-sensitive) after trimming.
 A14 avg_deal is an amount: reported rounded to cents (half away from zero); the needs use
     the exact cents/count.
 A15 Bridge: `won`/`lost` in d are judged on the record's d state regardless of which
     scope it is in at d; scope membership at p uses p's values, at d uses d's values.
     pushed/pulled_in need a close_date in both snapshots.
 A16 by_source maps (pipeline, bookings, win_rate) list every source of the scope's
     accepted records in this snapshot, sorted by code point.
 A17 targets.csv: first row for a (quarter, scope) wins; empty dimension = company
     (value ignored); non-empty dimension with empty value = DIM=Unassigned.
 A18 rates are null when the denominator is 0 (attainment with target 0, coverage with
     remaining 0, avg_deal with no t13 bookings).
 A19 A whitespace-only `id` is empty (E1). Ids compare exactly (case-sensitive).
 A20 Non-hidden files in snapshots/ that are not YYYY-MM-DD.csv stop the build.
 A21 A scope with no records in a snapshot gets no trend point there (this can only happen
     to `company`, in a snapshot with no accepted rows; that company scope is still listed).
 A22 Amounts have no size limit (Decimal); the Swift tool rejects amounts beyond its integer
     range as E4 (e.g. 99999999999999999.995).
 A23 status.ignore is judged on rows with the header's number of fields (a row with too many or
     too few fields is E5: its status cannot be read), before every other check: an ignored row
     with a bad date or an empty id is ignored, not an error. Ignored rows count in `rows`, not in
     `accepted` or `errors`; `ignored` and `ignored_by_status` count them.
 A24 status.stages / status.opened: "unless the export has that stage's own date column" is judged
     PER FILE like A1: a stage with its own column never takes the opened date, even where that
     column is empty. The pipeline stage of a won or lost record takes the opened date on the
     same terms. The opened column is a date field (E3 when it does not parse).
 A26 Drill-down lists (issue 9, extra fields): pipeline.past_due_deals / in_quarter_deals and
     bridge.won/lost/removed/pushed/pulled_in_deals list the deals behind each figure, largest
     amount first, equal amounts by id in code-point order. Texts (owner, lost_reason) are the
     row's in d, or in p for a deal absent from d; amounts as the figure counts them.
     win_rate.marketing / rest: the win rate over the sources in marketing_sources / every
     other source. marketing_share.band = marketing_band (default 0.20-0.30) and band_verdict
     per window: the amount share below / within (ends included) / above the band, null when
     the share is null.
 A25 snapshot_names: a file name matching the pattern with YYYY-MM-DD where {date} stands, or a
     plain YYYY-MM-DD.csv; anything else, or two files for one date, stops the build.

Observed Swift choices (2026-11-23 binary): per ROW on A1, case-INSENSITIVE on A3, W1 AFTER
dropping on A5, lenient on A12 (+5 .5 5. accepted); agrees with the oracle on A6-A11,
A13-A16, A18-A21; on A17 it stops the build on a duplicate target row or an unknown
dimension. Run compare.py with --opt won_column_per_row --opt status_case_insensitive
--opt w1_after_drop --opt lenient_amount to apply Swift's readings.
"""
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

import yaml

ONE_DAY = dt.timedelta(days=1)

# A8: metrics.json lists at most this many row problems per code.
EXAMPLES_PER_CODE = 100

# Alternative readings of the ambiguous points, off by default (the default is the
# reading listed above). compare.py --opt NAME turns one on, to confirm that a
# difference is explained by that reading alone.
OPTIONS = {
    "won_column_per_row": False,      # A1: explicit won_date/lost_date wins only where non-empty
    "status_case_insensitive": False, # A3: status values match ignoring case
    "w1_after_drop": False,           # A5: W1 judged after dropping future dates
    "lenient_amount": False,          # A12: accept +5, .5 and 5.
}


class Money:
    """An amount held as integer cents."""
    __slots__ = ("cents",)

    def __init__(self, cents):
        self.cents = int(cents)

    def to_json(self):
        return self.cents // 100 if self.cents % 100 == 0 else float(Decimal(self.cents) / 100)

    def __repr__(self):
        return str(Decimal(self.cents) / 100)

    def __eq__(self, o):
        return isinstance(o, Money) and o.cents == self.cents


class BuildError(Exception):
    pass


# ----------------------------------------------------------------------------- site

class Site:
    def __init__(self, content):
        path = os.path.join(content, "site.yml")
        try:
            with open(path, encoding="utf-8") as f:
                y = yaml.safe_load(f)
        except Exception as e:
            raise BuildError(f"{path}: {e}")
        if not isinstance(y, dict):
            raise BuildError(f"{path}: not a mapping")
        self.company = str(y.get("company", ""))
        self.currency = str(y.get("currency", ""))
        self.fy_start = int(y.get("fiscal_year_start_month", 1) or 1)
        self.dimensions = [str(x) for x in (y.get("dimensions") or [])]
        self.marketing = set(str(x) for x in (y.get("marketing_sources") or []))
        band = y.get("marketing_band") or {}
        self.band = (float(band.get("low", 0.20)), float(band.get("high", 0.30)))
        self.date_format = str(y.get("date_format") or "yyyy-MM-dd")
        self.columns = {str(k): str(v) for k, v in (y.get("columns") or {}).items()}
        st = y.get("stages") or []
        self.stages = [str(s["key"]) for s in st]
        pidx = [i for i, s in enumerate(st) if s.get("pipeline") is True]
        self.pidx = pidx[0] if pidx else len(self.stages) - 2
        self.slas = [{"name": str(r["name"]), "from": str(r["from"]), "days": int(r["days"])}
                     for r in (y.get("slas") or [])]
        s = y.get("status")
        self.status = None
        if s:
            self.status = {
                "column": str(s["column"]),
                "date": str(s["date"]) if s.get("date") is not None else None,
                "won": set(str(v) for v in (s.get("won") or [])),
                "lost": set(str(v) for v in (s.get("lost") or [])),
                "opened": str(s["opened"]) if s.get("opened") is not None else None,
                "stages": {str(k): str(v) for k, v in (s.get("stages") or {}).items()},
                "ignore": set(str(v) for v in (s.get("ignore") or [])),
            }
        self.snapshot_names = y.get("snapshot_names")

    def col(self, canonical):
        return self.columns.get(canonical, canonical)


# ----------------------------------------------------------------------------- parsing

TIME_RE = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:[.,]\d+)?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?"
ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]" + TIME_RE + r")?\Z")
ALT_RE = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?: " + TIME_RE + r")?\Z")
AMOUNT_RE = re.compile(r"-?\d+(?:\.\d+)?\Z")
AMOUNT_LENIENT_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z")


def make_date_parser(fmt):
    fmt = fmt.strip()
    if fmt in ("yyyy-MM-dd", ""):
        def p(s):
            m = ISO_RE.match(s)
            if not m:
                return None
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
        return p
    if fmt not in ("MM/dd/yyyy", "dd/MM/yyyy", "dd.MM.yyyy"):
        raise BuildError(f"site.yml: unknown date_format {fmt}")
    sep = "." if "." in fmt else "/"
    month_first = fmt.startswith("MM")

    def p(s):
        m = ALT_RE.match(s)
        if not m or m.group(2) != sep:
            return None
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        mo, da = (a, b) if month_first else (b, a)
        try:
            return dt.date(y, mo, da)
        except ValueError:
            return None
    return p


def parse_amount(s):
    """cents, or None if invalid (E4)."""
    if not (AMOUNT_LENIENT_RE if OPTIONS["lenient_amount"] else AMOUNT_RE).match(s):
        return None
    v = Decimal(s)
    if v < 0:
        return None
    return int((v * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def trim(s):
    return s.strip(" \t")


def read_csv(path):
    """(header, [(line, fields)]) ; blank lines skipped; line = physical start line."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
    except Exception as e:
        raise BuildError(f"{path}: unreadable: {e}")
    if text.startswith("\ufeff"):
        text = text[1:]
    r = csv.reader(io.StringIO(text, newline="\n"), skipinitialspace=True, strict=False)
    rows = []
    prev = 0
    try:
        for row in r:
            start = prev + 1
            prev = r.line_num
            if not row or (len(row) == 1 and trim(row[0]) == ""):
                continue
            rows.append((start, [trim(x) for x in row]))
    except csv.Error as e:
        raise BuildError(f"{path}: unreadable CSV: {e}")
    if not rows:
        raise BuildError(f"{path}: no header")
    return rows[0][1], rows[1:]


# ----------------------------------------------------------------------------- calendar

def fiscal_quarter(site, d):
    """(fy, q, start, end)."""
    m0 = site.fy_start
    k = (d.month - m0) % 12
    q = k // 3 + 1
    start_year = d.year if d.month >= m0 else d.year - 1
    fy = start_year if m0 == 1 else start_year + 1
    sm = m0 + 3 * (q - 1)
    sy = start_year + (sm - 1) // 12
    sm = (sm - 1) % 12 + 1
    start = dt.date(sy, sm, 1)
    em = sm + 3
    ey = sy + (em - 1) // 12
    em = (em - 1) % 12 + 1
    end = dt.date(ey, em, 1) - ONE_DAY
    return fy, q, start, end


def quarter_label(fy, q):
    return f"FY{fy}-Q{q}"


# ----------------------------------------------------------------------------- snapshot loading

class Rec:
    __slots__ = ("id", "line", "dates", "lost", "close", "source", "dims", "amt", "owner", "lost_reason",
                 "max_stage", "won", "is_lost", "open", "current")


def load_snapshot(site, content, fname, d):
    path = os.path.join(content, "snapshots", fname)
    header, rows = read_csv(path)
    idx = {}
    for i, h in enumerate(header):
        idx.setdefault(h, i)
    relfile = "snapshots/" + fname
    # required columns
    missing = [c for c in ["id"] + site.dimensions if site.col(c) not in idx]
    if missing:
        raise BuildError(f"{path}: missing required column(s) {[site.col(c) for c in missing]}; "
                         f"the file has {header}")
    nst = len(site.stages)
    last = nst - 1
    stage_cols = [idx.get(site.col(k + "_date")) for k in site.stages]
    lost_col = idx.get(site.col("lost_date"))
    close_col = idx.get(site.col("close_date"))
    source_col = idx.get(site.col("source"))
    amount_col = idx.get(site.col("amount"))
    id_col = idx[site.col("id")]
    owner_col = idx.get(site.col("owner"))
    reason_col = idx.get(site.col("lost_reason"))
    dim_cols = [idx[site.col(x)] for x in site.dimensions]
    st_col = st_date_col = opened_col = None
    use_status_won = use_status_lost = False
    if site.status:
        def find(name):
            if name in idx:
                return idx[name]
            if site.col(name) in idx:
                return idx[site.col(name)]
            raise BuildError(f"{path}: status column {name} missing; the file has {header}")
        st_col = find(site.status["column"])
        if site.status["date"] is not None:
            st_date_col = find(site.status["date"])
            use_status_won = stage_cols[last] is None or OPTIONS["won_column_per_row"]
            use_status_lost = lost_col is None or OPTIONS["won_column_per_row"]
        if site.status["opened"] is not None:
            opened_col = find(site.status["opened"])
    # A24: status value -> stage index dated by `opened`, for stages without their own column
    opened_stage = {}
    if opened_col is not None:
        for value, key in site.status["stages"].items():
            i = site.stages.index(key)
            if stage_cols[i] is None:
                opened_stage[value] = i
    date_cols = [c for c in stage_cols if c is not None]
    for c in (lost_col, close_col, st_date_col, opened_col):
        if c is not None:
            date_cols.append(c)
    pdate = make_date_parser(site.date_format)
    nh = len(header)

    errors = {f"E{i}": 0 for i in range(1, 7)}
    warnings = {f"W{i}": 0 for i in range(1, 4)}
    examples = []
    accepted_ids = set()
    recs = []
    ignored = {}
    for line, f in rows:
        code = None
        if st_col is not None and len(f) == nh and f[st_col] in site.status["ignore"]:
            ignored[f[st_col]] = ignored.get(f[st_col], 0) + 1   # A23
            continue
        if len(f) != nh:
            code = "E5"
        elif f[id_col] == "":
            code = "E1"
        else:
            parsed = {}
            for c in date_cols:
                v = f[c]
                if v != "":
                    x = pdate(v)
                    if x is None:
                        code = "E3"
                        break
                    parsed[c] = x
            amt = None
            if code is None and amount_col is not None and f[amount_col] != "":
                amt = parse_amount(f[amount_col])
                if amt is None:
                    code = "E4"
            if code is None and f[id_col] in accepted_ids:
                code = "E2"
            if code is None:
                raw = [parsed.get(c) if c is not None else None for c in stage_cols]
                lost_raw = parsed.get(lost_col) if lost_col is not None else None
                if st_col is not None and st_date_col is not None:
                    sv = f[st_col]
                    sd = parsed.get(st_date_col)
                    if OPTIONS["status_case_insensitive"]:
                        sv = sv.casefold()
                        won_set = set(x.casefold() for x in site.status["won"])
                        lost_set = set(x.casefold() for x in site.status["lost"])
                    else:
                        won_set, lost_set = site.status["won"], site.status["lost"]
                    if use_status_won and sv in won_set and raw[last] is None:
                        raw[last] = sd
                    if use_status_lost and sv in lost_set and lost_raw is None:
                        lost_raw = sd
                    if opened_col is not None:
                        # SPEC 1.2: a won or lost record was an opportunity first (dated by `opened`)
                        if (sv in won_set or sv in lost_set) and stage_cols[site.pidx] is None:
                            raw[site.pidx] = parsed.get(opened_col)
                        elif sv in opened_stage:
                            raw[opened_stage[sv]] = parsed.get(opened_col)
                w1 = False
                # W1: a later stage dated before an earlier one (as written)
                mx = None
                for x in raw:
                    if x is None or (OPTIONS["w1_after_drop"] and x > d):
                        continue
                    if mx is not None and x < mx:
                        w1 = True
                        break
                    mx = x if mx is None or x > mx else mx
                w2 = any(x is not None and x > d for x in raw) or (lost_raw is not None and lost_raw > d)
                dates = [x if x is not None and x <= d else None for x in raw]
                lost = lost_raw if lost_raw is not None and lost_raw <= d else None
                if all(x is None for x in dates):
                    code = "E6"
                else:
                    r = Rec()
                    r.id = f[id_col]
                    r.line = line
                    r.dates = dates
                    r.lost = lost
                    r.close = parsed.get(close_col) if close_col is not None else None
                    r.source = (f[source_col] if source_col is not None else "") or "Unassigned"
                    r.dims = [f[c] or "Unassigned" for c in dim_cols]
                    r.amt = amt
                    r.owner = f[owner_col] if owner_col is not None else ""
                    r.lost_reason = f[reason_col] if reason_col is not None else ""
                    r.max_stage = max(i for i, x in enumerate(dates) if x is not None)
                    r.won = dates[last] is not None
                    r.is_lost = (not r.won) and lost is not None
                    r.open = r.max_stage >= site.pidx and not r.won and not r.is_lost
                    r.current = "won" if r.won else ("lost" if r.is_lost else site.stages[r.max_stage])
                    w3 = r.won and lost is not None
                    for wc, on in (("W1", w1), ("W2", w2), ("W3", w3)):
                        if on:
                            warnings[wc] += 1
                            examples.append({"file": relfile, "line": line, "code": wc, "message": wc})
                    accepted_ids.add(r.id)
                    recs.append(r)
        if code is not None:
            errors[code] += 1
            examples.append({"file": relfile, "line": line, "code": code, "message": code})
    # A8: metrics.json lists the first EXAMPLES_PER_CODE of each code (in line order); the full
    # list is data-quality/diagnostics.csv, which compare.py checks against `all_examples`.
    per_code = {}
    capped = []
    for e in examples:
        per_code[e["code"]] = per_code.get(e["code"], 0) + 1
        if per_code[e["code"]] <= EXAMPLES_PER_CODE:
            capped.append(e)
    dq = {"rows": len(rows), "accepted": len(recs), "errors": errors, "warnings": warnings,
          "examples": capped, "examples_per_code": EXAMPLES_PER_CODE, "all_examples": examples,
          "ignored": sum(ignored.values()), "ignored_by_status": dict(sorted(ignored.items()))}
    return recs, dq


# ----------------------------------------------------------------------------- metrics

def quantile(vals, q):
    if not vals:
        return None
    x = sorted(vals)
    h = (len(x) - 1) * q
    lo = int(h)
    if lo + 1 >= len(x):
        return float(x[lo])
    return x[lo] + (h - lo) * (x[lo + 1] - x[lo])


def ratio(a, b):
    return None if b == 0 else a / b


def cents(r):
    return r.amt or 0


def inw(x, w):
    return x is not None and w[0] <= x <= w[1]


def ceil_div(a, b):
    return -((-a) // b)


def largest_first(items, amount):
    """A26: largest amount first, equal amounts by id in code-point order."""
    def key(x):
        i = x.id if hasattr(x, "id") else x["id"]
        return (-amount(x), i)
    return sorted(items, key=key)


def scope_metrics(site, recs, d, win, fq, prev_state, plan_target):
    """recs: records of this scope. prev_state: (prev open map id->rec for this scope, all recs of d by id) or None."""
    stages = site.stages
    nst = len(stages)
    last = nst - 1
    pidx = site.pidx
    sources = sorted(set(r.source for r in recs))
    out = {}
    # volume
    vol = {}
    for i, s in enumerate(stages):
        vol[s] = {w: sum(1 for r in recs if inw(r.dates[i], win[w])) for w in ("week", "qtd", "t13")}
    out["volume"] = vol
    # conversion + velocity
    conv = []
    velo = []
    conv_raw = {}
    for i in range(last):
        e = {"from": stages[i], "to": stages[i + 1]}
        t13_days = []
        for w in ("qtd", "t13"):
            cohort = [r for r in recs if inw(r.dates[i], win[w])]
            converted = [r for r in cohort if any(x is not None for x in r.dates[i + 1:])]
            e[w] = {"cohort": len(cohort), "converted": len(converted),
                    "rate": ratio(len(converted), len(cohort))}
            conv_raw[(i, w)] = (len(cohort), len(converted))
            if w == "t13":
                for r in converted:
                    nxt = min(x for x in r.dates[i + 1:] if x is not None)
                    t13_days.append((nxt - r.dates[i]).days)
        conv.append(e)
        velo.append({"from": stages[i], "to": stages[i + 1], "n": len(t13_days),
                     "median_days": quantile(t13_days, 0.5), "p90_days": quantile(t13_days, 0.9)})
    out["conversion"] = conv
    out["velocity"] = velo
    # sla
    slas = []
    for rule in site.slas:
        fi = stages.index(rule["from"])
        N = rule["days"]
        e = {"name": rule["name"], "from": rule["from"], "days": N}
        for w in ("week", "qtd"):
            c = {"on_time": 0, "late": 0, "pending": 0, "breached": 0}
            resp_days = []
            for r in recs:
                f = r.dates[fi]
                if not inw(f, win[w]):
                    continue
                cands = [x for x in r.dates[fi + 1:] if x is not None]
                if r.lost is not None:
                    cands.append(r.lost)
                if cands:
                    days = (min(cands) - f).days
                    resp_days.append(days)
                    c["on_time" if days <= N else "late"] += 1
                else:
                    age = (d - f).days
                    c["pending" if age <= N else "breached"] += 1
            c["compliance"] = ratio(c["on_time"], c["on_time"] + c["late"] + c["breached"])
            c["median_response_days"] = quantile(resp_days, 0.5)
            e[w] = c
        slas.append(e)
    out["sla"] = slas
    # pipeline
    opn = [r for r in recs if r.open]

    def ca(rs):
        return {"count": len(rs), "amount": Money(sum(cents(r) for r in rs))}
    pipe = ca(opn)
    pipe["by_stage"] = {stages[i]: ca([r for r in opn if r.max_stage == i]) for i in range(pidx, last)}
    pipe["by_source"] = {s: ca([r for r in opn if r.source == s]) for s in sources}
    pipe["in_quarter"] = ca([r for r in opn if inw(r.close, (fq[2], fq[3]))])
    pipe["past_due"] = ca([r for r in opn if r.close is not None and r.close < d])

    def pipe_deals(rs):
        return [{"id": r.id, "owner": r.owner, "amount": Money(cents(r)), "stage": stages[r.max_stage],
                 "close_date": r.close.isoformat()} for r in largest_first(rs, cents)]
    pipe["past_due_deals"] = pipe_deals([r for r in opn if r.close is not None and r.close < d])
    pipe["in_quarter_deals"] = pipe_deals([r for r in opn if inw(r.close, (fq[2], fq[3]))])
    out["pipeline"] = pipe
    # bookings
    bk = {}
    for w in ("week", "qtd", "t13"):
        bk[w] = ca([r for r in recs if inw(r.dates[last], win[w])])
    bk["by_source"] = {s: ca([r for r in recs if r.source == s and inw(r.dates[last], win["qtd"])])
                       for s in sources}
    out["bookings"] = bk

    # win rate
    def wr(rs, w):
        won = [r for r in rs if r.max_stage >= pidx and inw(r.dates[last], win[w])]
        lost = [r for r in rs if r.max_stage >= pidx and r.is_lost and inw(r.lost, win[w])]
        wa = sum(cents(r) for r in won)
        la = sum(cents(r) for r in lost)
        return {"won": len(won), "lost": len(lost), "won_amount": Money(wa), "lost_amount": Money(la),
                "rate": ratio(len(won), len(won) + len(lost)), "amount_rate": ratio(wa, wa + la)}
    wrd = {w: wr(recs, w) for w in ("qtd", "t13")}
    wrd["by_source"] = {s: {w: wr([r for r in recs if r.source == s], w) for w in ("qtd", "t13")}
                        for s in sources}
    wrd["marketing"] = {w: wr([r for r in recs if r.source in site.marketing], w) for w in ("qtd", "t13")}
    wrd["rest"] = {w: wr([r for r in recs if r.source not in site.marketing], w) for w in ("qtd", "t13")}
    out["win_rate"] = wrd
    # marketing share
    ms = {}
    for w in ("qtd", "t13"):
        created = [r for r in recs if inw(r.dates[pidx], win[w])]
        mk = [r for r in created if r.source in site.marketing]
        ta = sum(cents(r) for r in created)
        ma = sum(cents(r) for r in mk)
        ms[w] = {"opportunities": len(created), "amount": Money(ta),
                 "count_share": ratio(len(mk), len(created)), "amount_share": ratio(ma, ta)}
    ms["band"] = {"low": site.band[0], "high": site.band[1]}

    def verdict(x):
        return None if x is None else ("below" if x < site.band[0] else "above" if x > site.band[1] else "within")
    ms["band_verdict"] = {w: verdict(ms[w]["amount_share"]) for w in ("qtd", "t13")}
    out["marketing_share"] = ms
    # bridge
    if prev_state is None:
        out["bridge"] = None
    else:
        p_open, d_all = prev_state
        d_open = {r.id: r for r in opn}
        b = {k: 0 for k in ("added", "increased", "decreased", "won", "lost", "removed")}
        cnt = dict(b)
        pushed = [0, 0]
        pulled = [0, 0]
        listed = {k: [] for k in ("won", "lost", "removed", "pushed", "pulled_in")}
        start = sum(cents(r) for r in p_open.values())
        for rid, pr in p_open.items():
            dr = d_open.get(rid)
            if dr is not None:
                diff = cents(dr) - cents(pr)
                if diff > 0:
                    b["increased"] += diff
                    cnt["increased"] += 1
                elif diff < 0:
                    b["decreased"] += -diff
                    cnt["decreased"] += 1
                if pr.close is not None and dr.close is not None:
                    qp = fiscal_quarter(site, pr.close)[:2]
                    qd = fiscal_quarter(site, dr.close)[:2]
                    shift = {"id": rid, "owner": dr.owner, "amount": Money(cents(dr)),
                             "close_date_before": pr.close.isoformat(), "close_date_after": dr.close.isoformat(),
                             "quarter_before": quarter_label(*qp), "quarter_after": quarter_label(*qd)}
                    if qd > qp:
                        pushed[0] += 1
                        pushed[1] += cents(dr)
                        listed["pushed"].append(shift)
                    elif qd < qp:
                        pulled[0] += 1
                        pulled[1] += cents(dr)
                        listed["pulled_in"].append(shift)
            else:
                x = d_all.get(rid)
                k = "won" if (x is not None and x.won) else ("lost" if (x is not None and x.is_lost) else "removed")
                b[k] += cents(pr)
                cnt[k] += 1
                text = x if x is not None else pr
                deal = {"id": rid, "owner": text.owner, "amount": Money(cents(pr))}
                if k == "lost":
                    deal["lost_reason"] = text.lost_reason
                listed[k].append(deal)
        for rid, dr in d_open.items():
            if rid not in p_open:
                b["added"] += cents(dr)
                cnt["added"] += 1
        end = sum(cents(r) for r in opn)
        br = {"start": Money(start)}
        for k in ("added", "increased", "decreased", "won", "lost", "removed"):
            br[k] = Money(b[k])
        br["end"] = Money(end)
        br["counts"] = cnt
        br["pushed"] = {"count": pushed[0], "amount": Money(pushed[1])}
        br["pulled_in"] = {"count": pulled[0], "amount": Money(pulled[1])}
        for k, deals in listed.items():
            br[k + "_deals"] = largest_first(deals, lambda e: e["amount"].cents)
        out["bridge"] = br
    # plan
    if plan_target is None:
        out["plan"] = None
    else:
        T = plan_target
        booked = bk["qtd"]["amount"].cents
        remaining = max(T - booked, 0)
        inq = pipe["in_quarter"]["amount"].cents
        bc = bk["t13"]["count"]
        ba = bk["t13"]["amount"].cents
        avg = None if bc == 0 else Money(int((Decimal(ba) / bc).quantize(Decimal(1), rounding=ROUND_HALF_UP)))
        qdays = (fq[3] - fq[2]).days + 1
        elapsed = (d - fq[2]).days + 1
        needs = {}
        need = None if (bc == 0 or ba == 0) else ceil_div(T * bc, ba)
        needs[last] = need
        t13w = wrd["t13"]["won"]
        t13l = wrd["t13"]["lost"]
        need = None if (need is None or t13w == 0) else ceil_div(need * (t13w + t13l), t13w)
        needs[pidx] = need
        for i in range(pidx - 1, -1, -1):
            coh, cv = conv_raw[(i, "t13")]
            need = None if (need is None or cv == 0) else ceil_div(need * coh, cv)
            needs[i] = need
        rf = []
        for i in [last] + list(range(pidx, -1, -1)):
            n = needs[i]
            act = vol[stages[i]]["qtd"]
            exp = None if n is None else n * elapsed / qdays
            rf.append({"stage": stages[i], "need": n, "actual": act, "expected_by_now": exp,
                       "pace_gap": None if exp is None else act - exp})
        out["plan"] = {"quarter": quarter_label(fq[0], fq[1]), "target": Money(T), "booked": Money(booked),
                       "attainment": ratio(booked, T), "remaining": Money(remaining),
                       "coverage": ratio(inq, remaining), "avg_deal": avg, "reverse_funnel": rf}
    return out


def load_targets(site, content):
    path = os.path.join(content, "targets.csv")
    if not os.path.exists(path):
        return {}
    header, rows = read_csv(path)
    idx = {h: i for i, h in enumerate(header)}
    for c in ("quarter", "dimension", "value", "bookings"):
        if c not in idx:
            raise BuildError(f"{path}: missing column {c}; the file has {header}")
    t = {}
    for line, f in rows:
        if len(f) != len(header):
            continue
        q = f[idx["quarter"]]
        dim = f[idx["dimension"]]
        scope = "company" if dim == "" else f"{dim}={f[idx['value']] or 'Unassigned'}"
        c = parse_amount(f[idx["bookings"]])
        if c is None:
            raise BuildError(f"{path}:{line}: bad bookings {f[idx['bookings']]}")
        t.setdefault((q, scope), c)
    return t


SNAP_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\.csv\Z")


def compute(content):
    site = Site(content)
    sdir = os.path.join(content, "snapshots")
    snaps = []
    named = None
    if site.snapshot_names:
        pre, post = str(site.snapshot_names).split("{date}")
        named = re.compile(re.escape(pre) + r"(\d{4})-(\d{2})-(\d{2})" + re.escape(post) + r"\Z")
    for fn in sorted(os.listdir(sdir)):
        if fn.startswith("."):
            continue
        m = SNAP_RE.match(fn) or (named.match(fn) if named else None)
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
        except ValueError:
            d = None
        if d is None:
            raise BuildError(f"{sdir}/{fn}: file name is not a valid YYYY-MM-DD.csv date")
        if any(d == other for other, _ in snaps):
            raise BuildError(f"{sdir}/{fn}: a second snapshot for {d}")
        snaps.append((d, fn))
    if not snaps:
        raise BuildError(f"{sdir}: no snapshots")
    snaps.sort()
    targets = load_targets(site, content)
    docs = {}
    trend = {}  # scope -> list of trend entries
    prev = None  # (d, recs)
    for d, fn in snaps:
        recs, dq = load_snapshot(site, content, fn, d)
        fq = fiscal_quarter(site, d)
        win = {
            "week": ((prev[0] + ONE_DAY) if prev else d - dt.timedelta(days=6), d),
            "qtd": (fq[2], d),
            "t13": (d - dt.timedelta(days=90), d),
        }
        qlabel = quarter_label(fq[0], fq[1])
        scopes = [("company", None, None, recs)]
        for k, dim in enumerate(site.dimensions):
            vals = sorted(set(r.dims[k] for r in recs))
            for v in vals:
                scopes.append((f"{dim}={v}", dim, v, [r for r in recs if r.dims[k] == v]))
        d_all = {r.id: r for r in recs}
        if prev:
            pd_recs = prev[1]
            p_open_company = {r.id: r for r in pd_recs if r.open}
        out_scopes = []
        for name, dim, val, srecs in scopes:
            if prev:
                if dim is None:
                    po = p_open_company
                else:
                    k = site.dimensions.index(dim)
                    po = {rid: r for rid, r in p_open_company.items() if r.dims[k] == val}
                pstate = (po, d_all)
            else:
                pstate = None
            m = scope_metrics(site, srecs, d, win, fq, pstate, targets.get((qlabel, name)))
            te = {"snapshot": d.isoformat(),
                  "volume": {s: m["volume"][s]["week"] for s in site.stages},
                  "sla_compliance": {e["name"]: e["week"]["compliance"] for e in m["sla"]},
                  "pipeline_amount": m["pipeline"]["amount"],
                  "bookings_qtd": m["bookings"]["qtd"]["amount"],
                  "marketing_amount_share_qtd": m["marketing_share"]["qtd"]["amount_share"]}
            if srecs:  # "every snapshot up to d in which the scope has records"
                trend.setdefault(name, []).append(te)
            sc = {"scope": name, "dimension": dim, "value": val, "records": len(srecs)}
            sc.update(m)
            sc["trend"] = list(trend.get(name, []))
            out_scopes.append(sc)
        doc = {
            "schema": "waterfall-metrics/1",
            "company": site.company, "currency": site.currency,
            "snapshot": d.isoformat(), "previous_snapshot": prev[0].isoformat() if prev else None,
            "fiscal_quarter": qlabel,
            "windows": {w: {"start": a.isoformat(), "end": b.isoformat()} for w, (a, b) in win.items()},
            "stages": list(site.stages),
            "data_quality": dq,
            "scopes": out_scopes,
        }
        docs[d.isoformat()] = doc
        prev = (d, recs)
    return docs


def to_json(o):
    if isinstance(o, Money):
        return o.to_json()
    if isinstance(o, dict):
        return {k: to_json(v) for k, v in o.items()}
    if isinstance(o, list):
        return [to_json(v) for v in o]
    return o


def main(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("content")
    ap.add_argument("--snapshot")
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    try:
        docs = compute(a.content)
    except BuildError as e:
        print(f"oracle: {e}", file=sys.stderr)
        return 2
    if a.out:
        for s, doc in docs.items():
            p = os.path.join(a.out, "weeks", s)
            os.makedirs(p, exist_ok=True)
            with open(os.path.join(p, "metrics.json"), "w") as f:
                json.dump(to_json(doc), f, indent=1, ensure_ascii=False)
    elif a.snapshot:
        print(json.dumps(to_json(docs[a.snapshot]), indent=1, ensure_ascii=False))
    else:
        for s, doc in docs.items():
            print(json.dumps(to_json(doc), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
