"""The real app in Debian's Chromium, driven by Playwright (no browser is downloaded)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.conftest import chromium_path
from tests.helpers import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page(app_url: str) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path()), headless=True, args=LAUNCH_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 950})
        page.goto(app_url)
        page.wait_for_selector("#nd-question textarea", timeout=60_000)
        yield page
        browser.close()


def ask(page, question: str) -> None:
    page.locator("#nd-question textarea").fill(question)
    page.locator("#nd-ask").click()


def last_bot_message(page) -> str:
    return page.locator("#nd-chat .message.bot, #nd-chat [data-testid='bot']").last.inner_text()


def test_luxury_question_shows_dated_cited_answer_with_highlighted_quote(page) -> None:
    ask(page, "when did Japan ban luxury exports?")
    card = page.locator("#nd-sources .nd-card").first
    card.wait_for(timeout=120_000)
    assert "2022-03-25" in card.inner_text()
    assert "ban exports of luxury items" in card.locator(".nd-passage mark").inner_text()
    answer = last_bot_message(page)
    assert "25 March 2022" in answer and "[1]" in answer
    card.locator("summary").click()  # open the whole article
    assert "ban exports of luxury items" in card.locator(".nd-article mark").inner_text()
    assert len(card.locator(".nd-article").inner_text()) > 2000
    shot = os.environ.get("SCREENSHOT_TO")
    if shot:
        page.wait_for_timeout(1000)
        page.screenshot(path=shot, full_page=True)


def test_not_found_looks_different_and_shows_no_sources(page) -> None:
    ask(page, "Who won the 2022 World Cup?")
    page.locator("#nd-chat .nd-notfound").last.wait_for(timeout=120_000)
    assert page.locator("#nd-sources .nd-card").count() == 0
    assert "No sources" in page.locator("#nd-sources").inner_text()
    page.locator("#nd-clear").click()
    page.wait_for_function("document.querySelectorAll('#nd-chat .nd-notfound').length === 0")


def test_upload_ask_and_delete_an_own_pdf(page, tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "osaka-rice.pdf",
        [
            "Osaka rice prices\n\nRice prices in Osaka rose 12 percent in June, traders said.\n"
            "The farm ministry blamed the hot summer for the poor harvest."
        ],
        title="Osaka rice prices",
    )
    page.get_by_role("tab", name="Library").click()
    page.locator("#nd-upload input[type=file]").set_input_files(str(pdf))
    page.locator("#nd-ingest").click()
    page.locator("#nd-report").get_by_text("added 1").wait_for(timeout=120_000)
    page.get_by_role("tab", name="Chat").click()
    ask(page, "How much did rice prices in Osaka rise?")
    card = page.locator("#nd-sources .nd-card").first
    page.locator("#nd-sources .nd-card", has_text="Osaka rice prices").first.wait_for(
        timeout=120_000
    )
    assert "12 percent" in last_bot_message(page)
    assert "osaka-rice.pdf" in card.inner_text()
    page.get_by_role("tab", name="Library").click()
    page.locator("#nd-library-search textarea, #nd-library-search input").first.fill("Osaka")
    page.locator("#nd-library").get_by_text("Osaka rice prices").first.click()
    page.wait_for_function(
        "document.querySelector('#nd-selected textarea, #nd-selected input').value.length === 16"
    )
    page.locator("#nd-delete").click()
    page.locator("#nd-deleted").get_by_text("Deleted").wait_for(timeout=60_000)
    page.wait_for_function(
        "!document.querySelector('#nd-library').innerText.includes('Osaka rice prices')"
    )


def test_screenshot_path_is_documented() -> None:
    assert (REPO / "docs" / "screenshot.png").exists()
    assert "docs/screenshot.png" in (REPO / "README.md").read_text()
