{% test not_blank(model, column_name) %}
{#- Null or whitespace-only text: a number without its evidence is worse than no number. -#}
select *
from {{ model }}
where {{ column_name }} is null or trim({{ column_name }}) = ''
{% endtest %}
