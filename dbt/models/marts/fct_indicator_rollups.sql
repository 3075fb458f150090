-- Prefecture and province totals, only where they mean something: the indicator is additive
-- (sum_flow) and every county-level division under the parent that was valid in the year states a
-- full-year whole-region value. Otherwise value is null and the row says what is missing, so a
-- partial sum is never mistaken for a total. Rows exist only where at least one child has a value.
with facts as (
    select * from {{ ref('fct_rule_of_law_indicators') }}
),

children as (
    -- county-level divisions valid in each year, under their prefecture and their province
    select r.code as child_code, r.prefecture_code, r.province_code, y.year
    from {{ ref('dim_region') }} r
    cross join (select distinct year from facts) y
    where r.level = 'county'
      and {{ valid_in_year('r.valid_from', 'r.valid_to', 'y.year') }}
),

parents as (
    select prefecture_code as parent_code, 'prefecture' as parent_level, child_code, year
    from children where prefecture_code is not null
    union all
    select province_code, 'province', child_code, year from children
),

indicators as (
    select indicator_code, aggregation, unit from {{ ref('dim_indicator') }}
),

-- every county under a parent in a year, in code order
rosters as (
    select parent_code, parent_level, year, list(child_code order by child_code) as children
    from parents
    group by 1, 2, 3
),

-- what the children state, per parent, year and indicator (only where one of them states a value)
stated as (
    select
        p.parent_code,
        p.parent_level,
        p.year,
        f.indicator_code,
        count(f.value) as n_children_with_value,
        count(f.value) filter (where f.is_full_year) as n_children_full_year,
        sum(f.value) filter (where f.is_full_year) as sum_of_full_year_values,
        list(p.child_code) filter (where f.is_full_year and f.value is not null) as full_year_children
    from parents p
    join facts f on f.region_code = p.child_code and f.year = p.year
    group by 1, 2, 3, 4
    having count(f.value) > 0
),

-- The roster minus the children with a full-year value is what is missing. Computed per row from
-- the two lists, not by aggregating every county x indicator x year (an ordered aggregate over
-- millions of rows that outgrew the build's memory budget at 10,000 pages).
rolled as (
    select
        s.parent_code,
        s.parent_level,
        s.year,
        s.indicator_code,
        i.aggregation,
        i.unit,
        len(r.children) as n_children,
        s.n_children_with_value,
        s.n_children_full_year,
        s.sum_of_full_year_values,
        list_filter(r.children, c -> not list_contains(coalesce(s.full_year_children, []), c)) as missing
    from stated s
    join rosters r using (parent_code, parent_level, year)
    join indicators i using (indicator_code)
)

select
    parent_code as region_code,
    parent_level as level,
    year,
    indicator_code,
    unit,
    aggregation,
    n_children,
    n_children_with_value,
    n_children_full_year,
    case
        when aggregation <> 'sum_flow' then 'not_additive'
        when n_children_full_year = n_children then 'complete'
        else 'incomplete'
    end as rollup_status,
    case
        when aggregation = 'sum_flow' and n_children_full_year = n_children then sum_of_full_year_values
    end as value,
    sum_of_full_year_values as partial_sum,
    case when len(missing) > 0 then missing end as missing_children
from rolled
