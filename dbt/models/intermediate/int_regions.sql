-- Every division fazhi can attribute a report to, with parent names resolved as of the record's own
-- validity: county level and above from the MCA history, development zones (NBS-only units), and
-- the townships that issued a report in the warehouse.
with county_up as (
    select * from {{ ref('stg_regions') }}
),

-- The name a code had last (codes are re-used; the latest record names the parent best).
latest_name as (
    select code, arg_max(name, valid_from) as name
    from county_up
    group by code
),

county_rows as (
    select
        r.code,
        r.name,
        r.short_name,
        r.level,
        r.division_type,
        r.parent_code,
        r.prefecture_code,
        r.province_code,
        r.valid_from,
        r.valid_to,
        r.status,
        r.successor_codes,
        'mca' as code_system
    from county_up r
),

zones as (
    select
        z.code,
        z.name,
        z.name as short_name,
        'development_zone' as level,
        z.kind as division_type,
        coalesce(z.prefecture_code, z.province_code) as parent_code,
        z.prefecture_code,
        z.province_code,
        cast(null as integer) as valid_from,
        cast(null as integer) as valid_to,
        'active' as status,
        cast(null as varchar) as successor_codes,
        'nbs2023' as code_system
    from {{ ref('stg_non_mca_county_units') }} z
    where z.code not in (select code from county_up)
),

reporting_towns as (
    select distinct region_code as code
    from {{ ref('stg_documents') }}
    where region_level = 'township'
),

towns as (
    select
        t.code,
        t.name,
        t.short_name,
        'township' as level,
        case
            when t.name like '%街道' then '街道'
            when t.name like '%镇' then '镇'
            when t.name like '%乡' then '乡'
            else '其他乡级'
        end as division_type,
        t.parent_code,
        t.prefecture_code,
        t.province_code,
        cast(null as integer) as valid_from,
        cast(null as integer) as valid_to,
        'active' as status,
        cast(null as varchar) as successor_codes,
        'nbs2023' as code_system
    from {{ ref('stg_towns') }} t
    where t.code in (select code from reporting_towns)
),

unioned as (
    select * from county_rows
    union all
    select * from zones
    union all
    select * from towns
)

select
    u.*,
    p.name as parent_name,
    pf.name as prefecture_name,
    pv.name as province_name
from unioned u
left join latest_name p on p.code = u.parent_code
left join latest_name pf on pf.code = u.prefecture_code
left join latest_name pv on pv.code = u.province_code
