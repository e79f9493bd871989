"""The web page in a real browser over ``newsgraph serve --db postgresql://...``: the sample corpus in a
database on the throwaway PostgreSQL server, one walk through search, an article and a dyad chart."""

from __future__ import annotations

import pytest
from conftest import new_database

from newsgraph.store import open_store
from tests.browser.test_browser import Watch, _open, browser, serving  # noqa: F401

pytestmark = pytest.mark.service


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory, sample_corpus):
    url = new_database("postgresql", tmp_path_factory.mktemp("browser-pg"))
    with open_store(url) as store:
        for article in sample_corpus:
            store.save_article(article)
    with serving(url) as base:
        yield base


def test_search_article_and_dyad_over_postgresql(browser, pg_server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    watch = Watch(page, pg_server)
    try:
        _open(page, pg_server + "/")
        page.fill("#search-input", "sanctions")
        page.click("#search-form button")
        page.wait_for_selector("[data-testid=search-results] a")
        page.click("text=Poland accuses Belarus over border crossings")
        page.wait_for_selector("[data-testid=article-text]")
        page.wait_for_selector("#view[data-state=ready]")
        text = page.locator("[data-testid=article-text]")
        assert [t.strip() for t in text.locator(".hl-event").all_inner_texts()] == [
            "accused",
            "criticized",
            "imposed sanctions",
        ]
        _open(page, pg_server + "/#/dyad/RUS/BLR")
        page.wait_for_selector("svg.chart rect.bar")
        assert page.locator("svg.chart rect.bar").count() == 3
        watch.assert_clean()
    finally:
        context.close()
