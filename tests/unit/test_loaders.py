import json
from datetime import date, datetime
from pathlib import Path

import pytest

from assistant.articles import read_articles
from assistant.errors import UnreadableInput, UnsupportedFormat
from tests.helpers import make_pdf


def read(path: Path):
    return read_articles(str(path), path.read_bytes())


def test_text_with_marker_gets_date_and_derived_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        " date 2022-03-25 Tokyo banned luxury exports. Details follow.", encoding="utf-8"
    )
    (article,) = read(path).articles
    assert article.published == date(2022, 3, 25)
    assert article.text == "Tokyo banned luxury exports. Details follow."
    assert article.title == "Tokyo banned luxury exports."
    assert article.source == str(path)


def test_text_without_any_date_stays_undated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Japan rejected the referendums.\n\nIt said so on Friday.", encoding="utf-8")
    assert read(path).articles[0].published is None


def test_dateline_gives_the_date_and_leaves_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Moscow will respond\n\nNov 24, 2024 05:37 80\n\nRussia said it would respond.",
        encoding="utf-8",
    )
    (article,) = read(path).articles
    assert article.published == date(2024, 11, 24)
    assert article.title == "Moscow will respond"
    assert "05:37" not in article.text


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Yen falls\n\nThe **yen** fell on [Monday](http://x).\n", encoding="utf-8")
    (article,) = read(path).articles
    assert article.title == "Yen falls"
    assert "The yen fell on Monday." in article.text
    assert "**" not in article.text and "http" not in article.text


def test_html_meta_date_title_and_main_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Site | Japan bans exports</title>"
        '<meta property="article:published_time" content="2022-03-25T09:00:00+09:00">'
        '<meta property="og:title" content="Japan bans luxury exports"></head><body>'
        "<nav><a href='/'>Home</a><a href='/w'>World</a></nav>"
        "<article><h1>Japan bans luxury exports</h1>"
        "<p>Tokyo said on Friday it would ban exports of luxury goods to Russia from next week.</p>"
        "<p>The measure covers cars, jewellery and artworks, the ministry said in a statement.</p>"
        "<p>Share on Facebook</p></article><footer>Copyright 2022 News Corp</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = read(path).articles
    assert article.published == date(2022, 3, 25)
    assert article.title == "Japan bans luxury exports"
    assert "ban exports of luxury goods" in article.text
    assert "Share on Facebook" not in article.text


def test_pdf_pages_title_and_creation_date(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "a.pdf",
        ["Page one says Japan froze assets.", "Page two says the ban starts in April."],
        title="Sanctions report",
        created=datetime(2023, 5, 1, 12, 0),
    )
    (article,) = read(path).articles
    assert article.title == "Sanctions report"
    assert article.published == date(2023, 5, 1)
    second = article.text.index("Page two")
    assert article.page_at(0) == 1
    assert article.page_at(second) == 2


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": "Japan froze assets of banks.",
                "title": "Assets",
                "published": "2022-02-27",
                "url": "https://example.org/a",
            }
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second article about Belarus.", "source": "Kyodo"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read(path)
    assert [a.title for a in result.articles] == ["Assets", "Second article about Belarus."]
    assert result.articles[0].published == date(2022, 2, 27)
    assert result.articles[0].source == "https://example.org/a"
    assert result.articles[1].source.startswith("Kyodo")
    reasons = dict(result.failures)
    assert reasons[f"{path}#L2"].startswith("not JSON")
    assert "text" in reasons[f"{path}#L3"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("broken.pdf", b"%PDF-1.4\n this is not really a pdf", "corrupt"),
        ("zero.pdf", b"", "empty"),
        ("empty.jsonl", b"\n\n", "empty"),
    ],
)
def test_bad_files_raise_a_clear_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableInput, match=reason):
        read(path)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "secret.pdf", ["Secret text."], password="hunter2")
    with pytest.raises(UnreadableInput, match="encrypted"):
        read(path)


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "blank.pdf", [""])
    with pytest.raises(UnreadableInput, match="no extractable text"):
        read(path)


def test_unknown_extension_lists_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(UnsupportedFormat, match=r"\.pdf"):
        read(path)


def test_html_byline_date_when_the_page_has_no_meta_date(tmp_path: Path) -> None:
    path = tmp_path / "byline.html"
    path.write_text(
        "<html><head><title>Japan freezes assets | Example Times</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article>"
        "<h1>Japan freezes assets of Putin allies</h1>"
        '<p class="byline">By Aiko Tanaka | Published 3:45 PM EST, Tue March 1, 2022</p>'
        "<p>TOKYO — Japan on Tuesday froze the assets of several oligarchs close to Russian "
        "President Vladimir Putin, the finance ministry said.</p>"
        "<p>The measures follow similar steps by the United States and the European Union.</p>"
        "<aside><h3>Related stories</h3><ul><li><a>Yen slides</a></li></ul></aside>"
        "</article><footer>© 2022 Example Times</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = read(path).articles
    assert article.published == date(2022, 3, 1)
    assert article.title == "Japan freezes assets of Putin allies"
    assert "Yen slides" not in article.text and "Example Times" not in article.text


def test_html_dates_in_body_text_are_not_publication_dates(tmp_path: Path) -> None:
    path = tmp_path / "nodate.html"
    path.write_text(
        "<html><body><article><h1>Looking back</h1><p>On March 1, 2022 Japan froze assets of "
        "several oligarchs, and the ministry said more would follow within weeks.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert read(path).articles[0].published is None


def test_markdown_front_matter_gives_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: Yen hits a 20-year low\ndate: 2022-04-20\n---\n\n"
        "# A heading inside\n\nThe yen fell past 129 per dollar on Wednesday.\n",
        encoding="utf-8",
    )
    (article,) = read(path).articles
    assert article.title == "Yen hits a 20-year low"
    assert article.published == date(2022, 4, 20)
    assert "title:" not in article.text and "The yen fell past 129" in article.text


@pytest.mark.parametrize(
    ("text", "encoding", "guessed"),
    [
        ("Le chef a préparé une crème brûlée.", "cp1252", True),  # was "crčme brűlée"
        ("The deal was worth €3 million, the company’s chief said.", "cp1252", True),  # "Ć3"
        ("Die Straße in München wurde gesperrt.", "latin-1", False),  # every reading agrees
        ("Le chef a préparé une crème brûlée pour le dîner à Paris." * 40, "cp1252", True),
        ("Zażółć gęślą jaźń, powiedział minister w poniedziałek w Warszawie.", "cp1250", False),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy, řekl ministr v pondělí.", "cp1250", True),
        ("Президент заявил во вторник, что правительство увеличит инвестиции.", "cp1251", False),
    ],
)
def test_8bit_texts_are_read_in_their_own_encoding(tmp_path: Path, text, encoding, guessed) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(f"A report\n\n{text}\n".encode(encoding))
    result = read(path)
    assert text in result.articles[0].text
    # A reading that other encodings would give differently, or an unsure one, is a warning.
    assert len(result.warnings) == int(guessed)
    assert all("save the file as UTF-8" in warning for warning in result.warnings)


def test_utf8_is_read_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Crème\n\nLe chef a préparé une crème brûlée à €3.\n", encoding="utf-8")
    result = read(path)
    assert "crème brûlée à €3" in result.articles[0].text and result.warnings == []


def test_a_text_file_may_give_title_and_date_in_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        '---\ntitle: "Japan bans luxury exports"\ndate: 2022-03-25\n---\n'
        "In a coordinated effort, Tokyo banned luxury exports.",
        encoding="utf-8",
    )
    (article,) = read(path).articles
    assert article.title == "Japan bans luxury exports"
    assert article.published == date(2022, 3, 25)
    assert article.text == "In a coordinated effort, Tokyo banned luxury exports."


def test_an_untitled_article_is_titled_by_its_first_sentence_main_clause(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "In a coordinated effort with Washington, the Japanese government Friday decided to "
        "ban exports of luxury items to Russia as the latter continues its fierce invasion "
        "into the Ukrainian territory. More follows.",
        encoding="utf-8",
    )
    title = read(path).articles[0].title
    assert title == (
        "The Japanese government Friday decided to ban exports of luxury items to Russia"
    )  # a readable sentence, not one cut mid-clause with "…"
