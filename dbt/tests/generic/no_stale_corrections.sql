{% test no_stale_corrections(model) %}
{#- Corrections whose target no longer exists (re-extraction changed the fact or mention): a warning
    in every build until a reviewer renews or removes them. -#}
select correction_id, region_code, year, indicator_code, document_id, reason
from {{ model }}
where status = 'target not found'
{% endtest %}
