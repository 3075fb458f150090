select change_year, old_code, old_name, new_code, new_name, kind
from {{ ref('region_changes') }}
