-- Grain: region_code x year x indicator_code. Only whole-region levels (not changes, not a street's
-- or a bureau's figure) feed it. Each document contributes one value (its widest-period statement);
-- across documents the widest period wins (a full-year report beats a half-year or through-October
-- one of the same year, so flows are never added across them), then the report type, then the later
-- publication. Other documents' differing values are kept visible in conflicting_values, never averaged.
with candidates as (
    select *
    from {{ ref('int_mentions_attributed') }}
    where scope = 'whole_region'
      and measure <> 'change_pct'
      and region_code is not null
      and report_year is not null
      and coalesce(period, '') <> 'multi_year'
),

per_document as (
    select *
    from candidates
    qualify row_number() over (
        partition by region_code, report_year, indicator_code, document_id
        order by coalesce(period_months, 0) desc, start_offset
    ) = 1
),

ranked as (
    select
        *,
        row_number() over (
            partition by region_code, report_year, indicator_code
            order by coalesce(period_months, 0) desc, doc_type_rank, publish_date desc nulls last, document_id
        ) as rn
    from per_document
),

chosen as (
    select * from ranked where rn = 1
),

support as (
    select
        r.region_code,
        r.report_year,
        r.indicator_code,
        count(distinct r.document_id) as n_documents,
        list(distinct r.value order by r.value) filter (
            where abs(r.value - c.value) > greatest(0.5, 0.005 * abs(c.value))
              and coalesce(r.period_months, 0) = coalesce(c.period_months, 0)
        ) as conflicting_values
    from ranked r
    join chosen c using (region_code, report_year, indicator_code)
    group by 1, 2, 3
)

select
    c.region_code,
    c.report_year as year,
    c.indicator_code,
    c.value,
    i.unit,
    c.measure,
    c.approx,
    c.is_approx,
    c.period as period_coverage,
    c.period_months,
    c.period = 'full_year' as is_full_year,
    i.aggregation,
    s.n_documents,
    coalesce(len(s.conflicting_values), 0) > 0 as has_conflict,
    s.conflicting_values,
    c.mention_id as chosen_mention_id,
    c.document_id,
    c.url,
    c.evidence,
    c.start_offset,
    c.end_offset,
    c.is_flagged,
    c.extractor_version
from chosen c
join support s using (region_code, report_year, indicator_code)
join {{ ref('dim_indicator') }} i on i.indicator_code = c.indicator_code
