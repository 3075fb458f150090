-- Grain: region_code x year, for the regions with at least one report in some year (a grid of every
-- county of China would be a wall of 'not found'): the coverage cells of the HTML report. Each cell
-- has one status, by the one rule of macro is_annual_report (a report through October is the year's
-- annual report; a half-year one is not): on_time / late (a dated annual report, published before /
-- on or after the 1 April deadline), undated (an annual report without a publication date), partial
-- (only half-year or multi-year reports) or missing. annual_period_months (< 12 for a report through
-- month N) lets the cell say how much of the year its annual report covers. The region's labels (its current name, province
-- and prefecture names) and level_rank are the region's own, from its latest year.
with coverage as (
    select * from {{ ref('fct_report_coverage') }}
),

names as (
    select code, name from {{ ref('dim_region_name') }}
),

reporting_regions as (
    select region_code
    from coverage
    group by region_code
    having bool_or(report_found)
),

grid as (
    select c.*
    from coverage c
    join reporting_regions using (region_code)
),

regions as (
    select
        g.region_code,
        coalesce(nullif(rn.name, ''), nullif(g.region_name, ''), g.region_code) as region_name,
        g.level,
        {{ level_rank('g.level') }} as level_rank,
        g.province_code,
        pn.name as province_name,
        g.prefecture_code,
        case when g.prefecture_code is distinct from g.region_code then fn.name end as prefecture_name
    from grid g
    left join names rn on rn.code = g.region_code
    left join names pn on pn.code = g.province_code
    left join names fn on fn.code = g.prefecture_code
    qualify row_number() over (partition by g.region_code order by g.year desc) = 1
),

cells as (
    select
        region_code,
        year,
        case
            when not report_found then 'missing'
            when published_by_deadline then 'on_time'
            when not published_by_deadline then 'late'
            when has_annual_report then 'undated'
            else 'partial'
        end as cell_status,
        case when has_annual_report then annual_period_months end as annual_period_months,
        report_found,
        n_reports,
        coalesce(doc_types, []::varchar[]) as doc_types,
        coalesce(annual_publish_date, first_publish_date) as publish_date,
        n_indicators,
        first_document_id as document_id
    from grid
)

select
    c.region_code,
    c.year,
    r.region_name,
    r.level,
    r.level_rank,
    r.province_code,
    r.province_name,
    r.prefecture_code,
    r.prefecture_name,
    c.cell_status,
    c.annual_period_months,
    c.report_found,
    c.n_reports,
    c.doc_types,
    c.publish_date,
    c.n_indicators,
    c.document_id
from cells c
join regions r using (region_code)
