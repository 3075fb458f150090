"""The genre's vocabulary that both the cleaner and understanding read: what names a rule-of-law report.

The cleaner needs it to tell a report's title from the other short lines above a body; understanding
needs it to judge the page. One definition, so the two never disagree.
"""

from __future__ import annotations

import re

TOPIC = r"(?:法治政府|依法行政|法治建设|法制建设|依法治(?:省|市|区|县|旗|州|镇|街)|法治[^\s,，。、]{0,8}建设|法治工作|法制工作)"
REPORT_WORD = r"(?:报告|汇报|总结|情况)"
TITLE_REPORT = re.compile(TOPIC + r".{0,30}?" + REPORT_WORD)

# A mirror's one-line description of the page: "《梧州市人民政府2018年度法治政府建设工作报告》是2019年梧州市
# 人民政府发布的通知。" It names the document (the cleaner takes it as the title) and is not part of it
# (understanding skips it when it reads the opening).
PAGE_DESCRIPTION = re.compile(r"^《(?P<title>[^》]{4,80})》是.{0,40}?(?:发布|印发|公布|发表)的")
