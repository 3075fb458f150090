-- Mentions of canonical report documents with the region and year they are attributed to, and a
-- rank of how much of the year their period covers (full year beats through month N beats first half).
with mentions as (
    select * from {{ ref('stg_indicator_mentions') }}
),

docs as (
    select * from {{ ref('int_documents_deduplicated') }}
    where is_canonical and is_report
)

select
    m.*,
    d.region_code,
    d.report_year,
    d.doc_type,
    d.period as document_period,
    d.publish_date,
    d.url,
    d.location,
    d.title,
    {{ period_months('m.period') }} as period_months,
    case when d.doc_type in ('annual_report', 'department_report', 'work_summary') then 1 else 2 end as doc_type_rank
from mentions m
join docs d using (document_id)
