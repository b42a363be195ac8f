"""Build samples/pages/06_crawl.warc.gz, a small crawl of two news pages, reproducibly.

Run: python samples/make_warc.py. The pages are written for this repository. Record ids and
dates are fixed and warcio's gzip header carries no timestamp, so the file is byte-identical
on every run. Besides the two HTML responses the crawl holds what real crawls hold: a warcinfo
record, a request, and a robots.txt response (text/plain) that readers must pass over.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).parent / "pages" / "06_crawl.warc.gz"

SOMALIA_ATTACK = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Al-Shabaab fighters attack army base in Lower Shabelle - Horn Observer</title>
<meta property="og:site_name" content="Horn Observer">
<meta property="og:title" content="Al-Shabaab fighters attack army base in Lower Shabelle">
<meta property="article:published_time" content="2023-08-15T13:30:00+03:00">
<meta name="author" content="Hodan Ali">
</head>
<body>
<header><a href="/">Horn Observer</a>
<nav><a href="/somalia/">Somalia</a> <a href="/ethiopia/">Ethiopia</a> <a href="/kenya/">Kenya</a>
<a href="/sudan/">Sudan</a> <a href="/business/">Business</a> <a href="/opinion/">Opinion</a></nav></header>
<main>
<article>
<h1>Al-Shabaab fighters attack army base in Lower Shabelle</h1>
<p class="byline">By Hodan Ali</p>
<time datetime="2023-08-15T13:30:00+03:00">15 August 2023</time>
<p>MOGADISHU &ndash; Al-Shabaab fighters attacked a Somali army base in the Lower Shabelle region early on Tuesday, setting off a gun battle that lasted several hours, military officials and residents said.</p>
<p>The militants struck the base near the town of Afgooye, about 30 km northwest of Mogadishu, with a car bomb before dozens of gunmen stormed the perimeter, a Somali National Army commander told reporters by phone. He said at least seven soldiers were killed and that troops had pushed the attackers back by mid-morning.</p>
<p>Al-Shabaab said in a statement on a website it uses that its fighters had overrun the base and seized weapons. The claim could not be independently verified.</p>
<p>The African Union mission in Somalia, ATMIS, said it had sent helicopters from its base at Mogadishu airport to support the Somali forces. The attack came a week after the government announced a new offensive against the group in central Somalia.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/somalia/drought-aid">Drought aid reaches Baidoa</a></li>
<li><a href="/kenya/border-reopening">Kenya weighs reopening Somali border</a></li></ul></aside>
</main>
<footer><p>&copy; 2023 Horn Observer. <a href="/about/">About</a> <a href="/contact/">Contact</a></p></footer>
</body>
</html>
"""

SUDAN_TRUCE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sudan's army and RSF agree to seven-day truce at Jeddah talks - Nile Wire</title>
<meta property="og:site_name" content="Nile Wire">
<meta property="og:title" content="Sudan's army and RSF agree to seven-day truce at Jeddah talks">
<meta property="article:published_time" content="2023-08-16T21:05:00+03:00">
<meta name="author" content="Omar Siddig">
</head>
<body>
<div class="topbar"><a href="/">Nile Wire</a> <a href="/subscribe">Subscribe</a></div>
<nav><ul><li><a href="/sudan/">Sudan</a></li><li><a href="/egypt/">Egypt</a></li>
<li><a href="/africa/">Africa</a></li><li><a href="/world/">World</a></li></ul></nav>
<article>
<h1>Sudan's army and RSF agree to seven-day truce at Jeddah talks</h1>
<div class="meta">By <span class="author">Omar Siddig</span> &middot; <time datetime="2023-08-16T21:05:00+03:00">16 August 2023</time></div>
<p>JEDDAH, Saudi Arabia &ndash; Sudan's army and the paramilitary Rapid Support Forces agreed on Wednesday to a seven-day ceasefire, Saudi Arabia and the United States said in a joint statement after talks in the Red Sea city of Jeddah.</p>
<p>The truce is due to begin at 9:45 p.m. Khartoum time on Friday and is meant to allow aid convoys to reach Khartoum, Omdurman and the western region of Darfur. Both sides also agreed to withdraw forces from hospitals and to reopen the road to Port Sudan, the statement said.</p>
<p>Representatives of the Sudanese Armed Forces and the RSF signed the agreement separately, without meeting face to face. Several earlier ceasefires brokered in Jeddah since April collapsed within days.</p>
<p>The United Nations welcomed the deal and said it was ready to move food stocks from warehouses in Port Sudan as soon as the fighting stops. A monitoring committee of Saudi and US officials will report violations, the mediators said.</p>
</article>
<section class="related"><h3>Related</h3><a href="/sudan/aid-convoys">Aid convoys wait at Egyptian border</a>
<a href="/sudan/refugees-chad">Refugees cross into Chad</a></section>
<footer>Nile Wire &copy; 2023 &middot; <a href="/privacy">Privacy</a> &middot; <a href="/terms">Terms</a></footer>
</body>
</html>
"""

ROBOTS = "User-agent: *\nDisallow: /search\n"

# (url, crawl date, record id suffix, content type, body)
PAGES = [
    ("https://hornobserver.example/somalia/al-shabaab-attack-army-base-lower-shabelle",
     "2023-08-16T03:12:44Z", "1", "text/html; charset=utf-8", SOMALIA_ATTACK),
    ("https://hornobserver.example/robots.txt", "2023-08-16T03:12:45Z", "2",
     "text/plain", ROBOTS),
    ("https://nilewire.example/sudan/army-rsf-agree-seven-day-truce-jeddah",
     "2023-08-17T06:40:02Z", "3", "text/html; charset=utf-8", SUDAN_TRUCE),
]


def record_id(suffix: str, kind: str) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{kind}{suffix.zfill(11)}>"


def write_crawl(out: Path = OUT) -> Path:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    info = writer.create_warcinfo_record("06_crawl.warc.gz", {"software": "eventwire samples",
                                                              "description": "sample crawl"})
    info.rec_headers.replace_header("WARC-Record-ID", record_id("0", "0"))
    info.rec_headers.replace_header("WARC-Date", "2023-08-16T03:12:40Z")
    writer.write_record(info)
    for url, crawled, suffix, content_type, body in PAGES:
        parts = urlsplit(url)
        request = f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode()
        writer.write_record(writer.create_warc_record(
            url, "request", payload=io.BytesIO(request),
            warc_headers_dict={"WARC-Record-ID": record_id(suffix, "1"), "WARC-Date": crawled}))
        payload = body.encode("utf-8")
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                           ("Content-Length", str(len(payload)))],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=http,
            warc_headers_dict={"WARC-Record-ID": record_id(suffix, "2"), "WARC-Date": crawled}))
    out.write_bytes(buf.getvalue())
    return out


if __name__ == "__main__":
    print(write_crawl())
