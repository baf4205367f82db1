"""The article head: headline and body start chosen by the learned line scorers.

The pages here are small and made up for each class of head (they are not in
the corpora the scorers learned from): what the site prints around the
headline changes, the headline and the first paragraph must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import process_file
from generator.head import FEATURES, HeadModel, default_model
from generator.head_train import train

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = "Panasonic to build a third battery plant in Kansas as demand for cells grows"
BODY = [
    "Panasonic Energy will build a third battery cell plant in De Soto, Kansas, the company "
    "said on Friday, adding 30 gigawatt hours of annual capacity by the end of 2027.",
    "The plant will supply cells to automakers in North America, where demand for batteries "
    "has grown faster than the company expected when it broke ground on its second site.",
    "Panasonic did not say how much the new plant would cost, but people familiar with the "
    "plans said it would be similar in size to the De Soto plant now under construction.",
]


def build_page(tmp_path: Path, head: list[str], name: str = "page.txt") -> object:
    (tmp_path / name).write_text("\n".join([*head, *BODY, ""]), encoding="utf-8")
    page = process_file(tmp_path / name, tmp_path)
    assert page.skipped is None
    assert len(page.instances) == 1, [i.headline for i in page.instances]
    return page.instances[0]


def test_caption_under_the_headline_is_not_the_body(tmp_path: Path) -> None:
    inst = build_page(
        tmp_path,
        [
            "Connect with us",
            "News",
            HEADLINE,
            "Workers walk past the De Soto site in a photo the company released in May.",
            "By Dana Whitcomb",
            "December 2, 2022",
        ],
    )
    assert inst.headline == HEADLINE
    assert inst.blocks[0].text == BODY[0]
    assert inst.date == "2022-12-02"


def test_deck_under_video_and_comments_links(tmp_path: Path) -> None:
    deck = "The plant is the company's third in the US and its largest anywhere."
    inst = build_page(
        tmp_path,
        [HEADLINE, "Video", "Comments", deck, "Author: Tyler Brandt", "Published: 12/02/2022"],
    )
    assert inst.headline == HEADLINE
    assert inst.deck == deck
    assert inst.blocks[0].text == BODY[0]
    assert inst.authors == ("Tyler Brandt",)
    assert inst.date == "2022-12-02"


def test_a_video_page_s_tabs_player_and_channel_between_deck_and_byline(tmp_path: Path) -> None:
    """ "<headline> / Overview / Transcript / <deck>", then the player, the channel's name and
    its counts, then the stream's line: the deck is the deck, its description the body."""
    deck = "The plant is the company's third in the US and its largest anywhere."
    inst = build_page(
        tmp_path,
        [
            "Saved 2022-12-13 from viewtube.example/watch?v=Qm7",
            HEADLINE,
            "Overview",
            "Transcript",
            deck,
            "0:00 / 11:48",
            "Tap to unmute",
            "Plains Ledger",
            "48.2K subscribers",
            "Download",
            "23,418 views · Streamed live 6 days ago · #Panasonic #Kansas",
        ],
    )
    assert (inst.headline, inst.deck) == (HEADLINE, deck)
    assert inst.blocks[0].text == BODY[0]
    assert inst.date == "2022-12-07"


def test_a_channel_s_name_printed_over_each_post_is_no_headline(tmp_path: Path) -> None:
    (tmp_path / "channel.txt").write_text(
        "\n".join(
            ["EV Daily ⚡", "Pinned message", "EV Daily ⚡", *BODY, "EV Daily ⚡", "👁 3.1K", ""]
        ),
        encoding="utf-8",
    )
    (inst,) = process_file(tmp_path / "channel.txt", tmp_path).instances
    assert inst.headline is None and inst.blocks[0].text == BODY[0]


def test_a_deck_that_scores_like_a_headline_stays_under_it(tmp_path: Path) -> None:
    deck = "Panasonic will put a third plant in Kansas, and state incentives cover part of it."
    inst = build_page(
        tmp_path,
        [
            "Skip Navigation",
            "Share on Facebook",
            "Weather",
            "Panasonic board says yes to a third plant in Kansas",
            "Video",
            "Comments",
            deck,
            "Author: Tyler Brandt (KSNT)",
            "Published: 10:04 PM CST December 2, 2022",
        ],
    )
    assert inst.headline == "Panasonic board says yes to a third plant in Kansas"
    assert inst.deck == deck
    assert inst.blocks[0].text == BODY[0]


def test_a_headline_and_a_deck_of_one_weight_stacked_over_the_byline(tmp_path: Path) -> None:
    """A deck without a full stop, as long as the headline over it and scoring as well:
    the upper of the two is the headline (pages print the headline over its deck)."""
    headline = "Panasonic to build third battery plant in Kansas in bid to cut reliance on imports"
    deck = (
        "Company says De Soto plant will supply cells to automakers in North America, where "
        "demand for batteries has grown faster than expected"
    )
    inst = build_page(
        tmp_path,
        [
            "Skip to main content",
            "Sign in",
            "News",
            "Business",
            "Automotive industry",
            headline,
            deck,
            "The De Soto site under construction. Photograph: Kansas Ledger",
            "Dana Whitcomb",
            "The Kansas Ledger",
            "Fri 2 Dec 2022 13.02 GMT",
            "Share",
        ],
    )
    assert (inst.headline, inst.deck) == (headline, deck)
    assert inst.blocks[0].text == BODY[0]


def test_a_caption_with_its_credit_and_a_breadcrumb_above_the_headline(tmp_path: Path) -> None:
    inst = build_page(
        tmp_path,
        [
            "Energy › Batteries",
            "Workers at the De Soto site in May, where the first line starts next year. The plant "
            "will employ 4,000 people when it is finished. (Dana Whitcomb for The Kansas Ledger)",
            HEADLINE,
            "By Dana Whitcomb",
            "December 2, 2022 at 6:02 a.m. CST",
        ],
    )
    assert inst.headline == HEADLINE
    assert inst.blocks[0].text == BODY[0]
    assert inst.date == "2022-12-02"


def test_icon_labels_and_the_outlet_under_the_byline(tmp_path: Path) -> None:
    inst = build_page(
        tmp_path,
        [
            "Prairie Wire",
            "Open Menu Icon",
            "Search Icon",
            "Business",
            HEADLINE,
            "Share Icon",
            "Jane Okafor",
            "Prairie Wire",
            "Published: Dec. 2, 2022",
        ],
    )
    assert inst.headline == HEADLINE
    assert inst.authors == ("Jane Okafor",)
    assert inst.blocks[0].text == BODY[0]


def test_markup_and_metadata_lines_are_never_the_headline(tmp_path: Path) -> None:
    inst = build_page(
        tmp_path,
        [
            "date 2022-12-02 ContributorsPublishersAdvertisers",
            '<image>data:image/svg+xml,%3Csvg%20xmlns%3D%22http" alt="Panasonic cells"</image>',
            "HomeNewsBatteriesPolicy",
            HEADLINE,
        ],
    )
    assert inst.headline == HEADLINE
    assert inst.date == "2022-12-02"


def test_a_page_that_starts_with_the_body_has_no_headline(tmp_path: Path) -> None:
    inst = build_page(tmp_path, [])
    assert inst.headline is None
    assert inst.blocks[0].text == BODY[0]


def test_the_shipped_weights_load_and_name_their_features() -> None:
    model = default_model()
    assert model.features == FEATURES
    assert len(model.headline) == len(model.body) == len(FEATURES)
    assert all((ROOT / corpus).is_dir() for corpus in model.trained_on)


def test_the_shipped_weights_are_what_make_train_gives() -> None:
    """head_model.json is exactly what `ev-digest train-head` makes of the corpora: a
    change to the corpora, the features or the zone is retrained, not left stale."""
    pytest.importorskip("sklearn")
    shipped = default_model()
    model, _ = train([ROOT / corpus for corpus in shipped.trained_on])
    trained = HeadModel.from_json(model.to_json())
    assert trained.headline == pytest.approx(shipped.headline, abs=1e-4)
    assert trained.body == pytest.approx(shipped.body, abs=1e-4)


def test_the_builds_shortcut_agrees_with_the_scorers(tmp_path: Path) -> None:
    """`deck_then_byline` spares the scorers the commonest head; on every zone of the
    corpora (and of synthetic scrapes) where it applies, they put the body where it does."""
    from bench.corpus import make_corpus
    from generator.head import choose, deck_then_byline, make_zone
    from generator.ingest import read_document
    from generator.segment import segment

    make_corpus(tmp_path / "made", 80, seed=5)
    model, checked = default_model(), 0
    folders = [ROOT / "tests" / "corpus", ROOT / "tests" / "corpus" / "unseen", ROOT / "seeds"]
    folders += sorted(p for p in (tmp_path / "made").iterdir() if p.is_dir())
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".txt", ".md", ".html"):
                continue
            doc = read_document(path, folder)
            for raw in segment(doc):
                zone = make_zone(raw, doc.meta)
                if raw.teaser or raw.position == 0 or not zone.lines or not deck_then_byline(zone):
                    continue
                checked += 1
                assert choose(zone, model, headline_fixed=True).body == zone.end, path.name
    assert checked >= 20


def test_a_paragraph_under_the_headline_of_a_cut_page_is_body(tmp_path: Path) -> None:
    # the page ends mid-sentence: no run of paragraphs, yet the long line under the
    # headline is the story's first paragraph, not a deck over nothing
    paragraph = (
        "The Rivian R3 now starts at $41,000 in Illinois, 5.4 percent down on last October. "
        "A driver-assistance suite for the Polestar 5 appeared in a software teardown on "
        "Thursday. Most of the $9.9 billion will go toward the wind tunnel in Zilina."
    )
    page = tmp_path / "cut.txt"
    page.write_text(
        "\n".join(
            [
                "Reviews",
                "Waymo Audi Q6 e-tron hits 8,000 rides a week in Bangkok",
                paragraph,
                "Polestar's efficiency team in Zilina now counts 950 engineers, per a "
                "regulatory filing. In Queretaro, the company faces mature whol",
            ]
        ),
        encoding="utf-8",
    )
    found = process_file(page, tmp_path)
    assert [i.headline for i in found.instances] == [
        "Waymo Audi Q6 e-tron hits 8,000 rides a week in Bangkok"
    ]
    assert found.instances[0].blocks[0].text == paragraph


def test_a_shorter_headline_above_the_printed_one_is_not_it(tmp_path: Path) -> None:
    # the page's title repeats the headline shortened, and the page prints it over the
    # headline; the headline says all it says and more
    short = "Panasonic to build a third battery plant in Kansas"
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    (tmp_path / "page.html").write_text(
        f"<html><head><title>{short}</title></head><body><header><p>{short}</p>"
        "<p>Government of Kansas</p></header><main><p>Ministry of Energy</p>"
        f"<h2>{HEADLINE}</h2><p>Posted On: 02 DEC 2022 4:12PM by KDC Topeka</p>"
        f"{paragraphs}</main></body></html>",
        encoding="utf-8",
    )
    page = process_file(tmp_path / "page.html", tmp_path)
    assert [i.headline for i in page.instances] == [HEADLINE]
    assert page.instances[0].blocks[0].text == BODY[0]


def test_when_no_line_is_likely_the_plausible_one_over_the_byline_is_the_headline() -> None:
    # on a site the scorer has not seen, every line may score under the threshold: what
    # stands over the byline block (past a name, the outlet, a place) is the headline
    from generator.head import choose, make_zone
    from generator.model import Line, RawArticle

    texts = [
        "The Kansas Ledger",
        "Economy",
        "Panasonic's Kansas plant puts De Soto on the battery map, but suppliers say the "
        "real test is who gets hired.",
        "Dana Whitcomb",
        "The Kansas Ledger",
        "De Soto",
        "Published on 08/03/2023 at 09:12",
        *BODY,
    ]
    lines = tuple(Line(n, text) for n, text in enumerate(texts, start=1))
    raw = RawArticle("page.txt", 1, None, None, None, lines)
    # (the longer the line, the likelier, and never likely: 0.16 for the headline, 0.06 for
    # a name or an outlet)
    n = len(FEATURES)
    weights = [0.0] * n
    weights[FEATURES.index("bias")], weights[FEATURES.index("words")] = -3.0, 4.0
    unsure = HeadModel(FEATURES, (0.0,) * n, (1.0,) * n, tuple(weights), (0.0,) * n, 0.25)
    head = choose(make_zone(raw, None), unsure)
    assert head.headline == 2


def test_a_wire_story_s_body_starts_at_its_dateline() -> None:
    # a release's deck printed as the first paragraph, without a full stop, over the
    # dateline: even a body scorer that takes the first line under the headline (as one
    # that never saw the site may) leaves the deck out of the body
    from generator.head import choose, make_zone
    from generator.model import Line, RawArticle

    deck = (
        "Plant to add 30 GWh of cells from 2027 at the De Soto site; state to provide $829 "
        "million in incentives tied to hiring milestones"
    )
    dateline = "TOPEKA, Kan., Dec. 2, 2022 /PR Wirelink/ -- " + BODY[0]
    texts = [HEADLINE, deck, dateline, *BODY[1:]]
    lines = tuple(Line(n, text) for n, text in enumerate(texts, start=1))
    raw = RawArticle("page.txt", 1, None, HEADLINE, 1, lines[1:])
    n = len(FEATURES)
    eager = HeadModel(FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, (5.0,) + (0.0,) * (n - 1))
    zone = make_zone(raw, None)
    assert zone.lines[choose(zone, eager, headline_fixed=True).body].text == dateline
