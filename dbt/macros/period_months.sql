{#- Months of the year a period covers: full_year 12, first_half 6, through_month_N N; null for
    multi_year, unknown and anything else. The one place the period vocabulary becomes a number. -#}
{% macro period_months(period_col) -%}
    case
        when {{ period_col }} = 'full_year' then 12
        when {{ period_col }} = 'first_half' then 6
        when {{ period_col }} like 'through_month_%' then try_cast(replace({{ period_col }}, 'through_month_', '') as integer)
        else null
    end
{%- endmacro %}
