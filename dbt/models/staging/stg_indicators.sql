with source as (
    select * from {{ portable(ref('indicators')) }}
),

renamed as (
    select code, area, name_zh, name_en, unit, aggregation, keywords_zh, notes
    from source
)

select * from renamed
