select
    code as indicator_code,
    area,
    name_zh,
    name_en,
    unit,
    aggregation,
    keywords_zh,
    notes,
    aggregation = 'sum_flow' as is_additive
from {{ ref('stg_indicators') }}
