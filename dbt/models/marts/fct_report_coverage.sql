-- Grain: region_code x year, for every county-level-or-higher division valid in each year the
-- warehouse holds a report for (plus reporting townships and zones): was a report found, which kind,
-- when it was published, whether by the deadline (macro report_deadline: annual reports are due
-- before 1 April of the following year), and how many indicators it states. One rule says which
-- reports are the year's annual report (macro is_annual_report: any but a half-year or multi-year
-- one, so a report through October counts); annual_period_months says how much of the year it covers.
with reports as (
    select * from {{ ref('dim_document') }}
    where is_report and region_code is not null and report_year is not null
),

years as (
    select distinct report_year as year from reports
),

grid as (
    select r.code as region_code, r.name as region_name, r.level, r.province_code, r.prefecture_code, y.year
    from {{ ref('dim_region') }} r
    cross join years y
    where r.level in ('province', 'prefecture', 'county')
      and {{ valid_in_year('r.valid_from', 'r.valid_to', 'y.year') }}
    union
    select distinct d.region_code, d.region_name, d.region_level, d.province_code, d.prefecture_code, d.report_year
    from reports d
    where d.region_level not in ('province', 'prefecture', 'county')
),

per_region_year as (
    select
        region_code,
        report_year as year,
        count(*) as n_reports,
        list(distinct doc_type order by doc_type) as doc_types,
        bool_or(period = 'full_year') as has_full_year_report,
        bool_or({{ is_annual_report('doc_type', 'period') }}) as has_annual_report,
        max({{ period_months('period') }}) filter (where {{ is_annual_report('doc_type', 'period') }})
            as annual_period_months,
        min(publish_date) filter (where {{ is_annual_report('doc_type', 'period') }}) as annual_publish_date,
        min(publish_date) as first_publish_date,
        arg_min(document_id, coalesce(publish_date, date '9999-12-31')) as first_document_id
    from reports
    group by 1, 2
),

indicators as (
    select region_code, year, count(*) as n_indicators
    from {{ ref('fct_rule_of_law_indicators') }}
    group by 1, 2
)

select
    g.region_code,
    g.year,
    g.region_name,
    g.level,
    g.province_code,
    g.prefecture_code,
    coalesce(p.n_reports, 0) > 0 as report_found,
    coalesce(p.n_reports, 0) as n_reports,
    p.doc_types,
    coalesce(p.has_full_year_report, false) as has_full_year_report,
    coalesce(p.has_annual_report, false) as has_annual_report,
    p.annual_period_months,
    p.first_publish_date,
    p.annual_publish_date,
    {{ report_deadline('g.year') }} as deadline,
    {{ published_by_deadline('p.annual_publish_date', 'g.year') }} as published_by_deadline,
    p.first_document_id,
    coalesce(i.n_indicators, 0) as n_indicators
from grid g
left join per_region_year p using (region_code, year)
left join indicators i using (region_code, year)
