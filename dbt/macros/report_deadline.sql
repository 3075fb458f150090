{#- Annual reports on the year `year_expr` are due before 1 April of the following year. -#}
{% macro report_deadline(year_expr) -%}
    make_date({{ year_expr }} + 1, 4, 1)
{%- endmacro %}

{#- Whether a report on `year_expr` published on `publish_date` met the deadline (null when either is null). -#}
{% macro published_by_deadline(publish_date, year_expr) -%}
    ({{ publish_date }} < {{ report_deadline(year_expr) }})
{%- endmacro %}

{#- Whether a document answers the annual duty: any report on its year but a half-year one. An annual
    report drafted in November (through month 10) is the year's report; a first-half report is not.
    The one rule behind dim_document.published_by_deadline, fct_report_coverage and the report's
    on-time cells. -#}
{% macro is_annual_report(doc_type, period) -%}
    (coalesce({{ doc_type }}, '') <> 'half_year_report' and coalesce({{ period }}, '') not in ('first_half', 'multi_year'))
{%- endmacro %}
