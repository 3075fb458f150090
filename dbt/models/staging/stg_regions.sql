-- County level and above, 1981-2025, one row per (code, valid_from): codes are re-used after changes.
with source as (
    select * from {{ portable(ref('regions')) }}
),

renamed as (
    select
        code,
        name,
        short_name,
        level,
        division_type,
        nullif(parent_code, '') as parent_code,
        province_code,
        nullif(prefecture_code, '') as prefecture_code,
        valid_from,
        valid_to,
        status,
        nullif(successor_codes, '') as successor_codes
    from source
)

select * from renamed
