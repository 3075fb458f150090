with source as (
    select * from {{ portable(source('raw', 'indicator_mentions')) }}
),

renamed as (
    select
        mention_id,
        document_id,
        indicator_code,
        value,
        value_text,
        unit,
        approx,
        approx is not null as is_approx,
        measure,
        scope,
        scope_text,
        period,
        evidence,
        start_offset,
        end_offset,
        sentence_start,
        sentence_end,
        source_page,
        flags,
        coalesce(json_array_length(flags), 0) > 0 as is_flagged,
        extractor_version
    from source
)

select * from renamed
