with source as (
    select * from {{ portable(source('raw', 'quantities')) }}
),

renamed as (
    select
        quantity_id,
        document_id,
        value,
        value_text,
        unit,
        kind,
        approx,
        indicator_code,
        indicator_code is not null as is_typed,
        measure,
        scope,
        scope_text,
        period as quantity_period,
        other_year,
        words_before,
        words_after,
        suggested_code,
        suggestion_score,
        suggestion_reason,
        evidence,
        start_offset,
        end_offset,
        sentence_start,
        sentence_end,
        source_page,
        extractor_version
    from source
)

select * from renamed
