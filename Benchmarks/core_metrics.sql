-- Core metrics of one snapshot (SPEC §4, §6: volume, conversion, velocity, SLA, open pipeline,
-- bookings, win rate) for the company and every segment and region value, in one GROUPING SETS pass.
-- Written for the `waterfall demo` company (stages inquiry..won, pipeline stage opportunity, SLAs
-- mql/2 and sql/5 days, dimensions segment and region). Benchmarks/run fills in the placeholders:
--   ${csv} the snapshot file; ${d} its date; ${week_start}, ${qtd_start}, ${t13_start} the first day
--   of each window (SPEC §3; every window ends at ${d}); all dates as 'YYYY-MM-DD'.
SET threads = 2;

-- Read: rows with the wrong number of fields (E5), a date that does not parse (E3) or an amount
-- that is not a decimal (E4) are skipped by ignore_errors; the file order is kept (rowid = line).
CREATE TEMP TABLE raw AS
SELECT * FROM read_csv('${csv}', header = true, ignore_errors = true, columns = {
    'id': 'VARCHAR', 'name': 'VARCHAR', 'owner': 'VARCHAR', 'source': 'VARCHAR', 'channel': 'VARCHAR',
    'segment': 'VARCHAR', 'region': 'VARCHAR',
    'inquiry_date': 'DATE', 'mql_date': 'DATE', 'sal_date': 'DATE', 'sql_date': 'DATE',
    'opportunity_date': 'DATE', 'won_date': 'DATE', 'lost_date': 'DATE', 'lost_reason': 'VARCHAR',
    'amount': 'DECIMAL(18,2)', 'close_date': 'DATE'});

-- Accepted records as of d (SPEC §1.3, §4): non-empty id (E1), no negative amount (E4), the first
-- accepted row of each id (E2), dates after d dropped (W2), at least one stage date left (E6).
CREATE TEMP TABLE r AS
WITH accepted AS (
    SELECT rowid AS line, * FROM raw
    WHERE id IS NOT NULL AND trim(id) <> '' AND (amount IS NULL OR amount >= 0)
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY rowid) = 1
), as_of AS (
    SELECT coalesce(nullif(trim(source), ''), 'Unassigned') AS source,
           coalesce(nullif(trim(segment), ''), 'Unassigned') AS segment,
           coalesce(nullif(trim(region), ''), 'Unassigned') AS region,
           CASE WHEN inquiry_date <= DATE '${d}' THEN inquiry_date END AS inquiry,
           CASE WHEN mql_date <= DATE '${d}' THEN mql_date END AS mql,
           CASE WHEN sal_date <= DATE '${d}' THEN sal_date END AS sal,
           CASE WHEN sql_date <= DATE '${d}' THEN sql_date END AS sql,
           CASE WHEN opportunity_date <= DATE '${d}' THEN opportunity_date END AS opportunity,
           CASE WHEN won_date <= DATE '${d}' THEN won_date END AS won,
           CASE WHEN lost_date <= DATE '${d}' THEN lost_date END AS lost,
           coalesce(amount, 0) AS amount, close_date
    FROM accepted
)
SELECT *,
       least(mql, sal, sql, opportunity, won) AS after_inquiry,
       least(sal, sql, opportunity, won) AS after_mql,
       least(sql, opportunity, won) AS after_sal,
       least(opportunity, won) AS after_sql,
       least(won) AS after_opportunity,
       least(sal, sql, opportunity, won, lost) AS response_mql,
       least(opportunity, won, lost) AS response_sql,
       won IS NOT NULL AS is_won,
       won IS NULL AND lost IS NOT NULL AS is_lost,
       coalesce(opportunity, won) IS NOT NULL AS reached_pipeline
FROM as_of
WHERE coalesce(inquiry, mql, sal, sql, opportunity, won) IS NOT NULL;

SELECT CASE WHEN grouping(segment) = 0 THEN 'segment=' || segment
            WHEN grouping(region) = 0 THEN 'region=' || region
            ELSE 'company' END AS scope,
       count(*) AS "records",
       count(*) FILTER (inquiry >= DATE '${week_start}') AS "volume.inquiry.week",
       count(*) FILTER (inquiry >= DATE '${qtd_start}') AS "volume.inquiry.qtd",
       count(*) FILTER (inquiry >= DATE '${t13_start}') AS "volume.inquiry.t13",
       count(*) FILTER (mql >= DATE '${week_start}') AS "volume.mql.week",
       count(*) FILTER (mql >= DATE '${qtd_start}') AS "volume.mql.qtd",
       count(*) FILTER (mql >= DATE '${t13_start}') AS "volume.mql.t13",
       count(*) FILTER (sal >= DATE '${week_start}') AS "volume.sal.week",
       count(*) FILTER (sal >= DATE '${qtd_start}') AS "volume.sal.qtd",
       count(*) FILTER (sal >= DATE '${t13_start}') AS "volume.sal.t13",
       count(*) FILTER (sql >= DATE '${week_start}') AS "volume.sql.week",
       count(*) FILTER (sql >= DATE '${qtd_start}') AS "volume.sql.qtd",
       count(*) FILTER (sql >= DATE '${t13_start}') AS "volume.sql.t13",
       count(*) FILTER (opportunity >= DATE '${week_start}') AS "volume.opportunity.week",
       count(*) FILTER (opportunity >= DATE '${qtd_start}') AS "volume.opportunity.qtd",
       count(*) FILTER (opportunity >= DATE '${t13_start}') AS "volume.opportunity.t13",
       count(*) FILTER (won >= DATE '${week_start}') AS "volume.won.week",
       count(*) FILTER (won >= DATE '${qtd_start}') AS "volume.won.qtd",
       count(*) FILTER (won >= DATE '${t13_start}') AS "volume.won.t13",
       count(*) FILTER (inquiry >= DATE '${qtd_start}') AS "conversion.inquiry.qtd.cohort",
       count(*) FILTER (inquiry >= DATE '${qtd_start}' AND after_inquiry IS NOT NULL) AS "conversion.inquiry.qtd.converted",
       count(*) FILTER (inquiry >= DATE '${t13_start}') AS "conversion.inquiry.t13.cohort",
       count(*) FILTER (inquiry >= DATE '${t13_start}' AND after_inquiry IS NOT NULL) AS "conversion.inquiry.t13.converted",
       count(*) FILTER (inquiry >= DATE '${t13_start}' AND after_inquiry IS NOT NULL) AS "velocity.inquiry.n",
       quantile_cont(after_inquiry - inquiry, 0.5) FILTER (inquiry >= DATE '${t13_start}' AND after_inquiry IS NOT NULL) AS "velocity.inquiry.median_days",
       count(*) FILTER (mql >= DATE '${qtd_start}') AS "conversion.mql.qtd.cohort",
       count(*) FILTER (mql >= DATE '${qtd_start}' AND after_mql IS NOT NULL) AS "conversion.mql.qtd.converted",
       count(*) FILTER (mql >= DATE '${t13_start}') AS "conversion.mql.t13.cohort",
       count(*) FILTER (mql >= DATE '${t13_start}' AND after_mql IS NOT NULL) AS "conversion.mql.t13.converted",
       count(*) FILTER (mql >= DATE '${t13_start}' AND after_mql IS NOT NULL) AS "velocity.mql.n",
       quantile_cont(after_mql - mql, 0.5) FILTER (mql >= DATE '${t13_start}' AND after_mql IS NOT NULL) AS "velocity.mql.median_days",
       count(*) FILTER (sal >= DATE '${qtd_start}') AS "conversion.sal.qtd.cohort",
       count(*) FILTER (sal >= DATE '${qtd_start}' AND after_sal IS NOT NULL) AS "conversion.sal.qtd.converted",
       count(*) FILTER (sal >= DATE '${t13_start}') AS "conversion.sal.t13.cohort",
       count(*) FILTER (sal >= DATE '${t13_start}' AND after_sal IS NOT NULL) AS "conversion.sal.t13.converted",
       count(*) FILTER (sal >= DATE '${t13_start}' AND after_sal IS NOT NULL) AS "velocity.sal.n",
       quantile_cont(after_sal - sal, 0.5) FILTER (sal >= DATE '${t13_start}' AND after_sal IS NOT NULL) AS "velocity.sal.median_days",
       count(*) FILTER (sql >= DATE '${qtd_start}') AS "conversion.sql.qtd.cohort",
       count(*) FILTER (sql >= DATE '${qtd_start}' AND after_sql IS NOT NULL) AS "conversion.sql.qtd.converted",
       count(*) FILTER (sql >= DATE '${t13_start}') AS "conversion.sql.t13.cohort",
       count(*) FILTER (sql >= DATE '${t13_start}' AND after_sql IS NOT NULL) AS "conversion.sql.t13.converted",
       count(*) FILTER (sql >= DATE '${t13_start}' AND after_sql IS NOT NULL) AS "velocity.sql.n",
       quantile_cont(after_sql - sql, 0.5) FILTER (sql >= DATE '${t13_start}' AND after_sql IS NOT NULL) AS "velocity.sql.median_days",
       count(*) FILTER (opportunity >= DATE '${qtd_start}') AS "conversion.opportunity.qtd.cohort",
       count(*) FILTER (opportunity >= DATE '${qtd_start}' AND after_opportunity IS NOT NULL) AS "conversion.opportunity.qtd.converted",
       count(*) FILTER (opportunity >= DATE '${t13_start}') AS "conversion.opportunity.t13.cohort",
       count(*) FILTER (opportunity >= DATE '${t13_start}' AND after_opportunity IS NOT NULL) AS "conversion.opportunity.t13.converted",
       count(*) FILTER (opportunity >= DATE '${t13_start}' AND after_opportunity IS NOT NULL) AS "velocity.opportunity.n",
       quantile_cont(after_opportunity - opportunity, 0.5) FILTER (opportunity >= DATE '${t13_start}' AND after_opportunity IS NOT NULL) AS "velocity.opportunity.median_days",
       count(*) FILTER (mql >= DATE '${week_start}' AND response_mql - mql <= 2) AS "sla.Lead acceptance.week.on_time",
       count(*) FILTER (mql >= DATE '${week_start}' AND response_mql - mql > 2) AS "sla.Lead acceptance.week.late",
       count(*) FILTER (mql >= DATE '${week_start}' AND response_mql IS NULL AND DATE '${d}' - mql <= 2) AS "sla.Lead acceptance.week.pending",
       count(*) FILTER (mql >= DATE '${week_start}' AND response_mql IS NULL AND DATE '${d}' - mql > 2) AS "sla.Lead acceptance.week.breached",
       count(*) FILTER (mql >= DATE '${qtd_start}' AND response_mql - mql <= 2) AS "sla.Lead acceptance.qtd.on_time",
       count(*) FILTER (mql >= DATE '${qtd_start}' AND response_mql - mql > 2) AS "sla.Lead acceptance.qtd.late",
       count(*) FILTER (mql >= DATE '${qtd_start}' AND response_mql IS NULL AND DATE '${d}' - mql <= 2) AS "sla.Lead acceptance.qtd.pending",
       count(*) FILTER (mql >= DATE '${qtd_start}' AND response_mql IS NULL AND DATE '${d}' - mql > 2) AS "sla.Lead acceptance.qtd.breached",
       count(*) FILTER (sql >= DATE '${week_start}' AND response_sql - sql <= 5) AS "sla.SQL follow-up.week.on_time",
       count(*) FILTER (sql >= DATE '${week_start}' AND response_sql - sql > 5) AS "sla.SQL follow-up.week.late",
       count(*) FILTER (sql >= DATE '${week_start}' AND response_sql IS NULL AND DATE '${d}' - sql <= 5) AS "sla.SQL follow-up.week.pending",
       count(*) FILTER (sql >= DATE '${week_start}' AND response_sql IS NULL AND DATE '${d}' - sql > 5) AS "sla.SQL follow-up.week.breached",
       count(*) FILTER (sql >= DATE '${qtd_start}' AND response_sql - sql <= 5) AS "sla.SQL follow-up.qtd.on_time",
       count(*) FILTER (sql >= DATE '${qtd_start}' AND response_sql - sql > 5) AS "sla.SQL follow-up.qtd.late",
       count(*) FILTER (sql >= DATE '${qtd_start}' AND response_sql IS NULL AND DATE '${d}' - sql <= 5) AS "sla.SQL follow-up.qtd.pending",
       count(*) FILTER (sql >= DATE '${qtd_start}' AND response_sql IS NULL AND DATE '${d}' - sql > 5) AS "sla.SQL follow-up.qtd.breached",
       count(*) FILTER (reached_pipeline AND NOT is_won AND NOT is_lost) AS "pipeline.count",
       coalesce(sum(amount) FILTER (reached_pipeline AND NOT is_won AND NOT is_lost), 0) AS "pipeline.amount",
       count(*) FILTER (won >= DATE '${week_start}') AS "bookings.week.count",
       coalesce(sum(amount) FILTER (won >= DATE '${week_start}'), 0) AS "bookings.week.amount",
       count(*) FILTER (won >= DATE '${qtd_start}') AS "bookings.qtd.count",
       coalesce(sum(amount) FILTER (won >= DATE '${qtd_start}'), 0) AS "bookings.qtd.amount",
       count(*) FILTER (won >= DATE '${t13_start}') AS "bookings.t13.count",
       coalesce(sum(amount) FILTER (won >= DATE '${t13_start}'), 0) AS "bookings.t13.amount",
       count(*) FILTER (reached_pipeline AND won >= DATE '${qtd_start}') AS "win_rate.qtd.won",
       count(*) FILTER (reached_pipeline AND is_lost AND lost >= DATE '${qtd_start}') AS "win_rate.qtd.lost",
       count(*) FILTER (reached_pipeline AND won >= DATE '${t13_start}') AS "win_rate.t13.won",
       count(*) FILTER (reached_pipeline AND is_lost AND lost >= DATE '${t13_start}') AS "win_rate.t13.lost"
FROM r
GROUP BY GROUPING SETS ((), (segment), (region))
ORDER BY grouping(segment, region) DESC, scope;
