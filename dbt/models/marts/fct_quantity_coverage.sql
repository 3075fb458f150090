-- Coverage per report: how many of its figures the catalog reads (typed) out of all it states.
select
    document_id,
    any_value(region_code) as region_code,
    any_value(year) as year,
    count(*) as n_quantities,
    count(*) filter (where is_typed) as n_typed,
    round(100.0 * count(*) filter (where is_typed) / count(*), 1) as typed_pct
from {{ ref('fct_quantities') }}
group by document_id
