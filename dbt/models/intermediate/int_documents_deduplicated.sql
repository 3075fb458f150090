-- The same report is often posted on several sites or pages. Documents whose bodies are identical
-- once whitespace and punctuation are removed, or (for reports of at least 300 such characters)
-- whose first 300 are identical and whose type is the same, are one report: the earliest-published
-- copy (then the smallest id) is canonical and keeps every location of every copy.
with docs as (
    select
        d.* exclude (body_text),
        case
            when d.is_report and d.normalized_chars >= 300 then d.doc_type || ':' || d.body_prefix_fingerprint
            else d.body_fingerprint
        end as duplicate_key,
        p.page_location,
        p.origin,
        p.source_id
    from {{ ref('stg_documents') }} d
    join {{ ref('stg_pages') }} p using (page_id)
),

ranked as (
    select
        *,
        first_value(document_id) over (
            partition by duplicate_key
            order by publish_date nulls last, document_id
        ) as canonical_document_id
    from docs
),

locations as (
    select
        r.canonical_document_id,
        list(distinct l.location order by l.location) as locations,
        count(distinct r.document_id) as n_copies
    from ranked r
    left join {{ ref('stg_page_locations') }} l on l.page_id = r.page_id
    group by r.canonical_document_id
)

select
    r.* exclude (canonical_document_id),
    r.canonical_document_id,
    r.document_id = r.canonical_document_id as is_canonical,
    l.locations,
    l.n_copies
from ranked r
join locations l using (canonical_document_id)
