-- NBS county-level units that are not MCA divisions (development zones and the like).
with source as (
    select * from {{ portable(ref('non_mca_county_units')) }}
),

renamed as (
    select code, name, kind, nullif(prefecture_code, '') as prefecture_code, province_code
    from source
)

select * from renamed
