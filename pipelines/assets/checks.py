"""Asset checks: data-quality guards a user sees next to each asset in the Dagster UI.

The chrome and mojibake checks use their own small lexicons, independent of the cleaner's, so a
cleaner regression cannot hide itself.
"""

from dagster import AssetCheckResult, AssetCheckSeverity, asset_check

from pipelines.assets.resources import WarehouseResource

# Strings that only site chrome contains: footers, print/close bars, share bars, breadcrumbs.
CHROME_MARKERS = (
    "ICP备",
    "公网安备",
    "网站标识码",
    "打印本页",
    "关闭窗口",
    "扫一扫在手机",
    "分享到",
    "当前位置",
)
# U+FFFD and the usual UTF-8-read-as-Latin-1 / GBK-read-as-UTF-8 debris.
MOJIBAKE_MARKERS = ("\ufffd", "Ã", "â€", "ï¼", "锟斤拷", "Â")
# Share of reports without a region or a year above which the understanding stage needs attention.
MAX_SHARE_UNRESOLVED = 0.2


def _where_any(column: str, markers: tuple[str, ...]) -> tuple[str, list[str]]:
    return " or ".join(f"strpos({column}, ?) > 0" for _ in markers), list(markers)


def _documents_containing(warehouse: WarehouseResource, markers: tuple[str, ...]) -> tuple[int, str]:
    cond, params = _where_any("body_text", markers)
    with warehouse.connect() as con:
        n, examples = con.execute(
            f"select count(*), list(document_id)[:5] from raw.documents where {cond}", params
        ).fetchone()
    return n, ", ".join(examples or [])


@asset_check(
    asset=["raw", "documents"],
    description="No site chrome (ICP, 网站标识码, print/close bars) left in bodies.",
)
def no_chrome_in_bodies(warehouse: WarehouseResource) -> AssetCheckResult:
    n, examples = _documents_containing(warehouse, CHROME_MARKERS)
    return AssetCheckResult(
        passed=n == 0,
        severity=AssetCheckSeverity.WARN,
        metadata={"documents_with_chrome": n, "examples": examples},
    )


@asset_check(asset=["raw", "documents"], description="No mojibake (wrong decoding) in bodies.")
def no_mojibake(warehouse: WarehouseResource) -> AssetCheckResult:
    n, examples = _documents_containing(warehouse, MOJIBAKE_MARKERS)
    return AssetCheckResult(
        passed=n == 0,
        severity=AssetCheckSeverity.ERROR,
        metadata={"documents_with_mojibake": n, "examples": examples},
    )


@asset_check(asset=["raw", "documents"], description="Few reports lack a region or a report year.")
def reports_have_region_and_year(warehouse: WarehouseResource) -> AssetCheckResult:
    with warehouse.connect() as con:
        total, no_region, no_year = con.execute(
            """select count(*), count(*) filter (where region_code is null),
                      count(*) filter (where report_year is null)
               from raw.documents where is_report"""
        ).fetchone()
    share_region = no_region / total if total else 0.0
    share_year = no_year / total if total else 0.0
    return AssetCheckResult(
        passed=share_region <= MAX_SHARE_UNRESOLVED and share_year <= MAX_SHARE_UNRESOLVED,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "reports": total,
            "share_without_region": round(share_region, 3),
            "share_without_year": round(share_year, 3),
            "threshold": MAX_SHARE_UNRESOLVED,
        },
    )


@asset_check(
    asset=["raw", "indicator_mentions"],
    description="No implausible values (rates above 100%, negative counts).",
)
def plausible_indicator_values(warehouse: WarehouseResource) -> AssetCheckResult:
    with warehouse.connect() as con:
        n_rate, n_negative, n_flagged = con.execute(
            """select count(*) filter (where measure = 'rate' and value > 100),
                      count(*) filter (where measure in ('count', 'amount') and value < 0),
                      count(*) filter (where coalesce(json_array_length(flags), 0) > 0)
               from raw.indicator_mentions"""
        ).fetchone()
    return AssetCheckResult(
        passed=n_rate == 0 and n_negative == 0,
        severity=AssetCheckSeverity.WARN,
        metadata={"rates_above_100": n_rate, "negative_levels": n_negative, "flagged_mentions": n_flagged},
    )


@asset_check(
    asset=["raw", "fetches"],
    description="Every source's latest crawl got at least one page (200 or 304): a silent source needs a look.",
)
def every_source_returned_something(warehouse: WarehouseResource) -> AssetCheckResult:
    with warehouse.connect() as con:
        rows = con.execute(
            """with latest as (
                   select source_id, arg_max(run_id, fetched_at) as run_id from raw.fetches group by 1
               )
               select f.source_id,
                      count(*) filter (where f.outcome in ('ok', 'not_modified')) as answered,
                      string_agg(distinct coalesce(f.error_kind, f.outcome), ', ') as outcomes
               from raw.fetches f join latest l using (source_id, run_id)
               group by 1 order by 1"""
        ).fetchall()
    silent = {source: outcomes for source, answered, outcomes in rows if answered == 0}
    return AssetCheckResult(
        passed=not silent,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "sources_crawled": len(rows),
            "silent_sources": ", ".join(f"{k} ({v})" for k, v in silent.items()) or "none",
        },
    )


ALL_CHECKS = [
    every_source_returned_something,
    no_chrome_in_bodies,
    no_mojibake,
    reports_have_region_and_year,
    plausible_indicator_values,
]
