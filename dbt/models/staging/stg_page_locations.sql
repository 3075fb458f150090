select page_id, location, origin, first_seen
from {{ source('raw', 'page_locations') }}
