from assistant.articles.cleaning import clean_pages

BODY = "Japan decided on Friday to ban exports of luxury goods to Russia, officials said."


def clean(text: str) -> str:
    return clean_pages([text])[0]


def test_navigation_share_and_credit_lines_are_removed() -> None:
    text = "\n".join(
        [
            "Home > World > Asia",
            "Last news in Fakti",
            "Skip to main content",
            "Share on Facebook | Tweet | Email",
            "Photo: Kyodo via Reuters",
            "© Getty Images",
            BODY,
            "Advertisement",
            "Another sentence of the article follows here and it ends properly.",
        ]
    )
    assert (
        clean(text) == BODY + "\nAnother sentence of the article follows here and it ends properly."
    )


def test_link_list_after_keep_reading_is_removed() -> None:
    text = (
        f"{BODY}\n\n(With information from EFE)\n\nKEEP READING:\n\n"
        "Vladimir Putin said the conflict is a result of the collapse of the Soviet Union\n\n"
        "The revealing audios that expose the rejection: “This war is the worst decision”\n"
    )
    assert clean(text) == f"{BODY}\n\n(With information from EFE)"


def test_link_list_ends_at_the_next_real_paragraph() -> None:
    text = f"Related:\nSome headline here\n\n{BODY} It continues with more words in the sentence."
    assert clean(text) == f"{BODY} It continues with more words in the sentence."


def test_repeated_caption_with_gallery_number_is_removed() -> None:
    text = "Moscow: We will respond sharply\n\nMoscow: We will respond sharply  - 1\n\n" + BODY
    assert clean(text) == "Moscow: We will respond sharply\n\n" + BODY


def test_article_sentences_that_mention_furniture_words_stay() -> None:
    text = (
        "Investors rushed to share the news on Twitter after the photo was published.\n"
        "Reuters reported that the Home Office will print new guidance.\n"
        "Search and rescue teams reached the village on Monday."
    )
    assert clean(text) == text


def test_blank_runs_are_collapsed() -> None:
    assert clean(f"\n\n{BODY}\n\n\n\n{BODY}\n") == f"{BODY}\n\n{BODY}"


def test_links_to_other_stories_glued_to_their_label_are_removed() -> None:
    text = "\n\n".join(
        [
            "A union and port operators reached a tentative deal on Thursday.",
            "Back to hoarding toilet paper?Amid port strike, some consumers are panic-buying",
            "Taxes:IRS doubles number of states eligible for its free Direct File",
            "MORE:Buses with migrants have dropped off outside before. Why this time was new.",
            "The deal ends the biggest work stoppage of its kind in nearly half a century.",
            'One sign says "tax cuts for yacht owners?" Biden\'s response: "Good luck with that."',
            "The meeting starts at 10:30 and ends at noon: Officials said so.",
        ]
    )
    (kept,) = clean_pages([text])
    assert "toilet paper" not in kept and "Direct File" not in kept and "Buses" not in kept
    assert "tentative deal" in kept and "half a century" in kept
    assert "yacht owners" in kept and "10:30" in kept
