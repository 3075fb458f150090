"""Recognise anti-bot answers (JS cookie challenges, CAPTCHA walls) so they are logged, never parsed.

Chinese government sites often sit behind WAFs (加速乐/知道创宇 `__jsl_clearance`, 安全狗, 瑞数
with HTTP 412, 521 answers). Their pages are tiny: a script that computes a cookie and reloads, or a
"请输入验证码 / 安全验证" form. Storing them as pages would feed junk to the cleaner, and solving them
would be bypassing the site's choice, so the crawler records outcome "challenge" and moves on.
"""

from __future__ import annotations

import re

CHALLENGE_STATUSES = frozenset({412, 521})
# Tokens only challenge pages carry: matched anywhere in the body.
_STRONG = re.compile(
    rb"__jsl_clearance|jsl_clearance_s|acw_sc__v2|acw_tc|_waf_bd8ce2ce37|yunsuo_session_verify|"
    rb"\$_ts\s*=|cf-chl-|challenge-platform|safedog",
    re.IGNORECASE,
)
# Words that also occur on ordinary pages (a comment form's 验证码): only decisive on a page with
# little readable text.
_WEAK = re.compile(
    "验证码|安全验证|人机验证|滑动验证|访问验证|请开启JavaScript|请启用JavaScript|访问过于频繁".encode()
)
_WEAK_GBK = re.compile("验证码|安全验证|人机验证|滑动验证|访问验证|访问过于频繁".encode("gb18030"))
_COOKIE_SCRIPT = re.compile(rb"<script[^>]*>[^<]{0,4000}document\.cookie", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(rb"<script.*?</script>|<style.*?</style>|<[^>]+>", re.IGNORECASE | re.DOTALL)
SMALL_PAGE_TEXT = 600  # bytes of visible text below which a page is "tiny"


def challenge_reason(status: int | None, body: bytes) -> str | None:
    """Why this response is an anti-bot answer, or None if it looks like real content."""
    if status in CHALLENGE_STATUSES:
        return f"HTTP {status} (JS challenge status)"
    strong = _STRONG.search(body)
    if strong:
        return f"challenge token {strong.group(0).decode('ascii', 'replace')!r}"
    # Weak signs count only on tiny pages; look for them first so a normal large page is not
    # stripped of its tags just to be measured.
    if _WEAK.search(body) or _WEAK_GBK.search(body):
        reason = "tiny page asking for a verification step"
    elif _COOKIE_SCRIPT.search(body):
        reason = "tiny page whose script sets document.cookie"
    else:
        return None
    visible = re.sub(rb"\s+", b" ", _TAGS.sub(b" ", body)).strip()
    return reason if len(visible) <= SMALL_PAGE_TEXT else None
