from datetime import date

from assistant.answering import NOT_FOUND_ANSWER, Answer, AnswerSentence, Citation
from assistant.settings import Settings
from assistant.ui.app import launch_kwargs
from assistant.ui.render import answer_markdown, citation_card, sources_html

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


def test_markers_link_to_source_cards() -> None:
    assert "[[1]](#nd-cite-1)" in answer_markdown(answered())


def test_refusal_is_styled_apart_and_has_no_sources() -> None:
    refusal = Answer.not_found("q?")
    assert 'class="nd-notfound"' in answer_markdown(refusal)
    assert NOT_FOUND_ANSWER in answer_markdown(refusal)
    assert "nd-card" not in sources_html(refusal, {})


def test_card_marks_the_escaped_quote_in_context_and_in_the_whole_article() -> None:
    card = citation_card(citation(), ARTICLE)
    assert 'id="nd-cite-1"' in card and "2022-03-25" in card and "A &amp; B" in card
    assert card.count("<mark>The &lt;b&gt;quoted&lt;/b&gt; sentence &amp; more.</mark>") == 2
    assert "<b>quoted" not in card  # article text is escaped, never rendered as HTML
    assert "<details>" in card


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
    guarded = launch_kwargs(Settings(auth_username="ann", auth_password="s3cret", port=8000))
    assert guarded["auth"] == ("ann", "s3cret") and guarded["server_port"] == 8000


def test_a_rewritten_follow_up_shows_how_it_was_understood() -> None:
    answer = answered().with_question("and Belarus?", "What sanctions did Japan impose on Belarus?")
    assert "*Understood as: What sanctions did Japan impose on Belarus?*" in answer_markdown(answer)
    assert "Understood as" not in answer_markdown(answered().with_question("q?", "q?"))
