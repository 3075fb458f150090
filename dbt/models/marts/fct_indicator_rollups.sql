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

grid as (
    select p.parent_code, p.parent_level, p.year, p.child_code, i.indicator_code, i.aggregation, i.unit
    from parents p
    cross join indicators i
),

joined as (
    select
        g.*,
        f.value,
        f.is_full_year
    from grid g
    left join facts f
        on f.region_code = g.child_code and f.year = g.year and f.indicator_code = g.indicator_code
),

rolled as (
    select
        parent_code,
        parent_level,
        year,
        indicator_code,
        any_value(aggregation) as aggregation,
        any_value(unit) as unit,
        count(*) as n_children,
        count(value) as n_children_with_value,
        count(value) filter (where is_full_year) as n_children_full_year,
        sum(value) filter (where is_full_year) as sum_of_full_year_values,
        list(child_code order by child_code) filter (where value is null or not is_full_year) as missing_children
    from joined
    group by 1, 2, 3, 4
    having count(value) > 0
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
    missing_children
from rolled
