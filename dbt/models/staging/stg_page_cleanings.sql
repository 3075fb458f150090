with source as (
    select * from {{ portable(source('raw', 'page_cleanings')) }}
),

renamed as (
    select
        page_id,
        extractor_version,
        title,
        method,
        encoding,
        page_shell,
        publish_date,
        written_date,
        body_chars,
        n_documents,
        error,
        warnings,
        attachments,
        page_meta,
        read_confidence,
        coalesce(json_array_length(page_starts), 0) as n_source_pages,
        json_array_length(attachments) as n_attachments,
        json_array_length(warnings) as n_warnings
    from source
)

select * from renamed
