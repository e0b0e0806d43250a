"""Checks every page a reader lands on of a served Waterfall site in one headless Chromium session.

Usage: browser_check.py SITE_DIR BASE_URL SCREENSHOT_DIR

Pages: the overview, an older week's overview, every dimension index and every value page of every
dimension, definitions, data quality, all weeks and the archive index. Each page is loaded once
and looked at in four ways without reloading (device metrics and emulated media change in place):

- 390 px wide (a phone): no horizontal page overflow (a wide table may scroll inside its own
  `.table-scroll` frame), and every visible chart text at least 11 CSS px as drawn (font size
  times the SVG's scale, and its measured box).
- 1280 px wide: no overflow either.
- dark (`prefers-color-scheme: dark`) and light, at 1280 px: WCAG AA contrast of every visible
  text against the colour actually behind it (4.5:1, 3:1 for large text) and of every chart mark
  against what it is drawn on (3:1).
- print media at the width of an A4 page's text: nothing wider than the page.

The overviews and one value page per dimension are also printed to PDF on A4 and Letter
(Page.printToPDF, the engine behind `chromium --print-to-pdf`) and their pages counted with
pypdf: an overview must fit on two pages. One screenshot per page kind and mode goes to
SCREENSHOT_DIR. Exit status 1 on any console error, exception, failed or >= 400 request, or any
failed check; the last line is `browser-check: N passed, M failed` (one per page).
"""
import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

site = base = shots = None  # set from the command line in __main__ below; email_check.py imports Browser

MIN_CHART_TEXT_PX = 11
OVERVIEW_MAX_PAGES = 2
# Paper sizes in inches and the width of the text on them (CSS px) with the stylesheet's 12 mm margins.
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
PRINT_WIDTH = round((210 - 24) / 25.4 * 96)

SKIP = ("weeks", "definitions", "data-quality", "data", "archive", "email")


def pages():
    """(kind, path) for every page checked: kinds name the page type, for screenshots and reports."""
    found = [("overview", "index.html")]
    weeks = sorted(d for d in os.listdir(os.path.join(site, "weeks")) if os.path.isdir(os.path.join(site, "weeks", d)))
    if len(weeks) > 1:
        found.append(("week-overview", f"weeks/{weeks[0]}/index.html"))
    for kind, path in (("weeks", "weeks/index.html"), ("definitions", "definitions/index.html"),
                       ("data-quality", "data-quality/index.html"), ("archive", "archive/index.html")):
        if os.path.exists(os.path.join(site, path)):
            found.append((kind, path))
    for entry in sorted(os.listdir(site)):
        folder = os.path.join(site, entry)
        if entry in SKIP or not os.path.isfile(os.path.join(folder, "index.html")):
            continue
        found.append(("dimension", f"{entry}/index.html"))
        for value in sorted(os.listdir(folder)):
            if os.path.isfile(os.path.join(folder, value, "index.html")):
                found.append(("value", f"{entry}/{value}/index.html"))
    return found


class Browser:
    def __init__(self, port=19222):
        self.profile = tempfile.mkdtemp()
        self.process = subprocess.Popen(
            [shutil.which("chromium") or "chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
             "--hide-scrollbars", f"--remote-debugging-port={port}", "--remote-allow-origins=*",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[index]
                    return message
            self.ws.settimeout(max(0.1, deadline - time.time()))
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(event)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", "script failed"))
        return result["result"].get("value")

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# Runs in the page. Returns the problems of the current layout as strings; `mode` says which checks.
PAGE_CHECKS = r"""
(mode) => {
  const problems = [];
  // The width asked for: a phone's layout viewport grows to fit content that overflows, so innerWidth would hide it.
  const width = mode.width;
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
      && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.sr-only, [hidden]'); };
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('class') ? '.' + e.getAttribute('class').trim().split(/\s+/).join('.') : '');
  const where = e => { const s = e.closest('section[aria-labelledby]'); return s ? ' in #' + s.getAttribute('aria-labelledby') : ''; };
  if (mode.overflow) {
    const doc = document.documentElement.scrollWidth;
    // Content of a box that scrolls (or clips) sideways on its own, like a wide table's frame, does not count.
    const scrolled = e => { for (let n = e.parentElement; n && n !== document.body; n = n.parentElement)
        if (getComputedStyle(n).overflowX !== 'visible') return true; return false; };
    const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1
        && visible(e) && !e.closest('svg') && !scrolled(e)).slice(0, 4).map(name);
    // Text that runs out of its own box (a line that may not wrap) is not in any element's box.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode() && wide.length < 6) {
      const text = walker.currentNode, range = document.createRange();
      range.selectNodeContents(text);
      if (range.getBoundingClientRect().right > width + 1 && !text.parentElement.closest('svg') && !scrolled(text))
        wide.push(`text "${text.textContent.trim().slice(0, 30)}" in ${name(text.parentElement)}`);
    }
    if (doc > width || wide.length) problems.push(`horizontal overflow at ${width}px (${mode.label}): page ${doc}px wide; ${wide.join(', ')}`);
  }
  if (mode.chartText) {
    let smallest = null;
    for (const t of document.querySelectorAll('svg.chart text')) {
      if (!visible(t) || !t.textContent.trim()) continue;
      const scale = t.getScreenCTM().a, size = parseFloat(getComputedStyle(t).fontSize) * scale;
      const box = t.getBoundingClientRect().height;  // the drawn glyph box, about 1.15 x the font size
      if (size < mode.chartText - 0.05 || box < mode.chartText) {
        if (!smallest || size < smallest.size) smallest = {size, box, text: t.textContent.trim(), where: where(t)};
      }
    }
    if (smallest) problems.push(`chart text below ${mode.chartText}px at ${width}px: "${smallest.text}"${smallest.where} is ${smallest.size.toFixed(1)}px (box ${smallest.box.toFixed(1)}px)`);
  }
  if (mode.contrast) {
    const parse = c => { const m = c && c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
      const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
    const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
    const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
    const root = canvas && canvas[3] > 0 ? canvas : (matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18, 1] : [255, 255, 255, 1]);
    const htmlBackground = e => { const layers = [];
      for (let n = e; n && n.nodeType === 1; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor); if (c && c[3] > 0) layers.push(c); if (c && c[3] === 1) break; }
      return layers.reverse().reduce((under, top) => over(top, under), root); };
    const filled = e => { const s = getComputedStyle(e), c = parse(s.fill); return c && s.fill !== 'none' && Number(s.fillOpacity) > 0 ? c : null; };
    const shapes = 'rect, polygon, path, circle, ellipse';
    // What is drawn behind `e` at its centre: the next filled SVG shape under it, else the HTML background.
    const behind = (e, f = 0.5) => { const r = e.getBoundingClientRect(), x = r.left + r.width * f, y = r.top + r.height * f;
      const stack = document.elementsFromPoint(x, y); let past = !stack.some(n => n === e || e.contains(n));
      for (const n of stack) { if (n === e || e.contains(n)) { past = true; continue; } if (!past) continue;
        if (n.matches && n.matches(shapes) && n.closest('svg')) { const c = filled(n); if (c) return c; continue; }
        if (n.closest && n.closest('svg') && n.tagName.toLowerCase() !== 'svg') continue;
        return htmlBackground(n.tagName.toLowerCase() === 'svg' ? n.parentElement : n); }
      return htmlBackground(e.closest('svg') ? e.closest('svg').parentElement : e); };
    const failures = [];
    for (const e of document.querySelectorAll('body *')) {
      if (e.closest('svg') || !visible(e) || e.closest('.skip')) continue;
      if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
      const s = getComputedStyle(e), bg = htmlBackground(e), fg = over(parse(s.color), bg);
      const size = parseFloat(s.fontSize), large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      const r = ratio(fg, bg), need = large ? 3 : 4.5;
      if (r < need) failures.push(`text "${e.textContent.trim().slice(0, 30)}" (${name(e)}) ${r.toFixed(2)}:1 < ${need}`);
    }
    for (const svg of document.querySelectorAll('svg.chart, svg.sparkline')) {
      if (!visible(svg)) continue;
      svg.scrollIntoView({block: 'center'});
      for (const t of svg.querySelectorAll('text')) {
        if (!visible(t) || !t.textContent.trim()) continue;
        const s = getComputedStyle(t), fg = filled(t); if (!fg) continue;
        const halo = s.paintOrder.startsWith('stroke') ? parse(s.stroke) : null;
        const bg = halo && halo[3] > 0 && parseFloat(s.strokeWidth) >= 2 ? over(halo, behind(t)) : behind(t);
        const size = parseFloat(s.fontSize) * t.getScreenCTM().a, large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
        const r = ratio(over(fg, bg), bg), need = large ? 3 : 4.5;
        if (r < need) failures.push(`chart text "${t.textContent.trim().slice(0, 30)}"${where(t)} ${r.toFixed(2)}:1 < ${need}`);
      }
      for (const m of svg.querySelectorAll(mode.marks)) {
        const s = getComputedStyle(m), stroked = ['line', 'polyline'].includes(m.tagName.toLowerCase()) || s.fill === 'none';
        const colour = stroked ? (s.stroke !== 'none' ? parse(s.stroke) : null) : filled(m);
        if (!colour || (!stroked && !visible(m))) continue;
        // A stroke is judged by the median of five points along it (a pace tick crosses the bar it marks).
        const ratios = stroked ? [0, 0.25, 0.5, 0.75, 1].map(f => { const bg = behind(m, f); return ratio(over(colour, bg), bg); }).sort((a, b) => a - b)
            : [ratio(over(colour, behind(m)), behind(m))];
        const r = ratios[Math.floor(ratios.length / 2)];
        if (r < 3) failures.push(`chart mark ${name(m)}${where(m)} ${r.toFixed(2)}:1 < 3`);
      }
    }
    window.scrollTo(0, 0);
    const unique = [...new Set(failures)];
    if (unique.length) problems.push(`contrast (${mode.label}): ` + unique.slice(0, 6).join('; ') + (unique.length > 6 ? `; and ${unique.length - 6} more` : ''));
  }
  return problems;
}
"""

# Chart shapes that carry a figure (3:1 against what they are drawn on). Tracks, the typical band,
# owner bands, funnel connectors, leaders and gaps are backgrounds: the figures are in the marks and text.
MARKS = ("svg .bar, svg [class*='bridge-'], svg .sla-on-time, svg .sla-late, svg .sla-pending, svg .sla-breached, "
         "svg .share, svg .marker, svg .handover, svg .spark, svg .spark-dot, svg .axis, svg .axis-break")


class Checker:
    def __init__(self, browser):
        self.browser = browser
        self.shot_taken = set()
        self.page_counts = []

    def layout(self, width, media="screen", scheme="light", height=900):
        self.width = width
        self.browser.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
        self.browser.call("Emulation.setEmulatedMedia", media=media,
                          features=[{"name": "prefers-color-scheme", "value": scheme}])

    def run(self, mode):
        return self.browser.evaluate(f"({PAGE_CHECKS})({json.dumps(dict(mode, marks=MARKS, width=self.width))})")

    def screenshot(self, kind, label, width):
        if (kind, label) in self.shot_taken:
            return
        self.shot_taken.add((kind, label))
        height = min(self.browser.evaluate("document.documentElement.scrollHeight"), 16000)
        self.browser.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
        shot = self.browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(os.path.join(shots, f"{kind}-{label}.png"), "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))

    def pdf_pages(self, kind, path):
        import pypdf
        counts = {}
        self.layout(1280, media="print")
        for paper, (w, h) in PAPERS.items():
            pdf = base64.b64decode(self.browser.call("Page.printToPDF", paperWidth=w, paperHeight=h, printBackground=True,
                                                     preferCSSPageSize=False)["data"])
            counts[paper] = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
            if (kind, "print-" + paper) not in self.shot_taken:
                self.shot_taken.add((kind, "print-" + paper))
                with open(os.path.join(shots, f"{kind}-{paper}.pdf"), "wb") as handle:
                    handle.write(pdf)
        self.page_counts.append((path, counts))
        return counts

    def check(self, kind, path, print_pdf):
        browser = self.browser
        browser.events.clear()
        self.layout(390)
        browser.call("Page.navigate", url=f"{base}/{path}")
        browser.wait_for("Page.loadEventFired")
        problems = []
        problems += self.run({"overflow": True, "chartText": MIN_CHART_TEXT_PX, "label": "phone"})
        self.screenshot(kind, "390", 390)
        self.layout(1280)
        problems += self.run({"overflow": True, "label": "desktop"})
        self.screenshot(kind, "1280", 1280)
        for scheme in ("light", "dark"):
            self.layout(1280, scheme=scheme)
            problems += self.run({"contrast": True, "label": scheme})
        self.layout(1280, scheme="dark")
        self.screenshot(kind, "1280-dark", 1280)
        self.layout(390, scheme="dark")
        self.screenshot(kind, "390-dark", 390)
        self.layout(PRINT_WIDTH, media="print")
        problems += self.run({"overflow": True, "label": "print"})
        self.screenshot(kind, "print", PRINT_WIDTH)
        if print_pdf:
            counts = self.pdf_pages(kind, path)
            if kind.endswith("overview"):
                problems += [f"prints on {n} {paper} pages (at most {OVERVIEW_MAX_PAGES})"
                             for paper, n in counts.items() if n > OVERVIEW_MAX_PAGES]
        for message in browser.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                problems.append("console error: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                problems.append("exception: " + params["exceptionDetails"].get("text", ""))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                problems.append("log error: " + params["entry"]["text"] + " " + params["entry"].get("url", ""))
            elif method == "Network.loadingFailed":
                problems.append("failed request: " + params.get("errorText", ""))
            elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
                problems.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
        return problems


def main():
    started = time.time()
    browser = Browser()
    passed = failed = 0
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable")
        checker = Checker(browser)
        printed = set()
        for kind, path in pages():
            # PDFs of the overviews and of the first value page of each dimension.
            dimension = path.split("/")[0] if kind == "value" else None
            print_pdf = kind.endswith("overview") or (kind == "value" and dimension not in printed)
            if dimension:
                printed.add(dimension)
            problems = checker.check(kind, path, print_pdf)
            print(f"{'ok' if not problems else 'FAIL':4} {path}")
            for problem in problems:
                print("       " + problem)
            failed += bool(problems)
            passed += not problems
        for path, counts in checker.page_counts:
            print(f"print: {path}: " + ", ".join(f"{n} {paper} page{'s' if n != 1 else ''}" for paper, n in counts.items()))
    finally:
        browser.close()
    print(f"screenshots and PDFs: {shots} ({time.time() - started:.0f} s)")
    print(f"browser-check: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    site, base, shots = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3]
    main()
