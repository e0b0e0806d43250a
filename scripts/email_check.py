"""End-to-end check of the e-mail digest; run by scripts/email-check.

Usage: email_check.py WATERFALL_BINARY SITE_DIR CONTENT_DIR SCREENSHOT_DIR. Starts an aiosmtpd sink on a free
loopback port, pipes `waterfall email` into `msmtp -t` with a throw-away configuration (no auth, no
TLS), parses the message that arrived with Python's email package and checks it. Exit status 1 on
any failed check.
"""
import base64
import email
import email.policy
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser

from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import Browser  # noqa: E402

binary, site, content, shots = sys.argv[1:5]
passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.tags = [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.hrefs += [value for key, value in attrs if key == "href"]


def send(port, recipients, sender):
    work = tempfile.mkdtemp()
    config = os.path.join(work, "msmtprc")
    with open(config, "w") as handle:
        handle.write(f"account sink\nhost 127.0.0.1\nport {port}\nauth off\ntls off\nfrom waterfall@example.com\n"
                     "account default : sink\n")
    os.chmod(config, 0o600)
    arguments = [binary, "email", "--output", site, "--from", sender] + [x for r in recipients for x in ("--to", r)]
    message = subprocess.run(arguments, check=True, capture_output=True, timeout=30).stdout
    subprocess.run(["msmtp", "-C", config, "-t"], input=message, check=True, timeout=30)
    return message


def main():
    metrics = json.load(open(os.path.join(site, "data", "metrics.json")))
    company = next(s for s in metrics["scopes"] if s["scope"] == "company")
    snapshot = metrics["snapshot"]
    year, month, day = (int(x) for x in snapshot.split("-"))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    date_text = f"{day} {months[month - 1]} {year}"
    base_url = re.search(r"^base_url:\s*(\S+)", open(os.path.join(content, "site.yml")).read(), re.M)
    base_url = base_url.group(1) if base_url else None

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    recipients = ["Chief Revenue Officer <cro@example.com>", "Åsa Ørsted — Finance <cfo@example.com>"]
    sender = "Revenue Operations <revops@example.com>"
    try:
        sent = send(port, recipients, sender)
        deadline = time.time() + 10
        while not sink.envelopes and time.time() < deadline:
            time.sleep(0.05)
    finally:
        controller.stop()

    check("one message arrived", len(sink.envelopes) == 1, f"{len(sink.envelopes)} arrived")
    if not sink.envelopes:
        return
    envelope = sink.envelopes[0]
    check("envelope recipients are the --to addresses", sorted(envelope.rcpt_tos) == ["cfo@example.com", "cro@example.com"],
          str(envelope.rcpt_tos))
    raw = envelope.content
    lines = raw.split(b"\r\n")
    check("every line is at most 998 octets", all(len(line) <= 998 for line in lines))
    check("every line is at most 78 octets", all(len(line) <= 78 for line in lines),
          str([line[:60] for line in lines if len(line) > 78][:3]))
    check("the message is 7-bit ASCII", all(byte < 128 for byte in raw))
    message = email.message_from_bytes(raw, policy=email.policy.default)
    check("Subject decodes", str(message["Subject"]) == f"{metrics['company']} — revenue waterfall, week of {date_text}",
          str(message["Subject"]))
    check("From decodes", message["From"].addresses[0].addr_spec == "revops@example.com"
          and message["From"].addresses[0].display_name == "Revenue Operations", str(message["From"]))
    names = sorted(a.display_name for a in message["To"].addresses)
    check("To decodes, non-ASCII names included", names == ["Chief Revenue Officer", "Åsa Ørsted — Finance"], str(names))
    check("Date is the snapshot date", message["Date"].datetime.strftime("%Y-%m-%d %H:%M") == f"{snapshot} 08:00",
          str(message["Date"]))
    check("Message-ID present", bool(re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(message["Message-ID"]))), str(message["Message-ID"]))
    check("no Bcc header", message["Bcc"] is None)
    check("multipart/alternative", message.get_content_type() == "multipart/alternative")
    parts = list(message.iter_parts())
    check("two parts, plain text first", [p.get_content_type() for p in parts] == ["text/plain", "text/html"],
          str([p.get_content_type() for p in parts]))
    for part in parts:
        check(f"{part.get_content_type()} is UTF-8", part.get_content_charset() == "utf-8", str(part.get_content_charset()))
        check(f"{part.get_content_type()} is quoted-printable", part["Content-Transfer-Encoding"] == "quoted-printable")
    text, html = parts[0].get_content(), parts[1].get_content()

    def money(amount):
        return "$" + f"{round(amount):,}"

    for label, figure in [("open pipeline", company["pipeline"]["amount"]), ("bookings qtd", company["bookings"]["qtd"]["amount"])]:
        check(f"text part shows the {label} of metrics.json", money(figure) in text, money(figure))
        check(f"html part shows the {label} of metrics.json", money(figure) in html, money(figure))
    if company.get("plan"):
        attainment = f"{company['plan']['attainment'] * 100:.1f}%"
        check("both parts show plan attainment", attainment in text and attainment in html, attainment)
    for rule in company["sla"]:
        breached = f"{len(rule['breached_leads'])} lead"
        check(f"both parts show the {rule['name']} breached count", breached in text and breached in html, breached)

    parser = Links()
    parser.feed(html)
    check("html has no script, svg, img, link or style", not parser.tags & {"script", "svg", "img", "link", "style"},
          str(parser.tags & {"script", "svg", "img", "link", "style"}))
    links = set(parser.hrefs) | set(re.findall(r"https?://[^\s<>]+", text))
    check("the message has links", base_url is None or len(links) >= 4, str(len(links)))
    for link in sorted(links):
        ok = base_url is not None and link.startswith(base_url)
        path = link[len(base_url):] if ok else link
        path = path.split("#")[0]
        target = os.path.join(site, path, "index.html") if path.endswith("/") or path == "" else os.path.join(site, path)
        check(f"link {link} leads into output/", ok and os.path.isfile(target), target)

    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as handle:
        handle.write(html)
        page = handle.name
    browser = Browser(port=free_port())
    try:
        for domain in ("Page", "Runtime"):
            browser.call(f"{domain}.enable")
        for width in (600, 390):
            browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
            browser.call("Page.navigate", url="file://" + page)
            browser.wait_for("Page.loadEventFired")
            time.sleep(0.2)
            result = browser.call("Runtime.evaluate", returnByValue=True, expression=
                "JSON.stringify({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,"
                " height: document.documentElement.scrollHeight})")
            layout = json.loads(result["result"]["value"])
            check(f"no horizontal overflow at {width}px", layout["scroll"] <= layout["inner"],
                  f"page is {layout['scroll']}px wide in a {layout['inner']}px window")
            browser.call("Emulation.setDeviceMetricsOverride", width=width, height=min(layout["height"], 16000),
                         deviceScaleFactor=1, mobile=width < 600)
            shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
            with open(os.path.join(shots, f"digest-{width}.png"), "wb") as out:
                out.write(base64.b64decode(shot["data"]))
    finally:
        browser.close()
        os.unlink(page)
    with open(os.path.join(shots, "received.eml"), "wb") as out:
        out.write(raw)


main()
print(f"screenshots and the received message: {shots}")
print(f"email-check: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
