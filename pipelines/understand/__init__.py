"""Document understanding: report detection, splitting, title/issuer/dates, region and year resolution.

Public entry points: `understand_page(cleaned, page_id=..., url=..., regions=...)` and `RegionIndex`
(load it once per process with `RegionIndex.load()`; the loader is cached).
"""

from pipelines.understand.page import understand_page
from pipelines.understand.regions import RegionIndex

__all__ = ["RegionIndex", "understand_page"]
