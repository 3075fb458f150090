-- Files the local ingest could not read (one row per location and error).
with source as (
    select * from {{ portable(source('raw', 'ingest_errors')) }}
),

renamed as (
    select location, origin, error, seen_at
    from source
)

select * from renamed
