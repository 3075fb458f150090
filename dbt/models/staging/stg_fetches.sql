with source as (
    select * from {{ portable(source('raw', 'fetches')) }}
),

renamed as (
    select
        fetch_id,
        run_id,
        source_id,
        url,
        final_url,
        status,
        outcome,
        error_kind,
        error,
        n_bytes,
        elapsed_ms,
        page_id,
        fetched_at,
        etag,
        last_modified,
        content_type,
        attempt,
        role,
        depth,
        linked_from
    from source
)

select * from renamed
