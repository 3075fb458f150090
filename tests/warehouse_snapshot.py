"""A digest of every table of a built warehouse, so a refactor can prove it changed nothing.

`python -m tests.warehouse_snapshot DB --write` stores the digest of DB in
tests/fixtures/warehouse_snapshot.json; `test_warehouse_snapshot` builds the sample pages and
compares table by table. When a change is meant to alter what the warehouse holds (better reading,
a new column), regenerate it in the same commit: the diff then shows which tables moved.
Columns that record when something happened (fetched_at, seen_at, built_at, observed_at) are left out: they
differ between two builds of the same input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

SNAPSHOT = Path(__file__).parent / "fixtures" / "warehouse_snapshot.json"
VOLATILE = {"fetched_at", "first_seen", "seen_at", "built_at", "observed_at"}
SKIP_TABLES = {"raw.dbt_builds"}  # bookkeeping of the build itself


def digest(db: Path) -> dict[str, dict[str, object]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, dict[str, object]] = {}
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables order by 1, 2"
        ).fetchall()
        for schema, table in tables:
            name = f"{schema}.{table}"
            if name in SKIP_TABLES:
                continue
            cols = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, table],
                ).fetchall()
            ]
            keep = ", ".join(f'"{c}"' for c in cols if c not in VOLATILE)
            n, md5 = con.execute(
                f"select count(*), md5(coalesce(string_agg(r, chr(10) order by r), '')) "
                f'from (select row({keep})::varchar as r from "{schema}"."{table}")'
            ).fetchone()
            out[name] = {"columns": cols, "rows": n, "md5": md5}
        return out
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--write", action="store_true", help=f"store the digest in {SNAPSHOT}")
    args = parser.parse_args()
    text = json.dumps(digest(args.db), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.write:
        SNAPSHOT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
