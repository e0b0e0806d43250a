"""Loads each page kind of a served Waterfall site in headless Chromium over the DevTools protocol.

Usage: browser_check.py SITE_DIR BASE_URL SCREENSHOT_DIR. Exit status 1 when any page has a console
error, an uncaught exception, a failed or >= 400 request, or horizontal overflow at 390 px wide.
"""
import base64
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


def first(*candidates):
    for candidate in candidates:
        if os.path.exists(os.path.join(site, candidate)):
            return candidate
    return None


def page_kinds():
    """One page of each kind: overview, a week's overview, dimension index and value, definitions, data quality, weeks."""
    kinds = {"overview": "index.html", "weeks": first("weeks/index.html"),
             "definitions": first("definitions/index.html"), "data-quality": first("data-quality/index.html")}
    weeks = sorted(d for d in os.listdir(os.path.join(site, "weeks")) if os.path.isdir(os.path.join(site, "weeks", d)))
    if weeks:
        kinds["week-overview"] = f"weeks/{weeks[0]}/index.html"
    for entry in sorted(os.listdir(site)):
        folder = os.path.join(site, entry)
        if entry in ("weeks", "definitions", "data-quality", "data", "archive", "email") or not os.path.isdir(folder):
            continue
        kinds.setdefault("dimension", f"{entry}/index.html")
        values = sorted(v for v in os.listdir(folder) if os.path.isdir(os.path.join(folder, v)))
        if values:
            kinds.setdefault("value", f"{entry}/{values[0]}/index.html")
    return {k: v for k, v in kinds.items() if v}


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
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
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

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def check(browser, name, path, width):
    problems = []
    browser.events.clear()
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
    browser.call("Page.navigate", url=f"{base}/{path}")
    browser.wait_for("Page.loadEventFired")
    time.sleep(0.2)
    metrics = browser.call("Runtime.evaluate", returnByValue=True, expression=
        "JSON.stringify({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,"
        " height: document.documentElement.scrollHeight,"
        " wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
        " && !e.closest('.table-scroll')).slice(0, 5).map(e => e.tagName + '.' + e.className)})")
    layout = json.loads(metrics["result"]["value"])
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
    if width <= 400 and layout["scroll"] > layout["inner"]:
        problems.append(f"horizontal overflow at {width}px: page is {layout['scroll']}px wide ({', '.join(layout['wide'])})")
    height = min(layout["height"], 16000)
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
    shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    with open(os.path.join(shots, f"{name}-{width}.png"), "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))
    return problems


def main():
    browser = Browser()
    failures = 0
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable")
        for name, path in page_kinds().items():
            for width in (390, 1280):
                problems = check(browser, name, path, width)
                status = "ok" if not problems else "FAIL"
                print(f"{status:4} {width:4}px {path}")
                for problem in problems:
                    print("       " + problem)
                failures += bool(problems)
    finally:
        browser.close()
    print(f"screenshots: {shots}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    site, base, shots = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3]
    main()
