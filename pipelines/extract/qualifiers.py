"""What a stated figure is, read from the words just before it: a target or requirement, a change, or
a result. Pure functions on the text of the number's clause (its left side, up to the number).

A report states its results next to the rules it follows and the targets it sets: "区政府常务会议每年学法
不少于4次" is a requirement, "力争审核…不少于10件" a target, "受理案件同比增加12件" a change. None of them
is the year's result, so none becomes a catalog mention; the list of every figure (raw.quantities)
keeps them with their measure, so they are still there to read.
"""

from __future__ import annotations

import re

# A lower or upper bound that a rule or a plan sets ("不少于4次", "至少开展1次", "力争达到95%", "目标为…"),
# with at most a short verb phrase between the word and the number ("至少开展", "不少于").
_BOUND_RE = re.compile(
    r"(?:不少于|不低于|不超过|不多于|不得少于|不得低于|至少|最少|目标(?:值)?(?:为|是)?)[^,，;；。\d]{0,6}$"
    r"|(?:力争|争取)[^,，;；。\d]{0,12}$"
)
# A frequency written as a rule ("每年学法不少于4次" is caught above; "每季度召开1次", "每半年开展一次"):
# 每 + a period, then at most a short verb phrase.
_FREQUENCY_RE = re.compile(r"每(?:年|季度|半年|月|周|两年)(?:度)?[^,，;；。\d]{0,8}$")

# A change of a count or a share: a comparison and a direction right before the number ("同比增加12件",
# "较上年减少5件", "同比下降28.3%"), or a direction alone ("增长200%").
_COMPARATOR = r"同比|环比|与(?:去年|上年|上一年)(?:同期)?相比|较(?:去年|上年|上一年)(?:同期)?|比(?:去年|上年|上一年)(?:同期)?"
CHANGE_RE = re.compile(
    rf"(?P<cmp>{_COMPARATOR})?"
    r"(?P<dir>增长|上升|提高|增加|上涨|提升|下降|减少|降低|下滑|回落|减)了?(?:约|近)?$"
    # one character after a comparison: "同比增14.57%", "比增19.1%", "同比降5%"
    rf"|(?P<cmp2>{_COMPARATOR}|比)(?P<dir2>增|降)了?(?:约|近)?$"
)
# A change to a list or a set of documents (取消12项, 下放118项, 精简行政许可事项140项, 修改396件): the
# items moved, not the list's size. Only figures no rule typed are called changes for it: the catalog
# counts some moves as indicators of their own (power_items_cancelled counts 取消N项).
_LIST_MOVE_RE = re.compile(
    r"(?:取消|下放|承接|划转|移交|精简|压减|削减|调整|修改|修订|废止|清理)[^,，;；。\d]{0,12}$"
)
DOWN = ("下降", "减少", "降低", "下滑", "回落", "减", "降")


# A move to a list that is proposed, not made: "我市拟取消调整承接行政职权事项主项931项" (拟定, drafting,
# is a result and is not matched).
_PROPOSED_RE = re.compile(r"拟(?:取消|下放|承接|调整|保留|新增|赋予|委托|划转|移交)[^,，;；。\d]{0,16}$")

# The number named as a target after it: "全年200件目标任务已超额完成".
_TARGET_AFTER_RE = re.compile(r"^\s*(?:的)?(?:工作)?目标(?:任务)?")


# A sentence that opens with an aim governs its figures: "力争到2017年底…网上可办率达到80%以上".
_AIM_SENTENCE_RE = re.compile(r"^\s*(?:[一二三四五六七八九十\d]{1,2}[、.．])?\s*(?:力争|争取)")


def is_target(left: str, right: str = "", sentence_before: str = "") -> bool:
    """Whether the number is a bound a rule or plan sets rather than a result (`left`: the clause text
    before the number, `right`: after it, `sentence_before`: its sentence up to it)."""
    tail = left.rstrip()
    return bool(
        _BOUND_RE.search(tail)
        or _FREQUENCY_RE.search(tail)
        or _PROPOSED_RE.search(tail)
        or _TARGET_AFTER_RE.match(right)
        or _AIM_SENTENCE_RE.match(sentence_before)
    )


def is_change(left: str) -> bool:
    """Whether the number is the size of a change ("同比增加12件", "下降28.3%")."""
    return bool(CHANGE_RE.search(left.rstrip()))


def is_list_move(left: str) -> bool:
    """Whether the number counts items moved in or out of a list (取消, 下放, 精简 …, 修改 …)."""
    return bool(_LIST_MOVE_RE.search(left.rstrip()))
