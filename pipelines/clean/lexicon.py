"""The chrome and metadata vocabulary of Chinese government pages (gov-pages.md §3, §8 D/E).

All patterns run on lines already passed through `normalise_line` (so "打 印 本 页" arrives as
"打印本页"). Two strengths: `CHROME_ANYWHERE` phrases are unambiguous and condemn a short line that
contains them; `CHROME_TOKENS` are ordinary words ("打印", "关闭", "收藏") that condemn a line only when
the line is made of nothing else, so a heading such as "关闭整治小化工企业" survives.
"""

from __future__ import annotations

import re

# Lines this long are never treated as chrome by a lexicon hit (a paragraph may quote a phrase).
MAX_CHROME_LINE = 90

# Footer facts no sentence of a report contains; they condemn even a punctuated line.
CHROME_STRONG = re.compile(
    r"ICP[备证]|公网安备|网站标识码|版权所有|主办单位[:：]|承办单位[:：]|技术支持[:：]|Copyright|©"
)
# Document-sharing and model-essay sites inject their editor blurbs and watermark lines into the text
# they copy, even between paragraphs: dropped wherever they stand, without cutting the body in two.
# The same watermarks glued to the end or the start of a text line.
WATERMARK_TAIL = re.compile(
    r"[\u4e00-\u9fff]{2,8}\s*(?:[—-]\s*全网资源每日更新\s*)?www\.[a-z0-9-]+\.[a-z.]+$|[\u4e00-\u9fff]{2,6}[,，]\s*办公文档之家$"
)
WATERMARK_INLINE = re.compile(r"[\u4e00-\u9fff]{2,8}\s*[—-]\s*全网资源每日更新\s*www\.[a-z0-9-]+\.[a-z.]+")
# The page numbers a document-sharing site leaves where a converted file's pages break ("3-3、"): a
# "N-N、" at a line's start, or "N、" that cuts a word the line before left unfinished.
PAGE_MARK = re.compile(r"^\d{1,3}-\d{1,3}、")
PAGE_MARK_LOOSE = re.compile(r"^\d{1,3}、")
EDITOR_BLURB = re.compile(r"小编(?:精心)?(?:为大家|为您)?(?:整理|收集|搜集)|供大家(?:阅读)?参考")
WATERMARK = re.compile(
    r"小编(?:精心)?(?:为大家|为您)?(?:整理|收集|搜集)|供大家(?:阅读)?参考|全网资源|文档之家|办公文档|"
    r"^[\u4e00-\u9fff]{2,8}\s*www\.[a-z0-9-]+\.[a-z.]+$"
)
CHROME_ANYWHERE = re.compile(
    r"ICP[备证]|公网安备|网站标识码|版权所有|Copyright|©|主办单位|承办单位|协办单位|技术支持[:：]|"
    r"维护单位|运维单位|网站地图|联系我们|网站(声明|申明|纠错|导航)|无障碍|长者(模式|版)|关怀版|适老化|"
    r"当前位置|所在的?位置[:：是]|您的位置|热门搜索|政府网站找错|我要纠错|扫一扫|分享到|"
    r"^(上|下)一(篇|条)[:：]?|^相关(链接|新闻|稿件|阅读|文章|文档|信息|附件)[:：]?$|您可能对以下|"
    r"(pdf|word|PDF|Word|WORD)下载|打印(本页|此文|本稿|文章|页面)|关闭(窗口|本页|此页)|【关闭】|"
    r"^【?(责任)?编辑[:：]|阅读次数|浏览次数|访问(量|次数)|点击(数|量|次数|率)[:：]|读者读过此文|"
    r"^【?字[体号][:：]|Produced By|建议使用.{0,20}浏览器|分辨率|设为首页|加入收藏|返回顶部|"
    r"免责声明|繁体版|简体版|^English$|登录|邮政编码|联系电话[:：]|联系地址[:：]|电子邮箱[:：]|"
    r"网站(建设|管理|维护)|^首页\s*([>/｜|»]|$)|网站首页|^TOP\b|^手机版|^微信|^微博|"
    r"信息公开(专栏|基础平台|目录|指南|年报)$|政府信息公开基础平台|^基本(介绍|信息)$"
)

_TOKEN = (
    r"打印|关闭|收藏|TOP|top|返回|顶部|首页|字体|字号|大|中|小|默认|分享|复制链接|"
    r"[\[\]【】()（）|｜/:：>·•\s]"
)
CHROME_TOKENS_ONLY = re.compile(rf"^(?:{_TOKEN})+$")

# Pagination of multi-page articles: "[1] [2] [3]", "上一页 1 2 下一页", "共3页".
PAGINATION = re.compile(r"^(\[\d+\]\s*)+$|^(上一页|下一页|首页|尾页|末页|共\d+页|第\d+页|\d+|\s)+$")
TRAILING_PAGINATION = re.compile(r"(\s*\[\d+\]){2,}\s*$")

# Editor and source credits: metadata, moved out of the body end.
CREDIT = re.compile(
    r"^[（(【\[]?\s*(责任编辑|编辑|审核|审校|校对|初审|复审|终审|来源|信息来源|稿件来源|文章来源|作者|撰稿|供稿|摄影)"
    r"\s*[:：]\s*(.{0,40}?)\s*[)）】\]]?$"
)

# Lines that mark the end of the article area in a text dump (post-body tools).
POST_BODY_ANCHOR = re.compile(
    r"扫一扫|分享到|^【?打印|^TOP|关闭窗口|^【?关闭|^(上|下)一(篇|条)|^相关(链接|新闻|稿件|阅读|文章)|"
    r"^[（(]?责任编辑|您可能对以下"
)

HEADING = re.compile(
    r"^(第[一二三四五六七八九十百零〇]+[章节条部分]|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[一二三四五六七八九十]是|附件|附表)"
)
DATE_LINE = re.compile(
    r"^(19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?$|"
    r"^[〇○零Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$"
)
ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}(人民政府|政府|委员会|办公室|办公厅|局|厅|委|办事处|管委会|"
    r"工作领导小组|领导小组|法院|检察院|部|中心|公司|街道|镇|乡|司法所)(办公室)?$"
)
# A line that is nothing but a date with a clock time is an info bar stamp: a 落款 date never has a time.
DATETIME_ONLY = re.compile(
    r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?)"
    r"\s*\d{1,2}:\d{2}(?::\d{2})?$"
)
# Info-bar fragments: a title line never carries a labelled date, a web address or a source label.
INFO_BAR = re.compile(
    r"(?:发布|更新|发表|编辑)(?:时间|日期)\s*[:：]|(?:来源|作者)\s*[:：]|www\.|https?://|\.gov\.cn|门户网站"
)
# The site owner's imprint (主办单位, 地址, 版权所有, 网站标识码 ...): chrome for the body, evidence of whose site it is.
OWNER_LINE = re.compile(r"主办|承办|地址|版权所有|Copyright|网站标识码", re.I)
CLOSING_PHRASE = re.compile(r"^(特此(报告|通告|公告|通知|函告|说明)|此复|专此报告)[。！!]?$")
