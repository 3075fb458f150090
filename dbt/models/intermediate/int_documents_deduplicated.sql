-- The same report is often posted on several sites or pages. Documents whose bodies are identical
-- once whitespace and punctuation are removed, or (for reports of at least 300 such characters)
-- whose first 300 are identical and whose type is the same, are one report: the earliest-published
-- copy (then the smallest id) is canonical and keeps every location of every copy.
-- A page that links its report as an attachment (a shell, or a summary of the same region and year)
-- and that attachment are one report too: the attachment's document, the full text, stands for both.
-- An attachment's document names the page it hangs on and, having no page metadata of its own,
-- takes that page's publication date.
with hosts as (
    select
        l.attachment_page_id as page_id,
        min(l.page_id) as attached_to_page_id,
        min(l.link_text) as attachment_link_text
    from {{ ref('int_attachment_links') }} l
    group by l.attachment_page_id
),

host_dates as (
    select page_id, min(publish_date) as publish_date
    from {{ ref('stg_documents') }}
    group by page_id
),

docs as (
    select
        d.* exclude (body_text, publish_date),
        coalesce(d.publish_date, hd.publish_date) as publish_date,
        case when d.publish_date is null and hd.publish_date is not null then 'attached_to_page' end
            as publish_date_from,
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
        p.source_id,
        p.media_type,
        h.attached_to_page_id,
        hp.url as attached_to_url,
        h.attachment_link_text
    from {{ ref('stg_documents') }} d
    join {{ ref('stg_pages') }} p using (page_id)
    left join hosts h using (page_id)
    left join {{ ref('stg_pages') }} hp on hp.page_id = h.attached_to_page_id
    left join host_dates hd on hd.page_id = h.attached_to_page_id
),

by_copies as (
    select
        *,
        first_value(document_id) over (
            partition by duplicate_key
            order by publish_date nulls last, document_id
        ) as canonical_document_id
    from docs
),

-- A page's document that its attachment's report replaces: the page is not a report (a shell), or
-- it is the same region and year's report in short.
superseded as (
    select h.canonical_document_id, min(a.canonical_document_id) as by_document_id
    from by_copies h
    join {{ ref('int_attachment_links') }} l on l.page_id = h.page_id
    join by_copies a on a.page_id = l.attachment_page_id and a.is_report
    where not h.is_report
        or (h.region_code = a.region_code and h.report_year = a.report_year)
    group by h.canonical_document_id
),

ranked as (
    select
        b.* exclude (canonical_document_id),
        coalesce(s.by_document_id, b.canonical_document_id) as canonical_document_id
    from by_copies b
    left join superseded s using (canonical_document_id)
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
