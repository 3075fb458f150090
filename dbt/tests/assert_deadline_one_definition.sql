{{ config(meta={'dagster': {'ref': {'name': 'dim_document'}}}) }}
-- One definition of "published by the deadline" (macro is_annual_report + published_by_deadline):
-- a region-year is on time in fct_report_coverage exactly when one of its annual documents is on
-- time in dim_document. Rows returned are disagreements.
with per_document as (
    select region_code, report_year as year, bool_or(published_by_deadline) as any_on_time
    from {{ ref('dim_document') }}
    where is_report and region_code is not null and report_year is not null
    group by 1, 2
)

select c.region_code, c.year, c.published_by_deadline, d.any_on_time
from {{ ref('fct_report_coverage') }} c
join per_document d using (region_code, year)
where c.published_by_deadline is distinct from d.any_on_time
