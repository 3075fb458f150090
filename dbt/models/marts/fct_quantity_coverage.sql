-- Coverage per report: how many of its figures the catalog reads (typed) out of all it states, and out
-- of the figures that are whole-region results of its period (changes, targets, parts and other
-- years are not results, so a catalog that skips them is right to).
select
    document_id,
    any_value(region_code) as region_code,
    any_value(year) as year,
    count(*) as n_quantities,
    count(*) filter (where is_typed) as n_typed,
    round(100.0 * count(*) filter (where is_typed) / count(*), 1) as typed_pct,
    count(*) filter (where is_region_result) as n_results,
    count(*) filter (where is_region_result and is_typed) as n_results_typed,
    round(
        100.0 * count(*) filter (where is_region_result and is_typed)
        / nullif(count(*) filter (where is_region_result), 0), 1
    ) as results_typed_pct
from {{ ref('fct_quantities') }}
group by document_id
