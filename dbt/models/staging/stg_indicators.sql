select code, area, name_zh, name_en, unit, aggregation, keywords_zh, notes
from {{ ref('indicators') }}
