-- Grain: region_code x year x indicator_code. Only whole-region levels (not changes, not a street's
-- or a bureau's figure) feed it. Each document contributes one value (its widest-period statement);
-- across documents the widest period wins (a full-year report beats a half-year or through-October
-- one of the same year, so flows are never added across them), then the report type, then the later
-- publication. Other documents' differing values are kept visible in conflicting_values, never averaged.
-- Reviewers' corrections (seeds/corrections.csv) apply twice: to mentions before the choice (a
-- rejected mention is never chosen) and to the chosen fact by its grain (reject drops the fact, set
-- replaces its value); a corrected fact says so and keeps its original value. fct_corrections lists
-- every correction with whether its target still exists.
-- The choice itself is int_facts_chosen; here the chosen mention's columns, names and corrections.
with chosen as (
    select m.*, k.n_documents, k.conflicting_values
    from {{ ref('int_facts_chosen') }} k
    join {{ ref('int_mentions_corrected') }} m using (mention_id)
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
    c.n_documents,
    coalesce(len(c.conflicting_values), 0) > 0 as has_conflict,
    c.conflicting_values,
    c.mention_id as chosen_mention_id,
    c.document_id,
    c.url,
    c.location,
    c.evidence,
    c.start_offset,
    c.end_offset,
    c.source_page,
    c.is_flagged,
    c.extractor_version
from chosen c
join {{ ref('dim_indicator') }} i on i.indicator_code = c.indicator_code
left join names n on n.region_code = c.region_code and n.report_year = c.report_year
left join {{ ref('dim_region_name') }} dn on dn.code = c.region_code
left join fact_corrections fc
    on fc.region_code = c.region_code and fc.year = c.report_year and fc.indicator_code = c.indicator_code
where coalesce(fc.action, '') <> 'reject'
