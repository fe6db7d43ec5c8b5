from dataclasses import replace
from datetime import date

import pytest
from pydantic import ValidationError

from assistant.answering import NOT_FOUND_ANSWER, Answer, AnswerSentence, Citation
from assistant.settings import Settings
from assistant.ui.app import launch_kwargs
from assistant.ui.auth import LoginClient, LoginGuard
from assistant.ui.render import (
    answer_markdown,
    article_html,
    short_source,
    source_card,
    source_html,
    sources_html,
)

ARTICLE = "First sentence here. The <b>quoted</b> sentence & more. " + "Tail words. " * 60
QUOTE_START = ARTICLE.index("The <b>")
QUOTE = "The <b>quoted</b> sentence & more."


def citation() -> Citation:
    return Citation(
        1,
        "abc",
        "A & B",
        date(2022, 3, 25),
        "/x/a.txt",
        QUOTE,
        QUOTE_START,
        QUOTE_START + len(QUOTE),
        ARTICLE,
        0,
    )


def answered() -> Answer:
    return Answer("q?", "answered", (AnswerSentence(f"{QUOTE} [1]", (1,)),), (citation(),))


def test_each_answer_carries_its_own_numbered_sources_as_plain_text() -> None:
    text = answer_markdown(answered())
    assert "#nd-cite" not in text and "](#" not in text  # copying gives readable text
    body, sources = text.split("**Sources**")
    assert body.strip().endswith("[1]")
    assert "[1] A & B · 2022-03-25 · a.txt" in sources  # title, date, short source


def test_sources_are_short_and_urls_open_safely_in_a_new_tab() -> None:
    assert short_source("/srv/newsdesk/index/uploads/0a1b/news.md") == ("news.md", None)
    assert short_source("/data/feed.jsonl#L12") == ("feed.jsonl, line 12", None)
    label, url = short_source("https://example.org/world/japan-ban")
    assert label == "example.org/world/japan-ban" and url.startswith("https://")
    link = source_html("https://example.org/a?x=<1>")
    assert 'target="_blank"' in link and 'rel="noopener noreferrer"' in link
    assert "<1>" not in link
    cited = replace(citation(), source="https://example.org/a")
    assert "[example.org/a](https://example.org/a)" in answer_markdown(
        replace(answered(), citations=(cited,))
    )
    assert "/x/" not in source_card(1, [citation()])


def test_refusal_is_styled_apart_and_has_no_sources() -> None:
    refusal = Answer.not_found("q?")
    assert 'class="nd-notfound"' in answer_markdown(refusal)
    assert NOT_FOUND_ANSWER in answer_markdown(refusal)
    assert "nd-card" not in sources_html(refusal)


def test_card_marks_the_escaped_quote_in_its_passage_without_the_whole_article() -> None:
    card = source_card(1, [citation()])
    assert 'data-cite="1"' in card and "2022-03-25" in card and "A &amp; B" in card
    assert card.count("<mark>The &lt;b&gt;quoted&lt;/b&gt; sentence &amp; more.</mark>") == 1
    assert "<b>quoted" not in card  # article text is escaped, never rendered as HTML
    assert len(card) < len(ARTICLE) + 600  # the passage around the quote, not the article
    whole = article_html(ARTICLE, [(QUOTE_START, QUOTE_START + len(QUOTE))])
    assert whole.count("<mark>") == 1 and "Tail words." in whole


SECOND = "Tail words. Tail words."


def test_an_article_cited_for_several_sentences_is_one_source() -> None:
    again = replace(
        citation(),
        n=2,
        quote=SECOND,
        start=ARTICLE.index(SECOND),
        end=ARTICLE.index(SECOND) + len(SECOND),
    )
    other = replace(citation(), n=3, article_id="def", title="Other story", source="/x/b.txt")
    answer = Answer(
        "q?",
        "answered",
        (
            AnswerSentence(f"{QUOTE} [1]", (1,)),
            AnswerSentence("Tail words. [2] [1]", (2, 1)),
            AnswerSentence("Elsewhere. [3]", (3,)),
        ),
        (citation(), again, other),
    )
    body, sources = answer_markdown(answer).split("**Sources**")
    assert "[1]" in body and "[2]" in body and "[3]" not in body  # the other article is [2]
    assert "Tail words. [1]" in body and "[1] [1]" not in body  # never the same [n] twice
    assert sources.count("A & B") == 1 and "[2] Other story" in sources
    panel = sources_html(answer)
    assert panel.count('class="nd-card"') == 2
    first, second = panel.split('<div class="nd-card"')[1:]
    assert 'data-cite="1"' in first and first.count("<mark>") == 2  # both quotes, one excerpt
    assert first.count('class="nd-passage"') == 1
    assert 'data-cite="2"' in second and "Other story" in second


def test_unsupported_llm_sentences_are_shown_as_such() -> None:
    answer = Answer(
        "q?",
        "answered",
        (AnswerSentence("Made up [1]", (1,), supported=False),),
        (citation(),),
        generator="openai",
    )
    assert "not supported by its source" in answer_markdown(answer)


def test_launch_settings_password_and_limits() -> None:
    plain = launch_kwargs(Settings())
    assert plain["server_name"] == "127.0.0.1" and plain["server_port"] == 7860
    assert plain["share"] is False and "auth" not in plain
    assert plain["max_file_size"] == 50 * 1024 * 1024
    assert plain["quiet"] is True  # no "set share=True" banner
    guarded = launch_kwargs(Settings(auth_username="ann", auth_password="s3cret", port=8000))
    assert guarded["auth"]("ann", "s3cret") is True and guarded["server_port"] == 8000
    assert guarded["auth"]("ann", "wrong") is False


@pytest.mark.parametrize(("username", "password"), [("ann", None), ("ann", ""), (None, "s3cret")])
def test_auth_cannot_be_half_on(username, password) -> None:
    with pytest.raises(ValidationError, match="NEWSDESK_AUTH_PASSWORD"):
        Settings(auth_username=username, auth_password=password)


def _from(address: str, logged_in: bool = False):
    from assistant.ui.auth import _CLIENT, LoginClient

    return _CLIENT.set(LoginClient(address, logged_in))


def test_failed_logins_are_rate_limited_per_client_address() -> None:
    from fastapi import HTTPException

    now = [1000.0]
    guard = LoginGuard("ann", "s3cret", clock=lambda: now[0])
    _from("10.0.0.9")
    for _ in range(5):
        assert guard("ann", "guess") is False
    with pytest.raises(HTTPException) as refused:
        guard("ann", "s3cret")  # even the right password waits, from that address
    assert refused.value.status_code == 429
    assert refused.value.detail == "too many attempts, try again in 300 s"
    _from("10.0.0.7")
    assert guard("ann", "s3cret") is True  # the editor, elsewhere, is not locked out
    now[0] += 120
    assert guard.retry_after(LoginClient("10.0.0.9")) == 180
    assert guard.retry_after(LoginClient("10.0.0.9", logged_in=True)) == 0  # an open session
    now[0] += 181
    _from("10.0.0.9")
    assert guard("ann", "s3cret") is True


def test_a_username_guessed_from_many_addresses_waits_except_where_it_logged_in() -> None:
    from fastapi import HTTPException

    guard = LoginGuard("ann", "s3cret", clock=lambda: 50.0)
    _from("10.1.0.1")
    assert guard("ann", "s3cret") is True
    for n in range(20):
        _from(f"10.2.0.{n}")
        assert guard("ann", "guess") is False
    _from("10.3.0.1")
    with pytest.raises(HTTPException):
        guard("ann", "s3cret")
    _from("10.1.0.1")
    assert guard("ann", "s3cret") is True


def test_a_rewritten_follow_up_shows_how_it_was_understood() -> None:
    answer = answered().with_question("and Belarus?", "What sanctions did Japan impose on Belarus?")
    assert "*Understood as: What sanctions did Japan impose on Belarus?*" in answer_markdown(answer)
    assert "Understood as" not in answer_markdown(answered().with_question("q?", "q?"))
