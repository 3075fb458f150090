"""The administrative levels a region can have, and their order from the top down.

One vocabulary for every stage that names a level (the region index, the resolver, the records):
`Region.level` and `Division.level` hold these strings, and the warehouse stores them as written.
"""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["province", "prefecture", "county", "township", "development_zone"]
LEVELS: tuple[Level, ...] = get_args(Level)

# Rank from the top (province = 1); a development zone ranks with the counties it is carved out of.
LEVEL_RANK: dict[str, int] = {
    "province": 1,
    "prefecture": 2,
    "county": 3,
    "development_zone": 3,
    "township": 4,
}
