{#- Annual reports on the year `year_expr` are due before 1 April of the following year. -#}
{% macro report_deadline(year_expr) -%}
    make_date({{ year_expr }} + 1, 4, 1)
{%- endmacro %}

{#- Whether a report on `year_expr` published on `publish_date` met the deadline (null when either is null). -#}
{% macro published_by_deadline(publish_date, year_expr) -%}
    ({{ publish_date }} < {{ report_deadline(year_expr) }})
{%- endmacro %}
