-- NBS county-level units that are not MCA divisions (development zones and the like).
select code, name, kind, nullif(prefecture_code, '') as prefecture_code, province_code
from {{ ref('non_mca_county_units') }}
