#!/usr/bin/env python3
"""Random messy fixture: python3 gen_random.py OUTDIR SEED NREC NWEEKS"""
import sys, os, random, datetime as dt
out, seed, nrec, nweeks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
R = random.Random(seed)
os.makedirs(out + "/snapshots", exist_ok=True)
stages = ["inquiry", "mql", "sal", "sql", "opportunity", "won"]
open(out + "/site.yml", "w").write("""company: "Rand Co"
currency: EUR
fiscal_year_start_month: %d
dimensions: [segment, region]
marketing_sources: [Marketing, Events]
columns: { id: "Lead ID", mql_date: "MQL Date", segment: Seg, amount: "Amount (EUR)" }
stages:
  - { key: inquiry, name: Inquiry, owner: Marketing, definition: "x" }
  - { key: mql, name: MQL, owner: Marketing, definition: "x" }
  - { key: sal, name: SAL, owner: Sales, definition: "x" }
  - { key: sql, name: SQL, owner: Sales, definition: "x" }
  - { key: opportunity, name: Opportunity, owner: Sales, pipeline: true, definition: "x" }
  - { key: won, name: Won, owner: Sales, definition: "x" }
slas:
  - { name: Lead acceptance, from: mql, days: 2 }
  - { name: Qualify, from: sal, days: 7 }
""" % R.choice([1, 2, 4, 7, 11]))
first = dt.date(2026, 1, 2) + dt.timedelta(days=R.randrange(0, 200))
snaps = []
d = first
for i in range(nweeks):
    snaps.append(d)
    d += dt.timedelta(days=7 * (2 if R.random() < 0.15 else 1))
start = first - dt.timedelta(days=200)
span = (snaps[-1] - start).days
segs = ["Enterprise", "Mid-Market", "SMB", "", "Ünïcode", "smb"]
regs = ["EMEA", "NA", "APAC", ""]
srcs = ["Marketing", "Sales", "Partner", "Events", ""]
recs = []
for i in range(nrec):
    r = {"id": f"L{i:05d}", "seg": R.choice(segs), "reg": R.choice(regs), "src": R.choice(srcs)}
    t = start + dt.timedelta(days=R.randrange(span))
    dates = {}
    st0 = R.choice([0, 0, 0, 1, 2, 4])
    for k in range(st0, 6):
        if k > st0:
            if R.random() < 0.35:
                break
            t = t + dt.timedelta(days=R.choice([0, 1, 1, 2, 3, 5, 9, 20, 40]))
        if R.random() < 0.08 and k > st0:  # stage skip
            continue
        dates[stages[k]] = t
    if R.random() < 0.03 and len(dates) >= 2:  # out of order
        ks = list(dates)
        dates[ks[1]] = dates[ks[0]] - dt.timedelta(days=R.randrange(1, 5))
    r["dates"] = dates
    last = max(dates.values())
    if "won" not in dates and R.random() < 0.4:
        r["lost"] = last + dt.timedelta(days=R.randrange(0, 30))
    elif "won" in dates and R.random() < 0.03:
        r["lost"] = last + dt.timedelta(days=R.randrange(-3, 3))
    r["amt"] = R.choice([None, "1000", "2500.5", "12.345", "999.995", "0", "-0", str(R.randrange(100, 90000))])
    r["amt2"] = R.choice([None, r["amt"], str(R.randrange(100, 90000)), "0.005"]) if R.random() < 0.1 else r["amt"]
    r["close"] = last + dt.timedelta(days=R.randrange(-20, 200)) if R.random() < 0.8 else None
    r["close2"] = r["close"] + dt.timedelta(days=R.choice([-100, -30, 30, 95])) if r["close"] and R.random() < 0.2 else r["close"]
    r["seg2"] = R.choice(segs) if R.random() < 0.05 else r["seg"]
    r["gone"] = R.random() < 0.02
    recs.append(r)

def q(v):
    if R.random() < 0.05 or any(c in v for c in ',"\n'):
        return '"' + v.replace('"', '""') + '"'
    return v

def sp(v):
    return (" " * R.randrange(0, 2)) + v + (" " * R.randrange(0, 2)) if R.random() < 0.05 else v

def fd(x):
    if x is None: return ""
    r = R.random()
    if r < 0.05: return x.isoformat() + "T09:30:00Z"
    if r < 0.08: return x.isoformat() + " 02:00:00"
    return x.isoformat()

header = ["Lead ID", "name", "inquiry_date", "MQL Date", "sal_date", "sql_date", "opportunity_date", "won_date",
          "lost_date", "Seg", "region", "source", "Amount (EUR)", "close_date", "owner", "junk"]
for si, d in enumerate(snaps):
    rows = []
    late = si >= len(snaps) // 2
    for r in recs:
        if min(r["dates"].values()) > d + dt.timedelta(days=3):
            continue
        if r["gone"] and late:
            continue
        def vis(x):
            if x is None: return None
            if x <= d: return x
            return x if R.random() < 0.02 else None  # occasional future date -> W2
        vals = {"Lead ID": r["id"], "name": R.choice(["Acme, Inc.", 'Big "Q" Ltd', "line\nbreak co", "Plain"]),
                "Seg": r["seg2"] if late else r["seg"], "region": r["reg"], "source": r["src"],
                "Amount (EUR)": (r["amt2"] if late else r["amt"]) or "",
                "close_date": fd(r["close2"] if late else r["close"]), "owner": "o", "junk": "j"}
        for k, st in enumerate(stages):
            col = header[2 + k]
            vals[col] = fd(vis(r["dates"].get(st)))
        vals["lost_date"] = fd(vis(r.get("lost")))
        if all(vals[header[2 + k]] == "" for k in range(6)) and R.random() < 0.9:
            continue
        # noise
        n = R.random()
        if n < 0.005: vals["Lead ID"] = R.choice(["", "  "])
        elif n < 0.010: vals["MQL Date"] = R.choice(["2026-13-01", "yesterday", "2026-02-30", "01/02/2026"])
        elif n < 0.015: vals["Amount (EUR)"] = R.choice(["-5", "abc", "1,000", "1e3", "$5"])
        elif n < 0.020: vals["Lead ID"] = R.choice(recs)["id"]
        line = ",".join(q(sp(vals[h])) for h in header)
        if R.random() < 0.004: line += ",extra"
        rows.append(line)
        if R.random() < 0.01: rows.append("")
    R.shuffle(rows)
    eol = "\r\n" if si % 3 == 1 else "\n"
    bom = "\ufeff" if si % 4 == 2 else ""
    with open(f"{out}/snapshots/{d.isoformat()}.csv", "w", encoding="utf-8", newline="") as f:
        f.write(bom + ",".join(header) + eol + eol.join(rows) + eol)
# targets
with open(out + "/targets.csv", "w") as f:
    f.write("quarter,dimension,value,bookings\n")
    import subprocess
    for y in (2026, 2027, 2028):
        for qq in (1, 2, 3, 4):
            f.write(f"FY{y}-Q{qq},,,{R.randrange(100000, 2000000)}\n")
            f.write(f"FY{y}-Q{qq},segment,Enterprise,{R.randrange(10000, 900000)}.5\n")
            f.write(f"FY{y}-Q{qq},region,EMEA,0\n" if qq == 2 else f"FY{y}-Q{qq},region,EMEA,{R.randrange(1000,50000)}\n")
            f.write(f"FY{y}-Q{qq},segment,,{R.randrange(1000,50000)}\n")
print(out, len(snaps), "snapshots")
