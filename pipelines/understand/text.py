"""Text rules particular to reading reports.

Reports cite other documents by their titles in 《》, and those titles carry years and place names
("《重庆市2019年法治政府建设工作要点》") that say nothing about the report itself.
"""

from __future__ import annotations

import re


def strip_book_titles(text: str) -> str:
    """Drop 《...》 spans: names of cited documents carry years and places that are not the report's."""
    return re.sub(r"《[^《》]{0,80}》", "《》", text)
