-- One row per division code: the name fazhi shows for it. Codes are re-used after changes and
-- renamed, so a code's label is the name of its latest record (NBS-only rows, undated, have one record).
select
    code,
    arg_max(name, coalesce(valid_from, 0)) as name,
    count(*) as n_records
from {{ ref('dim_region') }}
group by code
