{% test value_between(model, column_name, min_value, max_value, where_sql='true') %}
{#- Rows whose value falls outside [min_value, max_value] (e.g. a rate above 100%). -#}
select *
from {{ model }}
where ({{ where_sql }})
  and ({{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }})
{% endtest %}
