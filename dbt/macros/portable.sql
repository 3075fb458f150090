{#- A relation named by schema and name only, for the body of a view. DuckDB stores a view's SQL as
    written, and dbt-duckdb names relations with the database (the file's stem): a view that says
    "fazhi"."raw"."pages" breaks once the file is copied or renamed (a backup, a test copy, another
    FAZHI_DUCKDB_PATH). Tables are unaffected: their rows are stored, not their query. -#}
{% macro portable(relation) -%}
    {{ return(relation.include(database=False)) }}
{%- endmacro %}
