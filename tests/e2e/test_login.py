"""Password protection of the running app: failed logins slow down the client that made them,
never the editor (issue 17.4). Every address is on the loopback range (127.0.0.0/8)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.conftest import RunningApp, chromium_path, start_app, stop_app
from tests.e2e.test_browser import LAUNCH_ARGS

pytestmark = [pytest.mark.integration, pytest.mark.slow]
USER, PASSWORD, TOKEN = "editor", "the-right-password", "a-long-api-token"


@pytest.fixture(scope="module")
def guarded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    process, app = start_app(
        tmp_path_factory.mktemp("guarded"),
        NEWSDESK_AUTH_USERNAME=USER,
        NEWSDESK_AUTH_PASSWORD=PASSWORD,
        NEWSDESK_API_TOKEN=TOKEN,
    )
    yield app
    stop_app(process)


def client(source: str) -> httpx.Client:
    """An HTTP client whose requests come from `source` (a loopback address)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=30)


def login(session: httpx.Client, url: str, password: str, user: str = USER) -> httpx.Response:
    return session.post(url + "login", data={"username": user, "password": password})


def logged_in(session: httpx.Client, url: str) -> bool:
    return '"auth_required":true' not in session.get(url).text.replace(" ", "")


ROUTES = [("GET", "/search?query=port"), ("POST", "/ask"), ("GET", "/timeline?topic=port"),
          ("GET", "/articles"), ("POST", "/articles"), ("DELETE", "/articles/abc"),
          ("GET", "/docs"), ("GET", "/openapi.json")]  # fmt: skip


def test_the_rest_api_needs_the_password_or_the_token(guarded_app) -> None:
    # First in the module: the tests after it lock addresses and the username out on purpose.
    api = guarded_app.url + "api/v1"
    with client("127.0.0.9") as anyone:
        for method, path in ROUTES:
            refused = anyone.request(method, api + path, json={"question": "port?"})
            assert refused.status_code == 401, path
            assert "error" in refused.json() and refused.headers["WWW-Authenticate"]
        wrong = anyone.get(api + "/articles", headers={"Authorization": "Bearer wrong"})
        assert wrong.status_code == 401
        with_token = anyone.get(api + "/articles", headers={"Authorization": f"Bearer {TOKEN}"})
        assert with_token.status_code == 200 and len(with_token.json()) == 5
    with client("127.0.0.1") as editor:
        basic = editor.get(api + "/search", params={"query": "luxury"}, auth=(USER, PASSWORD))
        assert basic.status_code == 200 and basic.json()
    # The MCP server too: nothing without credentials, the tools with the token.
    from tests.e2e.test_mcp import mcp_calls

    with client("127.0.0.9") as anyone:
        refused = anyone.post(guarded_app.url + "mcp", json={"jsonrpc": "2.0", "id": 1,
                              "method": "tools/list"})  # fmt: skip
        assert refused.status_code == 401
    names, (found,) = mcp_calls(
        guarded_app.url + "mcp",
        ("search_news", {"query": "luxury goods"}),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert "search_news" in names and not found.is_error
    with client("127.0.0.10") as guesser:  # guesses are limited as the login page's are
        for _ in range(5):
            assert guesser.get(api + "/articles", auth=("nobody", "guess")).status_code == 401
        waits = guesser.get(api + "/articles", auth=("nobody", "guess"))
        assert waits.status_code == 429 and int(waits.headers["Retry-After"]) >= 1


def test_a_strangers_failures_lock_out_the_stranger_not_the_editor(guarded_app) -> None:
    url = guarded_app.url
    with client("127.0.0.1") as editor, client("127.0.0.2") as stranger:
        assert login(editor, url, PASSWORD).status_code == 200
        assert logged_in(editor, url)
        for _ in range(5):
            assert login(stranger, url, "guess").status_code == 400
        refused = login(stranger, url, PASSWORD)  # even the right password waits
        assert refused.status_code == 429
        assert re.fullmatch(r"too many attempts, try again in \d+ s", refused.json()["detail"])
        assert 1 <= int(refused.headers["Retry-After"]) <= 300
        assert logged_in(editor, url)  # the open session goes on
        assert login(editor, url, PASSWORD).status_code == 200  # and may log in again
    with client("127.0.0.3") as elsewhere:  # the editor from a new address
        assert login(elsewhere, url, PASSWORD).status_code == 200


def test_many_addresses_guessing_one_username_are_slowed_but_the_editor_gets_in(
    guarded_app,
) -> None:
    url = guarded_app.url
    statuses = []
    for n in range(21):  # a distributed guesser: one try from each of 21 new addresses
        with client(f"127.0.1.{n + 1}") as guesser:
            statuses.append(login(guesser, url, f"guess-{n}").status_code)
    # 20 failures of the username (with the stranger's of the test before), then it waits.
    assert statuses[-1] == 429 and statuses[0] == 400
    assert set(statuses) == {400, 429} and statuses.index(429) <= 20
    with client("127.0.2.1") as another:
        assert login(another, url, PASSWORD).status_code == 429
    with client("127.0.0.1") as editor:  # an address the editor logged in from before
        assert login(editor, url, PASSWORD).status_code == 200
    with client("127.0.2.2") as other_user:  # the username limit is per username
        assert login(other_user, url, "guess", user="someone").status_code == 400


@pytest.mark.browser
def test_the_login_page_says_how_long_to_wait(guarded_app) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path()), headless=True, args=LAUNCH_ARGS
        )
        page = browser.new_page()
        page.goto(guarded_app.url)
        page.wait_for_selector("input[type='password']", timeout=60_000)
        for _ in range(6):  # this browser's address (127.0.0.1) fails five times, then waits
            page.locator("input[type='text']").first.fill(USER)
            page.locator("input[type='password']").fill("wrong")
            # Each attempt's answer is awaited (a fixed pause let a busy machine's clicks overlap).
            with page.expect_response(
                lambda r: r.request.method == "POST" and r.url.rstrip("/").endswith("/login"),
                timeout=30_000,
            ):
                page.get_by_role("button", name="Login").click()
        alert = page.locator("#nd-login-wait")
        alert.wait_for(timeout=10_000)
        assert re.fullmatch(r"Too many attempts, try again in \d+ s\.", alert.inner_text())
        browser.close()
