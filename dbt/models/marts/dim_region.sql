-- One row per division record (code, valid_from): codes are re-used after changes, so a fact's
-- region is valid in a year when valid_from <= year < valid_to (macro valid_in_year: a null
-- valid_from means always, a null valid_to means still).
select
    code || '@' || coalesce(cast(valid_from as varchar), 'nbs2023') as region_key,
    code,
    name,
    short_name,
    level,
    division_type,
    parent_code,
    parent_name,
    prefecture_code,
    prefecture_name,
    province_code,
    province_name,
    valid_from,
    valid_to,
    status,
    successor_codes,
    code_system,
    valid_to is null as is_current
from {{ ref('int_regions') }}
