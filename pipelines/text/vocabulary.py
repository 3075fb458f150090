"""The genre's vocabulary that both the cleaner and understanding read: what names a rule-of-law report.

The cleaner needs it to tell a report's title from the other short lines above a body; understanding
needs it to judge the page. One definition, so the two never disagree.
"""

from __future__ import annotations

import re

TOPIC = r"(?:法治政府|依法行政|法治建设|法制建设|依法治(?:省|市|区|县|旗|州|镇|街)|法治[^\s,，。、]{0,8}建设|法治工作|法制工作)"
REPORT_WORD = r"(?:报告|汇报|总结|情况)"
TITLE_REPORT = re.compile(TOPIC + r".{0,30}?" + REPORT_WORD)
