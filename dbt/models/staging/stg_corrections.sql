-- Reviewers' corrections (seeds/corrections.csv, added by hand or with `fazhi correct`). A correction
-- is keyed by what survives re-extraction: a fact's grain (region_code, year, indicator_code), or a
-- document and the words of its evidence sentence (a mention). Never by offsets or mention ids.
select
    correction_id,
    region_code,
    year,
    indicator_code,
    nullif(trim(document_id), '') as document_id,
    nullif(trim(evidence), '') as evidence,
    lower(trim(action)) as action,
    value,
    reason,
    reviewer,
    corrected_on,
    nullif(trim(document_id), '') is not null as targets_mention
from {{ ref('corrections') }}
