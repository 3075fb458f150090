{#- Exact schema names (staging, intermediate, marts, reference) instead of dbt's main_<schema>:
    users' SQL and the Python assets rely on them. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
