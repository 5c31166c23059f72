"""Markdown the kansli (or a steering group) writes can never take a page down: a nesting
deeper than Python's stack ("- - - - …", "1. 1. 1. …") raised RecursionError (a 500 on
every page that shows the text), and thousands of unmatched "[" took seconds per render."""

import time

import pytest

from finsam.markdown import markdown_html


@pytest.mark.parametrize("text", ["- " * 3000 + "x", "1. " * 3000, "> " * 6000 + "x"])
def test_deep_nesting_is_shown_as_text(text):
    html = markdown_html(text)
    assert html.startswith("<")
    assert "x" in html or "1." in html or "&gt;" in html or ">" in html


@pytest.mark.parametrize("text", ["[" * 10_000, "[x" * 5000, "![" * 5000])
def test_unmatched_brackets_render_quickly(text):
    start = time.monotonic()
    html = markdown_html(text)
    assert time.monotonic() - start < 2
    assert "[" in html


def test_ordinary_markdown_is_unchanged():
    html = markdown_html("Se [rapporten](https://example.org) och\n\n- ett\n- två")
    assert '<a href="https://example.org"' in html
    assert "<li>ett</li>" in html


def test_html_in_the_fallback_is_escaped():
    html = markdown_html("<script>alert(1)</script>\n\n" + "- " * 3000)
    assert "<script>" not in html
