{{ config(materialized='view') }}
-- The fact table as one file for a reader: each fact with its names, the sentence that states it,
-- the report it comes from (title, issuer, publication date) and the page's address. Columns run in
-- the order a reader checks a number: whose, when, what, how much, says who, where to see it.
select
    f.region_code,
    f.region_name,
    f.prefecture_name,
    f.province_name,
    f.year,
    f.period,
    f.period_months,
    f.indicator_code,
    f.indicator_name_zh,
    f.indicator_name_en,
    f.value,
    f.unit,
    f.is_approx,
    f.is_corrected,
    f.original_value,
    f.correction_reason,
    f.has_conflict,
    f.conflicting_values,
    f.evidence,
    d.title as document_title,
    d.issuer,
    d.doc_type,
    d.publish_date,
    f.url,
    f.location,
    f.source_page,
    d.attached_to_url,
    f.document_id,
    f.start_offset,
    f.end_offset
from {{ ref('fct_rule_of_law_indicators') }} f
left join {{ ref('dim_document') }} d on d.document_id = f.document_id
