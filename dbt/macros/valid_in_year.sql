{#- True when a division record is valid in the year: valid_from <= year < valid_to, with one
    convention for the open ends: a null valid_from (NBS-only rows, which carry no history) means
    "always was", a null valid_to means "still is". -#}
{% macro valid_in_year(from_col, to_col, year_expr) -%}
    (coalesce({{ from_col }}, 0) <= {{ year_expr }} and {{ year_expr }} < coalesce({{ to_col }}, 9999))
{%- endmacro %}
