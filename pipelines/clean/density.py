"""CJK-aware content scoring for pages without markers or known containers (legacy table layouts).

Readability's idea with Chinese counting: every text block scores by its clause punctuation
(，。；：！？、) and CJK length, gives its score to its parent and half to its grandparent; the best
parent, discounted by link density, is the article; its siblings that score well too are kept with it
(a single best node loses the rest of a report split over several cells).
"""

from __future__ import annotations

from bs4 import NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from pipelines.clean.prose import cjk_count, punct_count
from pipelines.clean.render import BLOCK_TAGS, CELL_TAGS, SKIP_TAGS

_NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_CONTAINERS = BLOCK_TAGS | CELL_TAGS
MAX_WALK = 200  # ancestors examined per text node; deeper nesting is flattened for scoring


def best_blocks(root: Tag) -> list[Tag]:
    """The best-scoring content element and its qualifying siblings, in document order ([] if none)."""
    own: dict[int, list[float]] = {}  # id(block) -> [cjk, punct, link_chars, chars]
    tags: dict[int, Tag] = {}
    for s in root.descendants:
        if not isinstance(s, NavigableString) or isinstance(s, _NOT_TEXT):
            continue
        parent = s.parent
        if parent is None or parent.name in SKIP_TAGS:
            continue
        text = s.strip()
        if not text:
            continue
        in_link = False
        block = None
        node = parent
        for _ in range(MAX_WALK):
            if node is None:
                break
            if node.name == "a":
                in_link = True
            if node.name in _CONTAINERS:
                block = node
                break
            node = node.parent
        if block is None:
            continue
        st = own.setdefault(id(block), [0, 0, 0, 0])
        tags[id(block)] = block
        st[0] += cjk_count(text)
        st[1] += 0 if in_link else punct_count(text)
        st[2] += len(text) if in_link else 0
        st[3] += len(text)
    # Totals per subtree for link density: push each block's counts to its ancestors.
    total: dict[int, list[float]] = {}
    score: dict[int, float] = {}
    for bid, st in own.items():
        node = tags[bid]
        for _ in range(MAX_WALK):
            if node is None:
                break
            t = total.setdefault(id(node), [0, 0])
            t[0] += st[2]
            t[1] += st[3]
            tags.setdefault(id(node), node)
            node = node.parent
        if st[0] < 8 or st[2] > st[3] * 0.5:
            continue
        para = 1 + st[1] + min(st[0] / 100, 3)
        parent = tags[bid].parent
        if parent is not None:
            score[id(parent)] = score.get(id(parent), 0) + para
            tags.setdefault(id(parent), parent)
            grand = parent.parent
            if grand is not None:
                score[id(grand)] = score.get(id(grand), 0) + para / 2
                tags.setdefault(id(grand), grand)
    if not score:
        return []

    def final(tid: int) -> float:
        link, chars = total.get(tid, (0, 1))
        return score.get(tid, 0) * (1 - (link / chars if chars else 0))

    top_id = max(score, key=final)
    top = tags[top_id]
    top_score = final(top_id)
    parent = top.parent
    if parent is None or top.name in ("body", "html"):
        return [top]
    keep = []
    threshold = max(10.0, top_score * 0.2)
    for sib in parent.children:
        if not isinstance(sib, Tag):
            continue
        if sib is top:
            keep.append(sib)
            continue
        sid = id(sib)
        link, chars = total.get(sid, (0, 0))
        st = own.get(sid)
        if final(sid) >= threshold or (st and st[0] >= 50 and st[1] >= 2 and link < 0.25 * max(chars, 1)):
            keep.append(sib)
    return keep
