"""The search page in a real browser: Debian's chromium, headless, driven by
python3-selenium through chromedriver, against a real ns-serve on a free
loopback port over data/ plus an article whose title is markup. Types a
query and picks a completion, checks the first hit against ns-search,
opens "+N more", shows the markup title as text, filters by a facet value
and goes Back, reloads a filtered URL, pages, sorts, follows "did you
mean" and a month of the chart. Screenshots go to the build folder
(page-test/); NS_UPDATE_DOCS=1 also copies the result page's, desktop
and phone side by side, to docs/ns-serve.png for docs/ns-serve.md. Skipped (exit 77), saying
so, when chromium, chromedriver or selenium is missing (make deps
installs them)."""
import os
import sys

try:
    from selenium import webdriver
except ImportError:
    # Debian's python3-selenium is for Debian's python3; CTest may run another.
    if os.path.exists("/usr/bin/python3") and not os.environ.get("NS_PAGE_TEST_REEXEC"):
        os.environ["NS_PAGE_TEST_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("SKIP: python3-selenium is not installed (make deps installs it)")
    sys.exit(77)

import base64
import json
import re
import shutil
import subprocess
import time
import urllib.parse

from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from nslib import BIN_DIR, DATA, NS_INDEX, NS_SEARCH, ROOT, SKIP, check, fail, temp_dir

NS_SERVE = os.path.join(BIN_DIR, "server", "ns-serve")
SHOTS = os.path.join(BIN_DIR, "page-test")
XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_ARTICLE = f"""---
title: "{XSS_TITLE}"
excerpt: "A fixture whose title is markup: the page must show it as text. Unguessable word: zqxmarkup."
publishedDateTime: 2020-05-08T10:00:00Z
webUrl: "javascript:alert(2)"
type: article
quality: 50
provider:
  name: "<b onmouseover=alert(3)>Bold</b> News"
  domain: bold.example
topics:
  - "<script>alert(4)</script>"
---
"""
WAIT = 15  # seconds any one expected change may take


def browser_paths_or_skip():
    """chromium's and chromedriver's paths; exits with SKIP, saying so, without them."""
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chromium or not os.path.exists(driver):
        print("SKIP: chromium or chromium-driver is not installed (make deps installs them)")
        sys.exit(SKIP)
    return chromium, driver


def start_browser(chromium, driver):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                "--disable-dev-shm-usage", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def start_server(db, tmp):
    """A real ns-serve on a free loopback port; returns it and its base URL.
    Eight threads: cpp-httplib keeps a thread for each open connection, and
    chromium holds several open (keep-alive, preconnect), so with two
    threads a request can wait 5 s for one (NS_PAGE_THREADS=2 shows it)."""
    err_path = os.path.join(tmp, "serve.err")
    with open(err_path, "w") as err:
        proc = subprocess.Popen([NS_SERVE, "--db", db, "--listen", "127.0.0.1:0", "--threads",
                                 os.environ.get("NS_PAGE_THREADS", "8")], stderr=err)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and proc.poll() is None:
        with open(err_path, encoding="utf-8") as f:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", f.read())
        if m:
            return proc, f"http://127.0.0.1:{m.group(1)}"
        time.sleep(0.05)
    proc.kill()
    with open(err_path, encoding="utf-8") as f:
        fail(f"ns-serve did not say where it listens: {f.read()!r}")


def wait_for(what, condition):
    """condition()'s first truthy value within WAIT seconds; fails saying what."""
    deadline = time.monotonic() + WAIT
    while True:
        try:
            value = condition()
        except WebDriverException:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            fail(f"waited {WAIT} s for {what}")
        time.sleep(0.05)


def click(b, element):
    """Clicks element once scrolled to the middle (clear of the sticky header)."""
    b.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def titles(b):
    return [e.text for e in b.find_elements(By.CSS_SELECTOR, "#hits > li.hit > .title")]


def params(b):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(b.current_url).query)


def settled(b):
    """The titles once no search is under way and some are shown."""
    return wait_for("the search to end", lambda: "loading" not in b.find_element(
        By.TAG_NAME, "body").get_attribute("class") and titles(b))


def cli_hits(db, query):
    """ns-search's hits for query with the options the page asks the API for."""
    proc = subprocess.run([NS_SEARCH, "--db", db, "-f", "json", "--some-words", "-n", "10",
                           "--facet", "topic,provider,lang,type,category,month",
                           "--facet-limit", "120", "--", query],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["hits"]


def shot(b, name, width, height):
    b.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1,
                       "mobile": width < 600})
    time.sleep(0.3)
    path = os.path.join(SHOTS, name)
    b.save_screenshot(path)
    b.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path


def check_completions_and_first_hit(b, base, db):
    b.get(base + "/")
    wait_for("the empty page's hint", lambda: b.find_element(By.CSS_SELECTOR, "#status .hint"))
    check(not b.find_element(By.ID, "controls").is_displayed(), "the empty page has no sort control")
    b.find_element(By.TAG_NAME, "body").send_keys("/")
    check(b.switch_to.active_element.get_attribute("id") == "q", "/ focuses the search box")
    box = b.find_element(By.ID, "q")
    for c in "remd":
        box.send_keys(c)
        time.sleep(0.05)
    def shown():
        return [o.text for o in b.find_elements(By.CSS_SELECTOR, "#completions [role=option]")
                if o.is_displayed()]
    options = wait_for("completions of remd", shown)
    check(any(o.startswith("remdesivir") for o in options),
          f"completions appear while typing: {options}")
    box.send_keys(Keys.ESCAPE)
    check(not shown() and box.get_attribute("aria-expanded") == "false", "Escape closes them")
    box.send_keys("e")
    wait_for("completions of remde", shown)
    box.send_keys(Keys.ARROW_DOWN)
    selected = b.find_element(By.CSS_SELECTOR, "#completions [aria-selected=true]").text
    check(box.get_attribute("aria-activedescendant") == "completion-0",
          "ArrowDown selects the first completion")
    box.send_keys(Keys.ENTER)
    wait_for("the query in the URL", lambda: params(b).get("q") == ["remdesivir"])
    check(selected.startswith("remdesivir") and box.get_attribute("value") == "remdesivir",
          "Enter picks it: the box and the URL say remdesivir")
    check(b.find_element(By.ID, "completions").get_attribute("hidden") is not None,
          "the completions close")
    hits = cli_hits(db, "remdesivir")
    expected = hits[0]
    listed = wait_for("the expected hits", lambda: titles(b) == [h["title"] for h in hits])
    marks = [m.text for m in b.find_elements(By.CSS_SELECTOR, "#hits > li.hit:first-child mark")]
    check(listed and marks and set(marks) == set(expected["highlights"]),
          f"the {len(hits)} hits as ns-search lists them, first {expected['title']!r}, its "
          f"matches marked: {marks}")
    return expected


def check_more(b, expected):
    hit = b.find_element(By.CSS_SELECTOR, "#hits > li.hit:first-child")
    button = hit.find_element(By.CSS_SELECTOR, "button.more")
    check(button.text == f"+{expected['more']} more", f"the first hit offers {button.text!r}")
    click(b, button)
    folded = wait_for("the folded articles", lambda: hit.find_elements(By.CSS_SELECTOR, ".folded > li"))
    check(len(folded) == expected["more"] and button.get_attribute("aria-expanded") == "true",
          f"+N more opens in place: {len(folded)} articles")
    click(b, button)
    check(not hit.find_elements(By.CSS_SELECTOR, ".folded"), "and closes again")


def check_typing_history(b, base):
    """Typing and picking a completion made one history entry after the empty page."""
    results = titles(b)
    b.back()
    wait_for("the empty page again", lambda: b.current_url == base + "/" and b.find_elements(
        By.CSS_SELECTOR, "#status .hint") and not titles(b))
    check(b.find_element(By.ID, "q").get_attribute("value") == "", "Back after typing: the empty page")
    b.forward()
    check(wait_for("the results again", lambda: titles(b) == results and
                   b.find_element(By.ID, "q").get_attribute("value") == "remdesivir"),
          "Forward: the results again")


def check_cjk_marks(b, base, db):
    query = "商汤 센스타임"
    b.get(base + "/?q=" + urllib.parse.quote(query))
    wait_for("the CJK hits", lambda: titles(b))
    expected = sorted({w for h in cli_hits(db, query) for w in h["highlights"]})
    marks = sorted({m.text for m in b.find_elements(By.CSS_SELECTOR, "#hits mark")})
    check(marks == expected and expected, f"Chinese and Korean matches marked: {marks}")


def check_markup_title(b, base):
    b.get(base + "/?q=zqxmarkup")
    check(wait_for("the markup article", lambda: titles(b) == [XSS_TITLE]),
          f"the title {XSS_TITLE} shows as text")
    check(not b.find_elements(By.CSS_SELECTOR, "body img, #main script, #facets script, b"),
          "no img, script or b element came from the article's fields")
    try:
        alert = b.switch_to.alert.text
    except NoAlertPresentException:
        alert = None
    check(alert is None, f"no alert opened ({alert!r})")
    links = b.find_elements(By.CSS_SELECTOR, "#hits a")
    check(all(not (a.get_attribute("href") or "").startswith("javascript:") for a in links),
          "a javascript: URL is not made a link")
    facet_text = b.find_element(By.ID, "facets").text
    check("<script>alert(4)</script>" in facet_text and "<b onmouseover=alert(3)>Bold</b> News"
          in facet_text, "topic and provider values show as text too")


def check_facet_and_back(b, base):
    b.get(base + "/?q=coronavirus")
    before = settled(b)
    url_before = b.current_url
    total = len(before)
    value = wait_for("a provider value", lambda: [
        a for a in b.find_elements(By.CSS_SELECTOR, "#facets a.value[data-facet=provider]")])[0]
    name = value.get_attribute("data-value")
    click(b, value)
    wait_for("the provider in the URL", lambda: params(b).get("provider") == [name])
    after = wait_for("the filtered list", lambda: titles(b) != before and titles(b))
    providers = {e.text for e in b.find_elements(By.CSS_SELECTOR, "#hits > li.hit > .meta .provider")}
    check(providers == {name}, f"clicking provider {name!r} filters the list ({total} -> "
          f"{len(after)} hits) and the URL")
    chips = [c.text for c in b.find_elements(By.CSS_SELECTOR, "#chips .chip")]
    check(chips == [f"provider: {name} ×"], f"the active filter is a chip: {chips}")
    filtered_url = b.current_url
    b.back()
    wait_for("the URL before", lambda: b.current_url == url_before)
    wait_for("the list before", lambda: titles(b) == before)
    check(not b.find_elements(By.CSS_SELECTOR, "#chips .chip"), "Back restores the list and the URL")
    b.get(filtered_url)
    wait_for("the filtered list again", lambda: titles(b) == after)
    check(b.find_element(By.ID, "q").get_attribute("value") == "coronavirus",
          "loading the filtered URL draws the same page")
    b.find_element(By.CSS_SELECTOR, "#chips .chip").click()
    check(wait_for("the chip removed", lambda: "provider" not in params(b) and titles(b) == before),
          "removing the chip removes the filter")


def check_chart_pages_sort(b, base):
    b.get(base + "/?q=*")
    settled(b)
    bars = b.find_elements(By.CSS_SELECTOR, "#bars .bar")
    linked = b.find_elements(By.CSS_SELECTOR, "#bars a.bar")
    check(len(bars) >= 1 and linked, f"a bar chart of hits per month: {len(bars)} months")
    topics = "#facets a.value[data-facet=topic]"
    few = [a for a in b.find_elements(By.CSS_SELECTOR, topics) if a.is_displayed()]
    click(b, b.find_element(By.CSS_SELECTOR, "#facets .show-all"))
    every = [a for a in b.find_elements(By.CSS_SELECTOR, topics) if a.is_displayed()]
    check(len(few) == 8 and len(every) > len(few), f"a facet shows {len(few)} values, then "
          f"{len(every)} on asking")
    label = linked[-1].get_attribute("aria-label")
    page1 = titles(b)
    click(b, b.find_element(By.CSS_SELECTOR, "#pages a[aria-label='Next page']"))
    wait_for("page 2", lambda: params(b).get("offset") == ["10"])
    check(wait_for("hits from 11", lambda: b.find_element(By.ID, "hits").get_attribute("start")
                   == "11" and titles(b) != page1),
          "Next shows the second page (offset=10), numbered from 11")
    b.back()
    wait_for("page 1 again", lambda: "offset" not in params(b) and titles(b) == page1)
    month = label.split(":")[0]
    click(b, b.find_elements(By.CSS_SELECTOR, "#bars a.bar")[-1])
    wait_for("the month in the URL", lambda: params(b).get("since") == [month]
             and params(b).get("until") == [month])
    dates = wait_for("that month's hits", lambda: [t.get_attribute("datetime") for t in
                                                  b.find_elements(By.CSS_SELECTOR, "#hits time")])
    check(all(d.startswith(month) for d in dates), f"a bar ({label}) filters to its month")
    b.get(base + "/?q=coronavirus")
    settled(b)
    Select(b.find_element(By.ID, "sort")).select_by_value("date")
    wait_for("sort=date in the URL", lambda: params(b).get("sort") == ["date"])
    wait_for("the dated list", lambda: "loading" not in b.find_element(
        By.TAG_NAME, "body").get_attribute("class"))
    items = b.find_elements(By.CSS_SELECTOR, "#hits > li.hit")
    dates = [i.find_element(By.TAG_NAME, "time").get_attribute("datetime") for i in items
             if not i.find_elements(By.CSS_SELECTOR, ".some")]
    check(dates == sorted(dates, reverse=True), "sorting by date lists the newest first")


def check_did_you_mean(b, base):
    b.get(base + "/?q=remdesevir")
    link = wait_for("did you mean", lambda: b.find_element(By.ID, "suggestion").is_displayed()
                    and b.find_element(By.ID, "suggestion"))
    check(link.text == "remdesivir", f"did you mean {link.text!r}")
    link.click()
    check(wait_for("the suggested query", lambda: params(b).get("q") == ["remdesivir"]),
          "the suggestion is a link to its search")


def check_console(b):
    bad = [e["message"] for e in b.get_log("browser") if e["level"] == "SEVERE"
           and not ("q=date%3Asoon" in e["message"] and "status of 400" in e["message"])]
    check(not bad, f"no errors or CSP reports in the console but check_error's 400: {bad}")


def check_error(b, base):
    b.get(base + "/?q=" + urllib.parse.quote("date:soon"))
    error = wait_for("the error", lambda: b.find_element(By.CSS_SELECTOR, "#status [role=alert]"))
    check(error.text.startswith("query: date: expected"), f"a bad query says why: {error.text!r}")


def side_by_side(b, desktop, phone):
    """One picture of the two screenshots, drawn by the browser on a blank page."""
    images = []
    for path in (desktop, phone):
        with open(path, "rb") as f:
            images.append("data:image/png;base64," + base64.b64encode(f.read()).decode())
    b.get("about:blank")
    b.execute_script("""
        document.body.style.cssText = "margin:0;padding:24px;display:flex;gap:24px;" +
            "align-items:flex-start;background:#cfd5de";
        for (const src of arguments[0]) {
          const img = document.createElement("img");
          img.src = src;
          img.style.cssText = "box-shadow:0 4px 16px rgba(0,0,0,.25)";
          document.body.append(img);
        }""", images)
    wait_for("the pictures", lambda: b.execute_script(
        "return [...document.images].every((i) => i.complete && i.naturalWidth > 0)"))
    return shot(b, "results-both.png", 1280 + 390 + 72, 1000 + 48)


def take_screenshots(b, base):
    b.get(base + "/?q=" + urllib.parse.quote("sensetime ipo"))
    settled(b)
    desktop = shot(b, "results-desktop.png", 1280, 1000)
    phone = shot(b, "results-phone.png", 390, 844)
    both = side_by_side(b, desktop, phone)
    check(all(os.path.getsize(p) > 0 for p in (desktop, phone, both)), f"screenshots in {SHOTS}")
    if os.environ.get("NS_UPDATE_DOCS") == "1":
        os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
        shutil.copy(both, os.path.join(ROOT, "docs", "ns-serve.png"))
        print("copied results-both.png to docs/ns-serve.png")


def main():
    started = time.monotonic()
    chromium, driver = browser_paths_or_skip()
    if not os.path.exists(NS_SERVE):
        fail(f"{NS_SERVE} is not built")
    os.makedirs(SHOTS, exist_ok=True)
    with temp_dir() as tmp:
        fixture = os.path.join(tmp, "fixture")
        os.makedirs(fixture)
        with open(os.path.join(fixture, "markup.md"), "w", encoding="utf-8") as f:
            f.write(XSS_ARTICLE)
        db = os.path.join(tmp, "db")
        subprocess.run([NS_INDEX, "--db", db, DATA, fixture], capture_output=True, check=True)
        server, base = start_server(db, tmp)
        b = None
        try:
            b = start_browser(chromium, driver)
            expected = check_completions_and_first_hit(b, base, db)
            check_more(b, expected)
            check_typing_history(b, base)
            check_cjk_marks(b, base, db)
            check_markup_title(b, base)
            check_facet_and_back(b, base)
            check_chart_pages_sort(b, base)
            check_did_you_mean(b, base)
            check_error(b, base)
            take_screenshots(b, base)
            check_console(b)
        except BaseException:
            if b:
                b.save_screenshot(os.path.join(SHOTS, "failure.png"))
            raise
        finally:
            if b:
                b.quit()
            server.terminate()
            status = server.wait(timeout=10)
        with open(os.path.join(tmp, "serve.err"), encoding="utf-8", errors="replace") as f:
            log = f.read()
        # Under make check-sanitize a report makes this 86.
        check(status == 0, "ns-serve ends with status 0 on SIGTERM" +
              ("" if status == 0 else f", not {status}: {log[-2000:]!r}"))
    print(f"page_test: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
