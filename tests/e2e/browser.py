"""What the end-to-end tests do in the browser besides clicking: screenshots,
accessibility audits with axe-core, and the measured weight of a page."""

import gzip
import json
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from PIL import Image
from playwright.sync_api import Page, Request

ARTIFACTS = settings.BASE_DIR / "test-artifacts" / "e2e"
# The editor guide's screenshots, rewritten by every e2e run so that the guide
# shows the admin as it is; committed, and served as static files.
GUIDE_SCREENSHOTS = settings.BASE_DIR / "core" / "static" / "guide"
GUIDE_COLOURS = 64
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# The rules axe checks: WCAG 2.0 and 2.1, levels A and AA, plus its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}


def screenshot(page: Page, name: str) -> Path:
    """Keep a full-page screenshot as a CI artefact under test-artifacts/e2e/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def guide_screenshot(page: Page, name: str) -> Path:
    """The full-page screenshot under test-artifacts/e2e/, and the window as the
    editor sees it (1280 px wide) for the editor guide: reduced to a palette of
    GUIDE_COLOURS, which keeps an admin screen at a few tens of kilobytes."""
    screenshot(page, name)
    GUIDE_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = GUIDE_SCREENSHOTS / f"{name}.png"
    image = Image.open(BytesIO(page.screenshot())).convert("RGB")
    image.quantize(colors=GUIDE_COLOURS).save(path, optimize=True)
    return path


def write_artifact(name: str, data: object) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def axe_violations(page: Page, *, exclude: Sequence[str] = ()) -> list[dict]:
    """Run axe-core on the page as it is now; its violations, shortened for reading.

    `exclude`: CSS selectors of parts that are not the page's own (axe skips them).
    The page must come from a context with `bypass_csp`: the site's Content
    Security Policy rightly refuses the injected script otherwise.
    """
    page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate(
        """([tags, exclude]) => axe.run(
            exclude.length ? {exclude: exclude.map(selector => [selector])} : document,
            {runOnly: {type: 'tag', values: tags}},
        )""",
        [AXE_TAGS, list(exclude)],
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def page_weight(page: Page, url: str) -> dict:
    """Load `url` in a fresh state and count what the browser fetched for it:
    requests, bytes of response bodies as they came over the wire, and those
    bodies gzipped (what a compressing server or WhiteNoise sends)."""
    requests: list[Request] = []

    def record(request: Request) -> None:
        requests.append(request)

    page.on("requestfinished", record)
    page.goto(url, wait_until="load")
    page.remove_listener("requestfinished", record)
    return {
        "requests": len(requests),
        "bytes": sum(request.sizes()["responseBodySize"] for request in requests),
        "gzip_bytes": sum(len(gzip.compress(request.response().body())) for request in requests),
        "resources": [urlsplit(request.url).path for request in requests],
    }
