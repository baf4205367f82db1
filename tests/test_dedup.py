from __future__ import annotations

import random
from dataclasses import replace

from generator.dedup import deduplicate, derive_title
from generator.model import Block, BlockKind, Instance

P = [
    "Tesla has started building a new battery line at Giga Berlin that will make cells for the Model Y, according to a filing with the state environment agency.",
    "The line is expected to produce enough cells for about 50,000 vehicles a year once it reaches full output in the second half of next year.",
    "Local officials said the expansion does not need a new water permit because the plant will reuse water from its existing treatment facility.",
    "Tesla did not respond to a request for comment on the filing or on the timeline for the additional production equipment.",
]
OTHER = [
    "Tesla's Giga Berlin plant in Grünheide produced its 500,000th Model Y this week, the company said in a post celebrating the milestone with workers.",
    "The factory, which opened in March 2022, now employs about 12,000 people and builds roughly 5,000 cars a week across two shifts.",
    "Plant manager André Thierig said the next goal is to add a third shift once demand in Europe recovers from its slow start this year.",
]


def inst(
    source: str,
    paragraphs: list[str],
    headline: str | None = "Tesla builds new battery line at Giga Berlin",
) -> Instance:
    blocks = tuple(Block(BlockKind.PARAGRAPH, p, n) for n, p in enumerate(paragraphs, start=1))
    return Instance(source, 0, "News", headline, 1, None, blocks)


def test_exact_copies_merge() -> None:
    articles, merges = deduplicate([inst("a.txt", P), inst("b.txt", P)])
    assert len(articles) == 1 and articles[0].sources == ["a.txt", "b.txt"]
    assert merges[0].reason == "same text" and merges[0].similarity == 1.0


def test_reformatted_and_truncated_copies_merge_without_losing_paragraphs() -> None:
    reformatted = [p.replace("’", "'").replace(",", "") for p in P[:3]] + [
        "An extra closing paragraph only this site printed, with quotes from a local politician."
    ]
    truncated = [P[0], P[1][:60]]
    articles, merges = deduplicate(
        [inst("a.txt", P), inst("b.txt", reformatted, None), inst("c.txt", truncated)]
    )
    assert len(articles) == 1
    texts = [b.text for b in articles[0].blocks]
    for paragraph in P:
        assert paragraph in texts
    assert texts.count(P[1]) == 1 and P[1][:60] not in texts
    assert (
        "An extra closing paragraph only this site printed, with quotes from a local politician."
        in texts
    )
    assert articles[0].title == "Tesla builds new battery line at Giga Berlin"


def test_different_stories_on_the_same_subject_do_not_merge() -> None:
    articles, merges = deduplicate(
        [inst("a.txt", P), inst("b.txt", OTHER, "Giga Berlin hits 500,000 cars")]
    )
    assert len(articles) == 2 and merges == []


def test_ids_are_stable_and_unique() -> None:
    a1, _ = deduplicate([inst("a.txt", P), inst("b.txt", OTHER)])
    a2, _ = deduplicate([inst("b.txt", OTHER), inst("a.txt", P)])
    assert sorted(a.id for a in a1) == sorted(a.id for a in a2)
    assert len({a.id for a in a1}) == 2  # same headline, different stories


def test_derived_title_skips_dateline_and_cuts_at_a_word() -> None:
    blocks = [
        Block(
            BlockKind.PARAGRAPH,
            "BERLIN, Feb 20 (Reuters) - Volkswagen's software unit will cut about 2,000 jobs by the end of next year as it reorganises.",
        )
    ]
    title = derive_title(blocks)
    assert title.startswith("Volkswagen's software unit will cut about 2,000 jobs")
    assert len(title) <= 81 and title.endswith("…")


def test_a_merged_body_takes_the_blocks_of_every_copy() -> None:
    words = " ".join(P + OTHER).split()
    bodies = []
    instances = []
    for n in range(8):  # stories whose copies differ: the merged body takes blocks of each
        rng = random.Random(n)
        body = [" ".join(rng.sample(words, 30)) + "." for _ in range(5)]
        extra = " ".join(rng.sample(words, 25)) + "."
        bodies.append(body + [extra])
        instances += [
            inst(f"{n}-a.txt", body, f"Story {n}"),
            inst(f"{n}-b.txt", body[1:] + [extra], f"Story {n}"),
            inst(f"{n}-c.txt", body[:2], None),
        ]
    articles, merges = deduplicate(instances)
    assert len(merges) == 8
    assert [[block.text for block in article.blocks] for article in articles] == bodies


COLUMN = [
    "Every few months a car company discovers that a battery plant is harder to run than to "
    "announce, and every time the lesson seems to surprise somebody new in the boardroom.",
    "This week it was Tesla's turn again. Here is how the filing was reported on Tuesday:",
    *P[:3],
    "Read that again. A plant that reuses its own water is the cheapest kind of plant to "
    "expand, and it is also the kind that local politicians like to be photographed beside.",
    "The harder question is who will work there. Brandenburg has fewer unemployed "
    "engineers than it has open jobs, and the new line needs hundreds more of them.",
    "My guess is that the line arrives late, and that nobody outside the region notices.",
]


def test_a_column_quoting_a_story_is_not_a_copy_of_it() -> None:
    """The story's short copy is inside the column, but the column is its own article: its
    opening is not the story's, and it prints another headline."""
    wire, short = inst("wire.txt", P), inst("short.txt", P[:3])
    column = inst("column.txt", COLUMN, headline="Battery plants are easy to announce")
    articles, _ = deduplicate([wire, short, column])
    by_source = {source: a.title for a in articles for source in a.sources}
    assert by_source["wire.txt"] == by_source["short.txt"]
    assert by_source["column.txt"] == "Battery plants are easy to announce"
    assert len(articles) == 2


def test_a_copy_cut_short_is_still_a_copy_without_a_headline() -> None:
    full, short = inst("full.txt", P, headline=None), inst("short.txt", P[:1], headline=None)
    articles, merges = deduplicate([full, short])
    assert len(articles) == 1 and merges[0].reason.startswith("truncated copy")


def test_a_teaser_with_its_listings_section_glued_to_it_joins_its_story() -> None:
    """A "Read next" list prints the section and the headline as one run: "Autos &
    TransportationTesla builds …". The headline after the glue is the story's."""
    glued = "Autos & TransportationTesla builds new battery line at Giga Berlin"
    teaser = replace(inst("list.txt", []), headline=glued, teaser=True)
    articles, _ = deduplicate([inst("a.txt", P), teaser])
    assert len(articles) == 1 and articles[0].sources == ["a.txt", "list.txt"]
    # (glued to a brand's capital, no part of the headline is another story's)
    other = replace(teaser, headline="Autos & TransportationTesla builds a new battery line")
    assert [a.sources for a in deduplicate([inst("a.txt", P), other])[0]] == [["a.txt"]]
