{{ config(materialized='view') }}
-- Grain: one row per figure (metric) and, for breakdowns, per key: what the warehouse holds and what
-- went wrong, as `fazhi status` and the build summary print it. A view, so the raw-level figures are
-- live: fetches, ingest errors or cleanings written after the last build show at once.
-- Totals have key null (and only they do); breakdowns have one row per key; `last_*` / `newest_*` figures carry a time
-- in observed_at instead of a value. Failure messages are grouped by failure_reason (first line,
-- at most 90 characters).
with pages as (
    select * from {{ portable(ref('stg_pages')) }}
),

page_locations as (
    select * from {{ portable(ref('stg_page_locations')) }}
),

fetches as (
    select * from {{ portable(ref('stg_fetches')) }}
),

cleanings as (
    select * from {{ portable(ref('stg_page_cleanings')) }}
),

ingest_errors as (
    select * from {{ portable(ref('stg_ingest_errors')) }}
),

sources as (
    select * from {{ portable(ref('stg_sources')) }}
),

found_documents as (
    select * from {{ portable(ref('stg_documents')) }}
),

documents as (
    select * from {{ portable(ref('dim_document')) }}
),

reports as (
    select * from documents where is_report
),

mentions as (
    select * from {{ portable(ref('fct_indicator_mentions')) }}
),

facts as (
    select * from {{ portable(ref('fct_rule_of_law_indicators')) }}
),

quantities as (
    select * from {{ portable(ref('fct_quantities')) }}
),

-- Each warning of each cleaning: warnings are JSON lists of strings; an object is named by its
-- kind / code / warning / reason / message, anything else by its JSON text.
warning_items as (
    select unnest(
        case when json_type(warnings) = 'ARRAY' then from_json(warnings, '["json"]') else [warnings] end
    ) as item
    from cleanings
    where warnings is not null
),

warnings as (
    select
        case
            when item is null then 'None'
            when json_type(item) = 'VARCHAR' then item ->> '$'
            when json_type(item) = 'BOOLEAN' then if(item::varchar = 'true', 'True', 'False')
            when json_type(item) = 'OBJECT' then
                case
                    when json_exists(item, '$.kind') then coalesce(item ->> 'kind', 'None')
                    when json_exists(item, '$.code') then coalesce(item ->> 'code', 'None')
                    when json_exists(item, '$.warning') then coalesce(item ->> 'warning', 'None')
                    when json_exists(item, '$.reason') then coalesce(item ->> 'reason', 'None')
                    when json_exists(item, '$.message') then coalesce(item ->> 'message', 'None')
                    else item::varchar
                end
            else item::varchar
        end as warning
    from warning_items
),

figures as (
    -- pages
    select 'pages' as section, 'pages' as metric, null as key, count(*) as value, null::timestamp as observed_at
    from pages
    union all
    select 'pages', 'pages_by_origin', origin, count(*), null from pages group by origin
    union all
    select 'pages', 'pages_by_media_type', media_type, count(*), null from pages group by media_type
    union all
    select 'pages', 'newest_page', null, null, max(fetched_at) from pages
    union all
    select 'pages', 'last_ingest', null, null, max(first_seen) from page_locations
    union all
    -- documents and reports
    select 'documents', 'documents_found', null, count(*), null from found_documents
    union all
    select 'documents', 'documents', null, count(*), null from documents
    union all
    select 'documents', 'documents_by_extractor_version', extractor_version, count(*), null
    from documents group by extractor_version
    union all
    select 'documents', 'non_reports', null, count(*), null from documents where not is_report
    union all
    select 'documents', 'non_reports_by_reason', coalesce(split_part(report_reason, ':', 1), 'unknown'), count(*), null
    from documents where not is_report group by 3
    union all
    select 'documents', 'reports', null, count(*), null from reports
    union all
    select 'documents', 'reports_by_doc_type', doc_type, count(*), null from reports group by doc_type
    union all
    select 'documents', 'reports_without_region', null, count(*), null from reports where region_code is null
    union all
    select 'documents', 'reports_without_year', null, count(*), null from reports where report_year is null
    union all
    select 'documents', 'regions_with_reports', null, count(distinct region_code), null from reports
    union all
    select 'documents', 'reports_by_year', cast(report_year as varchar), count(*), null
    from reports where report_year is not null group by report_year
    union all
    -- facts
    select 'facts', 'quantities', null, count(*), null from quantities
    union all
    select 'facts', 'quantities_typed', null, count(*), null from quantities where is_typed
    union all
    select 'facts', 'corrections', status, count(*), null from {{ portable(ref('fct_corrections')) }} group by status
    union all
    select 'facts', 'quantity_results', null, count(*), null from quantities where is_region_result
    union all
    select 'facts', 'quantity_results_typed', null, count(*), null from quantities where is_region_result and is_typed
    union all
    select 'facts', 'indicator_mentions', null, count(*), null from mentions
    union all
    select 'facts', 'flagged_mentions', null, count(*), null from mentions where is_flagged
    union all
    select 'facts', 'indicator_values', null, count(*), null from facts
    union all
    select 'facts', 'indicators', null, count(distinct indicator_code), null from facts
    union all
    select 'facts', 'fact_regions', null, count(distinct region_code), null from facts
    union all
    select 'facts', 'conflicts', null, count(*), null from facts where has_conflict
    union all
    select 'facts', 'values_by_year', cast(year as varchar), count(*), null from facts group by year
    union all
    -- crawling
    select 'fetches', 'fetches', null, count(*), null from fetches
    union all
    select 'fetches', 'fetches_by_outcome', outcome, count(*), null from fetches group by outcome
    union all
    select 'fetches', 'fetches_by_source', coalesce(source_id, '(none)'), count(*), null
    from fetches group by all
    union all
    select 'fetches', 'last_fetch', null, null, max(fetched_at) from fetches
    union all
    select 'fetches', 'sources_registered', if(coalesce(is_enabled, false), 'enabled', 'disabled'), count(*), null
    from sources group by 3
    union all
    -- failures
    select 'failures', 'pages_failed', null, count(*), null from cleanings where error is not null
    union all
    select 'failures', 'cleaning_errors', {{ failure_reason('error') }}, count(*), null
    from cleanings where error is not null group by all
    union all
    select 'failures', 'cleaning_warnings', {{ failure_reason('warning') }}, count(*), null
    from warnings group by all
    union all
    select 'failures', 'ingest_errors', {{ failure_reason('error') }}, count(*), null
    from ingest_errors group by all
    union all
    -- the files themselves (the 20 latest), so `fazhi status` can name them
    select 'failures', 'failed_files', location || ' — ' || error, 1, seen_at
    from (select * from ingest_errors order by seen_at desc, location limit 20)
    union all
    select 'failures', 'fetch_errors', coalesce(error_kind, outcome), count(*), null
    from fetches where error_kind is not null or error is not null group by all
)

select section, metric, key, value, observed_at
from figures
