#!/usr/bin/env python3
"""Runs the `CREATE VIEW records` examples of docs/warehouse.md on DuckDB (issue 11, item 5).

Each ```sql block of the guide that starts with `CREATE VIEW records` is taken from the Markdown
as it is (so the guide cannot drift from what is checked), run over a handful of sample rows in
the source schema it names (Salesforce Lead/Opportunity with LeadHistory; HubSpot deals with
contacts), and its rows are compared with the records the guide says they become. Then
`waterfall sql --dialect duckdb` runs over the view, so the view's columns are the ones the
statement reads. Usage: warehouse_views_check.py WATERFALL CONTENT_WITH_SITE_YML
"""
import os
import re
import subprocess
import sys
from datetime import date

import duckdb

GUIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "warehouse.md")

SALESFORCE_SOURCES = """
CREATE TABLE lead_snapshot (snapshot_date DATE, Id VARCHAR, CreatedDate TIMESTAMP, ConvertedDate DATE,
    ConvertedOpportunityId VARCHAR, LeadSource VARCHAR, Segment__c VARCHAR, Region__c VARCHAR, OwnerId VARCHAR);
CREATE TABLE LeadHistory (LeadId VARCHAR, Field VARCHAR, NewValue VARCHAR, CreatedDate TIMESTAMP);
CREATE TABLE opportunity_snapshot (snapshot_date DATE, Id VARCHAR, CreatedDate TIMESTAMP, CloseDate DATE,
    IsWon BOOLEAN, IsClosed BOOLEAN, Amount DOUBLE, LeadSource VARCHAR, Segment__c VARCHAR, Region__c VARCHAR,
    OwnerId VARCHAR);
-- A lead that became an opportunity and was won; a lead disqualified; an opportunity with no lead.
INSERT INTO lead_snapshot VALUES
    ('2026-11-20', 'L1', '2026-08-03 09:15:00', '2026-09-01', 'O1', 'Webinar', 'SMB', 'EMEA', 'u1'),
    ('2026-11-20', 'L2', '2026-08-10 10:00:00', NULL, NULL, 'Paid Search', 'Enterprise', 'NA', 'u2');
INSERT INTO LeadHistory VALUES
    ('L1', 'Status', 'Marketing Qualified', '2026-08-05 08:00:00'),
    ('L1', 'Status', 'Sales Accepted', '2026-08-06 08:00:00'),
    ('L1', 'Status', 'Sales Qualified', '2026-08-20 08:00:00'),
    ('L1', 'Owner', 'Sales Qualified', '2026-08-02 08:00:00'),
    ('L2', 'Status', 'Marketing Qualified', '2026-08-12 08:00:00'),
    ('L2', 'Status', 'Unqualified', '2026-08-30 08:00:00');
INSERT INTO opportunity_snapshot VALUES
    ('2026-11-20', 'O1', '2026-09-01 12:00:00', '2026-10-15', TRUE, TRUE, 12000.5, 'Webinar', 'SMB', 'EMEA', 'u1'),
    ('2026-11-20', 'O2', '2026-10-01 12:00:00', '2026-12-15', FALSE, FALSE, 5000, 'Partner', 'Mid-Market', 'NA', 'u3');
"""

HUBSPOT_SOURCES = """
CREATE TABLE deal_snapshot (snapshot_date DATE, hs_object_id BIGINT, primary_contact_id BIGINT,
    hs_date_entered_appointmentscheduled TIMESTAMP, hs_date_entered_qualifiedtobuy TIMESTAMP,
    createdate TIMESTAMP, hs_is_closed_won BOOLEAN, hs_date_entered_closedwon TIMESTAMP,
    dealstage VARCHAR, hs_date_entered_closedlost TIMESTAMP, closedate TIMESTAMP, amount DOUBLE,
    lead_source VARCHAR, segment VARCHAR, region VARCHAR, hubspot_owner_id VARCHAR);
CREATE TABLE contacts (hs_object_id BIGINT, hs_lifecyclestage_lead_date TIMESTAMP,
    hs_lifecyclestage_marketingqualifiedlead_date TIMESTAMP, hs_analytics_source VARCHAR);
INSERT INTO contacts VALUES (7, '2026-08-01 10:00:00', '2026-08-04 10:00:00', 'ORGANIC_SEARCH');
-- A won deal with a contact; a lost deal without one.
INSERT INTO deal_snapshot VALUES
    ('2026-11-20', 101, 7, '2026-08-10 09:00:00', '2026-08-20 09:00:00', '2026-08-25 09:00:00', TRUE,
     '2026-10-30 16:00:00', 'closedwon', NULL, '2026-10-30 16:00:00', 8000, NULL, 'SMB', 'EMEA', 'o9'),
    ('2026-11-20', 102, NULL, NULL, NULL, '2026-09-02 09:00:00', FALSE,
     NULL, 'closedlost', '2026-10-05 11:00:00', '2026-10-05 11:00:00', 2500.25, 'Partner', 'Enterprise', 'NA', 'o8');
"""

D = date.fromisoformat
SNAP = D("2026-11-20")
# (id, inquiry, mql, sal, sql, opportunity, won, lost, close, amount, source, segment, region, owner)
SALESFORCE_RECORDS = {
    ("L1", D("2026-08-03"), D("2026-08-05"), D("2026-08-06"), D("2026-08-20"), D("2026-09-01"),
     D("2026-10-15"), None, D("2026-10-15"), "12000.50", "Webinar", "SMB", "EMEA", "u1"),
    ("L2", D("2026-08-10"), D("2026-08-12"), None, None, None,
     None, D("2026-08-30"), None, None, "Paid Search", "Enterprise", "NA", "u2"),
    ("O2", None, None, None, None, D("2026-10-01"),
     None, None, D("2026-12-15"), "5000.00", "Partner", "Mid-Market", "NA", "u3"),
}
HUBSPOT_RECORDS = {
    ("101", D("2026-08-01"), D("2026-08-04"), D("2026-08-10"), D("2026-08-20"), D("2026-08-25"),
     D("2026-10-30"), None, D("2026-10-30"), "8000.00", "ORGANIC_SEARCH", "SMB", "EMEA", "o9"),
    ("102", None, None, None, None, D("2026-09-02"),
     None, D("2026-10-05"), D("2026-10-05"), "2500.25", "Partner", "Enterprise", "NA", "o8"),
}


def views():
    """The guide's `CREATE VIEW records` blocks, in order, with the heading above each."""
    text = open(GUIDE, encoding="utf-8").read()
    found = []
    for match in re.finditer(r"```sql\n(CREATE VIEW records.*?)```", text, re.S):
        heading = re.findall(r"^### (.+)$", text[:match.start()], re.M)
        found.append((heading[-1] if heading else "?", match.group(1)))
    return found


def main():
    waterfall, content = sys.argv[1:3]
    passed = failed = 0
    cases = {"Salesforce": (SALESFORCE_SOURCES, SALESFORCE_RECORDS), "HubSpot": (HUBSPOT_SOURCES, HUBSPOT_RECORDS)}
    blocks = views()
    if sorted(h.split(" ")[0] for h, _ in blocks) != sorted(cases):
        print(f"warehouse-views-check: expected a view for {sorted(cases)}, found {[h for h, _ in blocks]}", file=sys.stderr)
        sys.exit(1)
    statement = subprocess.run([waterfall, "sql", "--dialect", "duckdb", "--content", content, "--no-line",
                                "--no-targets"], check=True, capture_output=True, text=True).stdout
    for heading, view in blocks:
        name = heading.split(" ")[0]
        sources, expected = cases[name]
        con = duckdb.connect()
        con.execute(sources)
        try:
            con.execute(view)
            rows = con.execute("SELECT snapshot_date, id, inquiry_date, mql_date, sal_date, sql_date, opportunity_date, "
                               "won_date, lost_date, close_date, CAST(amount AS VARCHAR), source, segment, region, owner "
                               "FROM records").fetchall()
            got = {tuple(r[1:]) for r in rows}
            problems = [f"snapshot_date {r[0]}" for r in rows if r[0] != SNAP]
            problems += [f"missing {e}" for e in sorted(expected - got, key=str)]
            problems += [f"unexpected {g}" for g in sorted(got - expected, key=str)]
            leaves = con.execute(statement).fetchall()
            if not leaves:
                problems.append("waterfall sql returned no rows over the view")
        except duckdb.Error as error:
            problems = [f"DuckDB: {error}"]
        if problems:
            failed += 1
            print(f"warehouse-views-check: {heading}: " + "; ".join(problems), file=sys.stderr)
        else:
            passed += 1
            print(f"{heading}: the guide's view gives the {len(expected)} records it describes; "
                  f"`waterfall sql` over it returned {len(leaves)} leaves")
    print(f"warehouse-views-check: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
