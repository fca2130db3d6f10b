"""Lists the pyspark.sql.functions names of an API table (module<TAB>name<TAB>…, as /work/shared/pyspark-api.tsv)
that kindling.sql.functions lacks, marking those real PySpark does not have either (SQL-only names).

usage: python tools/api/missing_functions.py [api.tsv]   (run with a Python that can import kindling; PySpark optional)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))

import kindling.sql.functions as K  # noqa: E402

try:
    import pyspark.sql.functions as P
except ImportError:  # without PySpark every missing name is listed unmarked
    P = None


def main(path: str) -> None:
    missing = []
    for line in Path(path).read_text().splitlines():
        parts = line.split("\t")
        # Operators (`+`, `<=>`) are SQL syntax, not Python attributes.
        if len(parts) >= 2 and parts[0] == "pyspark.sql.functions" and parts[1].isidentifier() and not hasattr(K, parts[1]):
            in_pyspark = P is None or callable(getattr(P, parts[1], None))
            missing.append(parts[1] + ("" if in_pyspark else "\t(not in pyspark.sql.functions)"))
    print("\n".join(missing))
    print(f"{len(missing)} missing", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/pyspark-api.tsv")
