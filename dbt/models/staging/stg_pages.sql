-- Page metadata without the body blob (bodies stay in raw.pages for re-processing).
with source as (
    select * from {{ portable(source('raw', 'pages')) }}
),

renamed as (
    select
        page_id,
        url,
        location,
        source_id,
        origin,
        media_type,
        fetched_at,
        encoding,
        n_bytes
    from source
)

select * from renamed
