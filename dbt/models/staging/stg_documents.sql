with source as (
    select * from {{ portable(source('raw', 'documents')) }}
),

normalized as (
    select
        *,
        regexp_replace(body_text, '[\s\p{P}\p{S}]', '', 'g') as normalized_body
    from source
),

renamed as (
    select
        document_id,
        page_id,
        part,
        is_report,
        doc_type,
        nullif(trim(title), '') as title,
        issuer,
        issuer_kind,
        region_code,
        region_name,
        region_level,
        province_code,
        prefecture_code,
        region_confidence,
        region_evidence,
        region_reason,
        report_year,
        year_reason,
        period,
        publish_date,
        written_date,
        body_text,
        length(body_text) as body_chars,
        -- Whitespace and punctuation removed: the same report re-posted with different spacing or
        -- full/half-width punctuation hashes the same (near-duplicate detection in intermediate).
        md5(normalized_body) as body_fingerprint,
        -- The same report re-posted with a different last line (a signature, an editor credit) keeps its
        -- opening: the first 300 normalised characters identify it among reports of the same type.
        length(normalized_body) as normalized_chars,
        md5(left(normalized_body, 300)) as body_prefix_fingerprint,
        page_meta,
        -- The address a saved page declares for itself (saved-page comment, canonical link: clean.origin).
        json_extract_string(page_meta, '$.source_url') as declared_url,
        json_extract_string(page_meta, '$.source_url_from') as declared_url_from,
        evidence,
        report_reason,
        title_reason,
        extractor_version
    from normalized
)

select * from renamed
