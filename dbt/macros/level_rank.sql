{#- The order of division levels, top down: province 0, prefecture 1, county 2, development_zone 3,
    township 4, anything else 9. Reports sort regions by it under their province. -#}
{% macro level_rank(level_col) -%}
    case {{ level_col }}
        when 'province' then 0
        when 'prefecture' then 1
        when 'county' then 2
        when 'development_zone' then 3
        when 'township' then 4
        else 9
    end
{%- endmacro %}
