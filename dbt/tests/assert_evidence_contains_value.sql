-- Every mention's evidence sentence must contain the value text exactly as written, so a reader
-- can find the number in the sentence that proves it.
select mention_id, value_text, evidence
from {{ ref('fct_indicator_mentions') }}
where strpos(evidence, value_text) = 0
