from __future__ import annotations

from counseling.markup import markdown_to_html, markdown_to_text


def test_it_keeps_headings_lists_emphasis_and_links():
    html = markdown_to_html("# Title\n\n## Part\n\n- one **two**\n- [IRS](https://www.irs.gov/)\n")
    assert "<h2>Title</h2>" in html
    assert "<li>one <strong>two</strong></li>" in html
    assert 'href="https://www.irs.gov/"' in html


def test_it_drops_images_scripts_styles_and_event_handlers():
    html = markdown_to_html(
        'Text <img src="http://example.com/x.png"> <script>alert(1)</script>'
        '<style>p{}</style><p onclick="x()">hi</p> <a href="javascript:alert(1)">x</a>'
    )
    assert "<img" not in html
    assert "<script" not in html and "alert(1)" not in html.replace('href=""', "")
    assert "<style" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_it_gives_plain_words_for_readability():
    assert markdown_to_text("## Head\n\nSome *text* &amp; more.") == "Head Some text & more."
