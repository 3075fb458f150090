-- Attributed mentions with the reviewers' mention-level corrections applied: a correction naming a
-- document and evidence words applies to that document's mentions of the indicator whose sentence
-- contains the words. A rejected mention can no longer be chosen for a fact; a corrected one carries
-- its new value, with the original kept.
with mentions as (
    select * from {{ ref('int_mentions_attributed') }}
),

corrections as (
    select * from {{ ref('stg_corrections') }} where targets_mention
),

matched as (
    select
        m.mention_id,
        c.correction_id,
        c.action,
        c.value,
        c.reason
    from mentions m
    join corrections c
        on c.document_id = m.document_id
       and c.indicator_code = m.indicator_code
       and contains(m.evidence, c.evidence)
    -- the latest correction of a mention wins
    qualify row_number() over (partition by m.mention_id order by c.corrected_on desc, c.correction_id desc) = 1
)

select
    m.* replace (case when c.action = 'set' then c.value else m.value end as value),
    m.value as original_value,
    c.correction_id,
    c.reason as correction_reason,
    c.correction_id is not null as is_corrected,
    coalesce(c.action = 'reject', false) as is_rejected
from mentions m
left join matched c using (mention_id)
