#!/usr/bin/env bash
# Writes the statement of `waterfall sql` between the markers of models/waterfall_metrics.sql.
# Usage: scripts/regenerate.sh DIALECT CONTENT_DIR   (DIALECT: duckdb, spark, postgres, bigquery, snowflake)
set -euo pipefail
dialect=${1:?dialect}; content=${2:?content folder holding site.yml}
model="$(dirname "$0")/../models/waterfall_metrics.sql"
statement=$(waterfall sql --dialect "$dialect" --table "__WATERFALL_RECORDS__" --content "$content")
statement=${statement//__WATERFALL_RECORDS__/"{{ ref('records') }}"}
STATEMENT="$statement" python3 - "$model" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path).read()
begin = "-- BEGIN waterfall sql (generated; do not edit by hand)\n"
end = "-- END waterfall sql"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path + ".tmp", "w").write(head + begin + os.environ["STATEMENT"].rstrip().rstrip(";") + "\n" + end + tail)
os.replace(path + ".tmp", path)
PY
echo "regenerated $model for $dialect"
