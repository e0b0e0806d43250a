{#-
  Waterfall's metrics in the long format (snapshot_date, scope, path, value), one row per leaf of
  every scope's metrics.json in every snapshot of `records` (SPEC §11).

  The SELECT below is generated: replace everything between the two markers with the output of

      waterfall sql --dialect <your adapter> --table "{{ ref('records') }}" --content path/to/content

  whenever site.yml changes (stages, SLA rules, dimensions, marketing sources, fiscal year).
  README.md beside this folder says how; `scripts/regenerate.sh` does it.
-#}
{{ config(materialized = 'table') }}

-- BEGIN waterfall sql (generated; do not edit by hand)
SELECT * FROM (
    -- placeholder until regenerated: an empty result with the right columns
    SELECT CAST(NULL AS DATE) AS snapshot_date, CAST(NULL AS VARCHAR) AS scope,
           CAST(NULL AS VARCHAR) AS path, CAST(NULL AS VARCHAR) AS value
    FROM {{ ref('records') }}
    WHERE 1 = 0
) AS waterfall_metrics
-- END waterfall sql
