-- Every figure of every report kept in dim_document, typed with its indicator code or not: where an
-- analyst finds the figures the catalog has no code for, each with its sentence and offsets.
with quantities as (
    select * from {{ ref('stg_quantities') }}
),

documents as (
    select document_id, region_code, region_name, report_year, period, title, url
    from {{ ref('dim_document') }}
    where is_report
)

select
    q.quantity_id,
    q.document_id,
    d.region_code,
    d.region_name,
    d.report_year as year,
    d.period,
    q.value,
    q.value_text,
    q.unit,
    q.kind,
    q.approx,
    q.indicator_code,
    q.is_typed,
    q.evidence,
    q.start_offset,
    q.end_offset,
    d.title as document_title,
    d.url,
    q.extractor_version
from quantities q
join documents d using (document_id)
