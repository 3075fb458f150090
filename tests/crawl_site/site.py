"""The fake government site: the bundled sample reports wrapped in stock CMS templates, their
attachments (a PDF served as application/octet-stream, a DOCX, an OFD: real files, documents.py),
plus every misbehaviour the crawler must survive (flaky 503s, a hang, redirect loops, an off-site
redirect, a 404, an oversized body, a gzip bomb, anti-bot answers, robots.txt rules).

Routes are data (`Route`), so tests can read what the site holds and assert against it.
"""

from __future__ import annotations

import gzip
import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crawl_site.documents import docx_bytes, ofd_bytes, pdf_bytes

PAGES_DIR = Path(__file__).resolve().parents[2] / "seeds" / "pages"
LAST_MODIFIED = "Wed, 01 Mar 2023 08:00:00 GMT"


@dataclass
class Route:
    path: str  # with query string, as requested
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    etag: bool = True  # answer If-None-Match
    last_modified: bool = True  # answer If-Modified-Since
    gzip: bool = False
    send_length: bool = True
    fail_first: int = 0  # answer 503 (Retry-After: 1) this many times first
    delay: float = 0.0  # seconds to wait before answering (to trigger client timeouts)
    dynamic: Callable[[str], tuple[int, tuple[tuple[str, str], ...], bytes]] | None = (
        None  # port-aware answers
    )


def _paragraphs(name: str, limit: int = 12) -> list[str]:
    lines = [line.strip() for line in (PAGES_DIR / name).read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if len(line) >= 30][:limit]


def _trs_article(title: str, paragraphs: list[str], extra: str = "", charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<meta name="SiteName" content="某区人民政府"><meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2020-03-27 09:00"><title>{html.escape(title)}_某区人民政府</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/fzzfjs/index.html">法治政府建设</a>
<a href="/xxgk/">政府信息公开</a></div>
<div class="title"><h1>{html.escape(title)}</h1></div>
<div class="TRS_Editor"><!--<$[信息内容]>begin-->{body}<!--<$[信息内容]>end--></div>
{extra}
<div class="footer">主办单位：某区人民政府办公室 网站标识码：3204040001</div></body></html>"""


def _legacy_gbk_article(title: str, paragraphs: list[str]) -> bytes:
    rows = "".join(f"<tr><td>&nbsp;&nbsp;{html.escape(p)}</td></tr>" for p in paragraphs)
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{html.escape(title)}</title></head><body><table width="760"><tr><td class="bt">{html.escape(title)}</td></tr>
<tr><td>发表日期：2020年3月27日</td></tr>{rows}</table></body></html>"""
    return page.encode("gbk", errors="xmlcharrefreplace")


def _hanweb_article(title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="Generator" content="大汉版通"><title>{html.escape(title)}</title></head><body>
<div class="bt">{html.escape(title)}</div><div id="zoom" class="main-txt">{body}</div>
<a href='http://www.hanweb.com' style='display:none'>Produced By 大汉网络 大汉版通发布系统</a></body></html>"""


def _trs_listing(items: list[tuple[str, str]], total_pages: int, current: int) -> str:
    lis = "\n".join(
        f'<li><a href="{href}" target="_blank" title="{html.escape(t)}">{html.escape(t)}</a></li>'
        for href, t in items
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ColumnName" content="法治政府建设">
<title>法治政府建设_某区人民政府</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk/">政府信息公开</a><a href="javascript:void(0)">无障碍浏览</a></div>
<ul class="list">{lis}</ul>
<div class="page"><script type="text/javascript">
createPageHTML({total_pages}, {current}, "index", "html");
</script></div></body></html>"""


def _hanweb_listing(records: list[tuple[str, str]], next_page: str | None) -> str:
    recs = "".join(
        f'<record><![CDATA[<li><a href="{href}" title="{html.escape(t)}" target="_blank">{html.escape(t)}</a>'
        f"<span>2017-02-09</span></li>]]></record>"
        for href, t in records
    )
    pager = f'<a href="{next_page}">下一页</a>' if next_page else ""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="Author" content="大汉网络"><title>法治政府建设</title></head><body>
<div id="4521"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=4521&unitid=1&webname=x&permissiontype=0"></a>]]></nextgroup>
<recordset>{recs}</recordset></datastore></script></div>
<div class="pager">{pager}</div></body></html>"""


def build_routes() -> dict[str, Route]:
    """Every path of the site. Listing pages link to all the cases; see the module docstring."""
    zhonglou = _paragraphs("000_bdf0fc9054b6607e.txt")
    yichun = _paragraphs("001_10e73418a0569e5a.txt")
    xihu = _paragraphs("002_aacca2455145f699.txt")
    lushun = _paragraphs("003_4ee4734066258278.txt")
    shiqi = _paragraphs("004_81586c45a05d9cf7.txt")
    routes: list[Route] = []

    def add(route: Route) -> None:
        routes.append(route)

    add(
        Route(
            "/robots.txt",
            b"User-agent: BadBot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nCrawl-delay: 0.5\n",
            "text/plain",
        )
    )
    # --- TRS column, three pages -------------------------------------------------------------------
    add(
        Route(
            "/fzzfjs/index.html",
            _trs_listing(
                [
                    ("./202012/t20201204_1001.html", "2018年钟楼区依法行政工作情况汇报"),
                    ("./202008/t20200820_1002.html", "伊春市人民政府关于2020年上半年法治政府建设情况的报告"),
                    ("./202012/t20201201_999.html", "区领导调研安全生产工作"),
                    ("./P020210301123456.pdf", "钟楼区2021年法治政府建设年度报告.pdf"),
                    ("./W020210301.xls", "表格下载"),
                    ("/private/draft.html", "法治政府建设年度报告（内部稿）"),
                    ("./moved.html", "法治政府建设情况报告（转载）"),
                    ("http://www.foreign.gov.cn/fzzf/report.html", "外单位法治政府建设年度报告"),
                    ("ftp://127.0.0.1/fzzf/report.html", "法治政府建设年度报告（FTP）"),
                ],
                3,
                0,
            ).encode(),
        )
    )
    add(
        Route(
            "/fzzfjs/index_1.html",
            _trs_listing(
                [
                    ("./202003/t20200327_1003.html", "2019年旅顺口区法治政府建设工作报告"),
                    ("./202103/t20210301_1004.html", "2020年西湖区法治政府建设年度报告"),
                    ("./slow.html", "法治政府建设工作总结（镜像）"),
                    ("./loop_a.html", "依法行政工作报告（旧址）"),
                ],
                3,
                1,
            ).encode(),
        )
    )
    add(
        Route(
            "/fzzfjs/index_2.html",
            _trs_listing(
                [
                    ("./missing.html", "2015年法治政府建设情况报告"),
                    ("./big.html", "法治政府建设年度报告（全文）"),
                    ("./bomb.html", "依法行政年度报告（压缩版）"),
                    ("./challenge.html", "2022年法治政府建设年度报告"),
                    ("./captcha.html", "2023年法治政府建设年度报告"),
                    ("./report.txt", "法治政府建设工作报告（文本版）"),
                ],
                3,
                2,
            ).encode(),
        )
    )
    # --- report pages ----------------------------------------------------------------------------
    related = """<div class="related">相关链接：<a href="/fzzfjs/201801/t20180110_900.html">2017年钟楼区依法行政工作总结</a>
<a href="/fzzfjs/202012/t20201130_998.html">区政府召开常务会议</a></div>
<div class="fj">附件：<a href="/fzzfjs/202012/P020201204.docx">2018年依法行政工作情况汇报.docx</a>
<a href="/fzzfjs/202012/P020201204.ofd">版式文件</a></div>"""
    add(
        Route(
            "/fzzfjs/202012/t20201204_1001.html",
            _trs_article("2018年钟楼区依法行政工作情况汇报", zhonglou, related).encode(),
        )
    )
    add(
        Route(
            "/fzzfjs/201801/t20180110_900.html",
            _trs_article(
                "2017年钟楼区依法行政工作总结",
                zhonglou[:3],
                '<a href="/fzzfjs/201701/t20170105_800.html">2016年钟楼区依法行政工作总结</a>',
            ).encode(),
        )
    )
    add(
        Route(
            "/fzzfjs/201701/t20170105_800.html",
            _trs_article("2016年钟楼区依法行政工作总结", zhonglou[3:6]).encode(),
        )
    )
    add(
        Route(
            "/fzzfjs/202008/t20200820_1002.html",
            _trs_article("伊春市人民政府关于2020年上半年法治政府建设情况的报告", yichun).encode(),
            gzip=True,
        )
    )
    add(
        Route(
            "/fzzfjs/202003/t20200327_1003.html",
            _legacy_gbk_article("2019年旅顺口区法治政府建设工作报告", lushun),
            "text/html; charset=GBK",
            etag=False,
        )
    )
    add(
        Route(
            "/fzzfjs/202103/t20210301_1004.html",
            _trs_article("2020年西湖区法治政府建设年度报告", xihu).encode(),
            fail_first=2,
        )
    )
    add(Route("/fzzfjs/slow.html", _trs_article("镜像", xihu[:2]).encode(), delay=0.6))
    add(Route("/fzzfjs/loop_a.html", status=302, headers=(("Location", "/fzzfjs/loop_b.html"),)))
    add(Route("/fzzfjs/loop_b.html", status=301, headers=(("Location", "loop_a.html"),)))
    add(
        Route(
            "/fzzfjs/moved.html",
            dynamic=lambda port: (
                302,
                (("Location", f"http://localhost:{port}/fzzfjs/202012/t20201204_1001.html"),),
                b"",
            ),
        )
    )
    add(Route("/fzzfjs/missing.html", b"<html><body>404 Not Found</body></html>", status=404))
    add(
        Route(
            "/fzzfjs/big.html", _trs_article("大", ["法治政府建设" * 40] * 3000).encode(), send_length=False
        )
    )
    add(Route("/fzzfjs/bomb.html", b"\0" * (20 * 1024 * 1024), gzip=True))
    add(
        Route(
            "/fzzfjs/challenge.html",
            b'<html><script>document.cookie="__jsl_clearance=1566;max-age=3600;path=/";'
            b"location.href=location.pathname+location.search</script></html>",
            status=412,
        )
    )
    add(
        Route(
            "/fzzfjs/captcha.html",
            "<html><body><form>为了您的访问安全，请输入验证码：<input name=c>"
            "<img src=/captcha.jpg></form></body></html>".encode(),
        )
    )
    add(Route("/fzzfjs/report.txt", "\n".join(xihu[:5]).encode(), "text/plain; charset=utf-8"))
    add(Route("/private/draft.html", _trs_article("内部稿", xihu[:2]).encode()))
    # --- attachments: the listing's report PDF and the report page's DOCX and OFD -------------------
    add(
        Route(
            "/fzzfjs/P020210301123456.pdf",
            pdf_bytes(["钟楼区2021年法治政府建设年度报告", *zhonglou[:2]]),
            "application/octet-stream",
        )
    )
    add(
        Route(
            "/fzzfjs/202012/P020201204.docx",
            docx_bytes(["2018年依法行政工作情况汇报", *zhonglou[:3]]),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    )
    add(Route("/fzzfjs/202012/P020201204.ofd", ofd_bytes(zhonglou[0]), "application/ofd", etag=False))
    # --- Hanweb column: records inside a script, ?pageNum=N pagination ------------------------------
    add(
        Route(
            "/col/col4521/index.html",
            _hanweb_listing(
                [
                    ("/art/2017/2/9/art_4521_30001.html", "石岐区2016年法治政府建设工作总结及2017年工作计划"),
                    ("/art/2017/2/1/art_4521_30000.html", "石岐区召开春节慰问座谈会"),
                ],
                "/col/col4521/index.html?uid=1&pageNum=2",
            ).encode(),
        )
    )
    add(
        Route(
            "/col/col4521/index.html?uid=1&pageNum=2",
            _hanweb_listing(
                [("/art/2016/3/1/art_4521_29001.html", "石岐区2015年依法行政工作总结")], None
            ).encode(),
        )
    )
    add(
        Route(
            "/art/2017/2/9/art_4521_30001.html",
            _hanweb_article("石岐区2016年法治政府建设工作总结及2017年工作计划", shiqi).encode(),
        )
    )
    add(
        Route(
            "/art/2016/3/1/art_4521_29001.html",
            _hanweb_article("石岐区2015年依法行政工作总结", shiqi[:4]).encode(),
            last_modified=False,
        )
    )
    return {route.path: route for route in routes}


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def encode_body(route: Route) -> bytes:
    return gzip.compress(route.body, compresslevel=9) if route.gzip else route.body
