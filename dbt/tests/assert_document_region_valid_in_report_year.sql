{{ config(meta={'dagster': {'ref': {'name': 'dim_document'}}}) }}
-- A report's region must be a division that existed in the year the report covers
-- (e.g. 伊春区 is not a valid attribution for 2020: it became 伊美区 in 2019).
select d.document_id, d.region_code, d.report_year
from {{ ref('dim_document') }} d
where d.is_report
  and d.region_code is not null
  and d.report_year is not null
  and not exists (
      select 1
      from {{ ref('dim_region') }} r
      where r.code = d.region_code
        and {{ valid_in_year('r.valid_from', 'r.valid_to', 'd.report_year') }}
  )
