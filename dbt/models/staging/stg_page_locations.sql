with source as (
    select * from {{ portable(source('raw', 'page_locations')) }}
),

renamed as (
    select page_id, location, origin, first_seen
    from source
)

select * from renamed
