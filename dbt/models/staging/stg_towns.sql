-- Township level (乡/镇/街道), NBS 2023 edition: 9-digit codes.
with source as (
    select * from {{ portable(ref('towns')) }}
),

renamed as (
    select
        code,
        name,
        short_name,
        parent_code,
        nullif(county_code, '') as county_code,
        county_is_mca_division = 1 as county_is_mca_division,
        nbs_county_name,
        nullif(prefecture_code, '') as prefecture_code,
        province_code
    from source
)

select * from renamed
