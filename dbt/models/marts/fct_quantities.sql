-- Every figure of every report kept in dim_document, typed with its indicator code or not: where an
-- analyst finds the figures the catalog has no code for, each with its sentence and offsets, its
-- qualifiers (measure, scope, own period, another year) and, untyped, the indicator its words suggest.
-- is_region_result marks what could stand for the region and year (a whole-region result of the
-- report's period), the figures whose coverage by the catalog matters.
with quantities as (
    select * from {{ ref('stg_quantities') }}
),

documents as (
    select document_id, region_code, region_name, report_year, period, title, url, location
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
    q.measure,
    q.scope,
    q.scope_text,
    q.quantity_period,
    q.other_year,
    (
        q.scope = 'whole_region'
        and q.measure in ('count', 'amount', 'rate')
        and not q.other_year
        and q.quantity_period = d.period
    ) as is_region_result,
    q.words_before,
    q.words_after,
    q.suggested_code,
    q.suggestion_score,
    q.suggestion_reason,
    q.evidence,
    q.start_offset,
    q.end_offset,
    q.source_page,
    d.title as document_title,
    d.url,
    d.location,
    q.extractor_version
from quantities q
join documents d using (document_id)
