-- Every reviewer's correction (seeds/corrections.csv) and what became of it: applied to a mention or
-- a fact, superseded by a later correction of the same target, or target not found - the fact or
-- mention it names no longer exists (re-extraction changed it): such corrections are reported here,
-- by the warn test on this model and by `fazhi status`, never dropped silently.
with corrections as (
    select * from {{ ref('stg_corrections') }}
),

mentions as (
    select * from {{ ref('int_mentions_corrected') }}
),

-- the facts a grain correction can reach: whole-region results of an attributed, unrejected mention
grains as (
    select distinct region_code, report_year as year, indicator_code
    from mentions
    where not is_rejected and scope = 'whole_region' and measure in ('count', 'amount', 'rate')
      and region_code is not null and report_year is not null
),

latest_grain as (
    select correction_id
    from corrections
    where not targets_mention
    qualify row_number() over (
        partition by region_code, year, indicator_code order by corrected_on desc, correction_id desc
    ) = 1
),

status as (
    select
        c.correction_id,
        case
            when c.targets_mention and exists (
                select 1 from mentions m where m.correction_id = c.correction_id
            ) then 'applied'
            when c.targets_mention and exists (
                select 1 from mentions m
                where m.document_id = c.document_id and m.indicator_code = c.indicator_code
                  and contains(m.evidence, c.evidence)
            ) then 'superseded'
            when c.targets_mention then 'target not found'
            when not exists (
                select 1 from grains g
                where g.region_code = c.region_code and g.year = c.year and g.indicator_code = c.indicator_code
            ) then 'target not found'
            when c.correction_id in (select correction_id from latest_grain) then 'applied'
            else 'superseded'
        end as status
    from corrections c
)

select
    c.correction_id,
    s.status,
    c.region_code,
    c.year,
    c.indicator_code,
    c.document_id,
    c.evidence,
    c.action,
    c.value,
    c.reason,
    c.reviewer,
    c.corrected_on,
    c.targets_mention
from corrections c
join status s using (correction_id)
