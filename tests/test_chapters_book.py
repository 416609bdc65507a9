"""The border, trade and transport chapters build, name their figures and glue their numbers."""

from analysis.pipeline import load
from conftest import page_text

FIGURES = {"border": ("fig-border-timeline", "fig-border-lengths"),
           "trade": ("fig-trade-turnover",),
           "transport": ("fig-transport-map", "fig-railway-figures")}


def test_each_chapter_has_its_named_figures(built_html):
    for chapter, names in FIGURES.items():
        html = (built_html / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        for name in names:
            assert f'id="{name}"' in html, (chapter, name)


def test_glued_numbers_reach_the_prose(built_html):
    border = page_text(built_html / "book" / "border.html")
    assert "The first is the memorandum on the delimitation of the border of 1999-04-09" in border
    assert "range from 413 km to 458.263 km" in border
    trade = page_text(built_html / "book" / "trade.html")
    assert "showed 30 % increase" in trade
    assert "to Turkmenistan of 60 commodity items worth 130 million US dollars" in trade
    assert "growth of 11.7 per cent, 18.3 percentage points below the claim" in trade
    transport = page_text(built_html / "book" / "transport.html")
    links = load.table("transport_links")
    named = links[links["kind"] != "segment"]     # the route's segments are the railway again
    assert f"The text names {len(named)} links" in transport
    assert "its 5 stops make 4 segments" in transport
    assert "without one, and so not drawn: Almaty, Avaza, Balkan province, Bolashak, " \
           "Gyzylgaya" in transport
