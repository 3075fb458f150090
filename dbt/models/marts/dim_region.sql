-- One row per division record (code, valid_from): codes are re-used after changes, so a fact's
-- region is valid in a year when valid_from <= year < valid_to. Validity is total, so a plain join
-- keeps every fact: a record whose source gives no start (NBS-only units such as development zones
-- and street offices, which carry no history) starts in 1980, the first year of the GB/T 2260 code
-- system (valid_from_known says which); a null valid_to means still valid (coalesce it to 9999).
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
    coalesce(valid_from, 1980) as valid_from,
    valid_from is not null as valid_from_known,
    valid_to,
    status,
    successor_codes,
    code_system,
    valid_to is null as is_current
from {{ ref('int_regions') }}
