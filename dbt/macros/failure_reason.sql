{#- The reason a failure is grouped under: the first line of the message once surrounding whitespace
    is removed (Python's str.strip and str.splitlines rules, so Unicode spaces and line separators
    count), cut to `width` characters ending in … (messages may embed a long URL); '(empty)' for a
    null or blank message. -#}
{% macro failure_reason(text_col, width=90) -%}
    {%- set ws = "\\s\\x{0b}\\x{1c}-\\x{1f}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}" -%}
    {%- set eol = "\\n\\r\\x{0b}\\x{0c}\\x{1c}-\\x{1e}\\x{85}\\x{2028}\\x{2029}" -%}
    {%- set stripped = "regexp_replace(coalesce(" ~ text_col ~ ", ''), '^[" ~ ws ~ "]+|[" ~ ws ~ "]+$', '', 'g')" -%}
    {%- set first_line = "regexp_extract(" ~ stripped ~ ", '^[^" ~ eol ~ "]*')" -%}
    case
        when {{ stripped }} = '' then '(empty)'
        when length({{ first_line }}) <= {{ width }} then {{ first_line }}
        else left({{ first_line }}, {{ width - 1 }}) || '…'
    end
{%- endmacro %}
