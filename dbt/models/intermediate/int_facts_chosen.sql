-- The choice behind marts.fct_rule_of_law_indicators: for each region, year and indicator, the one
-- whole-region mention that states its value, how many documents state one, and the values that
-- differ. Each document contributes one value (its widest-period statement); across documents the
-- widest period wins (a full-year report beats a half-year or through-October one of the same year,
-- so flows are never added across them), then the report type, then the later publication.
-- Rejected mentions (seeds/corrections.csv) are never chosen.
-- A model of its own, on the few columns the choice needs: the windows hold every row they sort, and
-- with the mart's joins in the same query the build outgrew its memory budget at 10,000 pages.
with candidates as (
    select
        mention_id, region_code, report_year, indicator_code, document_id, value,
        period_months, start_offset, doc_type_rank, publish_date
    from {{ ref('int_mentions_corrected') }}
    where not is_rejected
      and scope = 'whole_region'
      and measure in ('count', 'amount', 'rate')
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
    c.report_year,
    c.indicator_code,
    c.mention_id,
    s.n_documents,
    s.conflicting_values
from chosen c
join support s using (region_code, report_year, indicator_code)
