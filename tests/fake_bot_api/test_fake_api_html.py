"""The strict Telegram HTML parser, without any server."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.fake_bot_api import HtmlParseError, parse_html, utf16_len


def test_plain_text_and_escapes() -> None:
    parsed = parse_html("1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;ok&quot; &#65;&#x42;")
    assert parsed.text == '1 < 2 && 3 > 2 "ok" AB'
    assert parsed.entities == []


def test_nested_markup_gives_entities_in_utf16_units() -> None:
    parsed = parse_html(
        "😀 <b>bold <i>both</i></b> <a href='https://example.com/?a=1&b=2'>link</a>"
    )
    assert parsed.text == "😀 bold both link"
    assert parsed.entities == [
        {"offset": 3, "length": 9, "type": "bold"},
        {"offset": 8, "length": 4, "type": "italic"},
        {"offset": 13, "length": 4, "type": "text_link", "url": "https://example.com/?a=1&b=2"},
    ]


@pytest.mark.parametrize(
    ("source", "entity_type"),
    [
        ("<strong>x</strong>", "bold"),
        ("<em>x</em>", "italic"),
        ("<u>x</u>", "underline"),
        ("<ins>x</ins>", "underline"),
        ("<s>x</s>", "strikethrough"),
        ("<strike>x</strike>", "strikethrough"),
        ("<del>x</del>", "strikethrough"),
        ('<span class="tg-spoiler">x</span>', "spoiler"),
        ("<tg-spoiler>x</tg-spoiler>", "spoiler"),
        ("<code>x</code>", "code"),
        ("<pre>x</pre>", "pre"),
        ("<blockquote>x</blockquote>", "blockquote"),
        ("<blockquote expandable>x</blockquote>", "expandable_blockquote"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "custom_emoji"),
        ("<B>x</B>", "bold"),
    ],
)
def test_every_supported_tag(source: str, entity_type: str) -> None:
    assert [e["type"] for e in parse_html(source).entities] == [entity_type]


def test_pre_with_language() -> None:
    parsed = parse_html('<pre><code class="language-python">print(1)</code></pre>')
    assert parsed.entities == [{"offset": 0, "length": 8, "type": "pre", "language": "python"}]


def test_user_mention_link() -> None:
    users = {7: {"id": 7, "is_bot": False, "first_name": "Seven"}}
    parsed = parse_html('<a href="tg://user?id=7">you</a>', resolve_user=users.get)
    assert parsed.entities[0]["type"] == "text_mention"
    assert parsed.entities[0]["user"]["id"] == 7


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("é <br/>", 'Unsupported start tag "br/" at byte offset 3'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<a href="x>y</a>', 'Unclosed start tag "a" at byte offset 0'),
        ("<a href>y</a>", 'Expected equal sign in declaration of an attribute of the tag "a"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("AT&T", 'Unescaped "&" at byte offset 2'),
        ("&nbsp;", 'Unescaped "&" at byte offset 0'),
        ("&#60 no semicolon", 'Unescaped "&" at byte offset 0'),
    ],
)
def test_bad_markup_is_rejected(source: str, message: str) -> None:
    with pytest.raises(HtmlParseError) as error:
        parse_html(source)
    assert str(error.value).startswith(message)


@given(st.text())
def test_any_escaped_text_round_trips(text: str) -> None:
    parsed = parse_html(html.escape(text, quote=False))
    assert parsed.text == text
    assert utf16_len(parsed.text) == len(text.encode("utf-16-le")) // 2


@given(st.text(min_size=1), st.sampled_from(["b", "i", "u", "s", "code", "tg-spoiler"]))
def test_wrapped_text_gets_one_entity_covering_it(text: str, tag: str) -> None:
    parsed = parse_html(f"<{tag}>{html.escape(text)}</{tag}>")
    assert parsed.text == text
    assert [(e["offset"], e["length"]) for e in parsed.entities] == [(0, utf16_len(text))]
