-- The crawl registry (seeds/sources.csv) as of the last build: the government sites fazhi crawls.
with source as (
    select * from {{ portable(ref('sources')) }}
),

renamed as (
    select
        id as source_id,
        region_code,
        name,
        listing_urls,
        allowed_hosts,
        link_rules,
        max_pages,
        enabled as is_enabled,
        coalesce(verified, false) as is_verified,
        local as is_local,
        note
    from source
)

select * from renamed
