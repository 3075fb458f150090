-- Lineage of reports published as attachments: which page links which document file, and the stored
-- body of that file (page -> attachment -> document -> fact). A link is known two ways: the cleaner
-- lists every attachment link of a page (raw.page_cleanings), and the crawler records the page an
-- attachment was fetched from (raw.fetches.linked_from).
with listed as (
    select distinct
        c.page_id as page_id,
        a.url as attachment_url,
        nullif(trim(a.text), '') as link_text
    from {{ ref('stg_page_cleanings') }} c,
        unnest(from_json(c.attachments, '[{"url": "VARCHAR", "text": "VARCHAR", "ext": "VARCHAR"}]')) as t(a)
    where c.n_attachments > 0
),

files as (
    select page_id as attachment_page_id, url
    from {{ ref('stg_pages') }}
    where media_type in ('pdf', 'docx', 'doc', 'ofd') and url is not null
),

from_cleanings as (
    select l.page_id, f.attachment_page_id, l.attachment_url, l.link_text
    from listed l
    join files f on f.url = l.attachment_url
),

from_fetches as (
    select h.page_id, f.page_id as attachment_page_id, f.url as attachment_url, null::varchar as link_text
    from {{ ref('stg_fetches') }} f
    join {{ ref('stg_pages') }} h on h.url = f.linked_from
    where f.role = 'attachment' and f.page_id is not null and f.outcome in ('ok', 'not_modified')
)

select
    page_id,
    attachment_page_id,
    min(attachment_url) as attachment_url,
    min(link_text) as link_text
from (select * from from_cleanings union all select * from from_fetches)
group by page_id, attachment_page_id
