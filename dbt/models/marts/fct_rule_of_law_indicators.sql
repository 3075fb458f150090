-- Grain: region_code x year x indicator_code. Only whole-region levels (not changes, not a street's
-- or a bureau's figure) feed it. Each document contributes one value (its widest-period statement);
-- across documents the widest period wins (a full-year report beats a half-year or through-October
-- one of the same year, so flows are never added across them), then the report type, then the later
-- publication. Other documents' differing values are kept visible in conflicting_values, never averaged.
-- Reviewers' corrections (seeds/corrections.csv) apply twice: to mentions before the choice (a
-- rejected mention is never chosen) and to the chosen fact by its grain (reject drops the fact, set
-- replaces its value); a corrected fact says so and keeps its original value. fct_corrections lists
-- every correction with whether its target still exists.
with candidates as (
    select *
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
),

-- Corrections by the fact's grain: the latest one wins.
fact_corrections as (
    select *
    from {{ ref('stg_corrections') }}
    where not targets_mention
    qualify row_number() over (
        partition by region_code, year, indicator_code order by corrected_on desc, correction_id desc
    ) = 1
),

-- The names an analyst reads: the region's name valid in the fact's year (names change with the
-- codes), its prefecture and province.
names as (
    select k.region_code, k.report_year, r.name, r.prefecture_code, r.prefecture_name, r.province_code, r.province_name
    from (select distinct region_code, report_year from chosen) k
    join {{ ref('dim_region') }} r
        on r.code = k.region_code and {{ valid_in_year('r.valid_from', 'r.valid_to', 'k.report_year') }}
    qualify row_number() over (partition by k.region_code, k.report_year order by r.valid_from desc) = 1
)

select
    c.region_code,
    coalesce(n.name, dn.name) as region_name,
    n.prefecture_code,
    n.prefecture_name,
    n.province_code,
    n.province_name,
    c.report_year as year,
    c.indicator_code,
    i.name_zh as indicator_name_zh,
    i.name_en as indicator_name_en,
    case when fc.action = 'set' then fc.value else c.value end as value,
    c.original_value,
    fc.correction_id is not null or c.is_corrected as is_corrected,
    coalesce(fc.correction_id, c.correction_id) as correction_id,
    coalesce(fc.reason, c.correction_reason) as correction_reason,
    i.unit,
    c.measure,
    c.approx,
    c.is_approx,
    c.period,
    c.period_months,
    c.period = 'full_year' as is_full_year,
    i.aggregation,
    s.n_documents,
    coalesce(len(s.conflicting_values), 0) > 0 as has_conflict,
    s.conflicting_values,
    c.mention_id as chosen_mention_id,
    c.document_id,
    c.url,
    c.location,
    c.evidence,
    c.start_offset,
    c.end_offset,
    c.is_flagged,
    c.extractor_version
from chosen c
join support s using (region_code, report_year, indicator_code)
join {{ ref('dim_indicator') }} i on i.indicator_code = c.indicator_code
left join names n on n.region_code = c.region_code and n.report_year = c.report_year
left join {{ ref('dim_region_name') }} dn on dn.code = c.region_code
left join fact_corrections fc
    on fc.region_code = c.region_code and fc.year = c.report_year and fc.indicator_code = c.indicator_code
where coalesce(fc.action, '') <> 'reject'
