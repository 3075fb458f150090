-- One row per distinct document (copies of the same report on several pages collapse into one,
-- keeping every location). Non-report pages are kept with is_report = false so every page's fate
-- is visible; filter on is_report for reports.
with docs as (
    select * from {{ ref('int_documents_deduplicated') }} where is_canonical
),

mention_counts as (
    select document_id, count(*) as n_mentions, count(distinct indicator_code) as n_indicators
    from {{ ref('stg_indicator_mentions') }}
    group by document_id
)

select
    d.document_id,
    d.page_id,
    d.part,
    d.is_report,
    d.doc_type,
    d.title,
    d.issuer,
    d.issuer_kind,
    d.region_code,
    d.region_name,
    d.region_level,
    d.province_code,
    d.prefecture_code,
    d.region_confidence,
    d.region_evidence,
    d.region_reason,
    d.report_year,
    d.year_reason,
    d.report_reason,
    d.title_reason,
    d.period,
    d.publish_date,
    d.written_date,
    case
        when d.is_report and {{ is_annual_report('d.doc_type', 'd.period') }}
            then {{ published_by_deadline('d.publish_date', 'd.report_year') }}
    end as published_by_deadline,
    d.publish_date_from,
    d.url,
    d.url_source,
    d.media_type,
    d.attached_to_url,
    d.attachment_link_text,
    d.location,
    d.locations as urls,
    d.n_copies,
    d.origin,
    d.source_id,
    d.body_chars,
    coalesce(m.n_mentions, 0) as n_mentions,
    coalesce(m.n_indicators, 0) as n_indicators,
    d.extractor_version
from docs d
left join mention_counts m using (document_id)
