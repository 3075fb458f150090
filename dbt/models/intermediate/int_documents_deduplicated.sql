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
        -- The page's real address: the URL it was fetched from, else the one a saved page declares.
        coalesce(p.url, d.declared_url) as url,
        case
            when p.url is not null then 'fetched'
            when d.declared_url is not null then d.declared_url_from
        end as url_source,
        -- Where the stored file is (bundled and inbox pages; inbox files as moved to processed/).
        -- Every body, crawled or not, is also kept in raw.pages under page_id.
        p.location,
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
