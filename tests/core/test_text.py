from stocktake_desktop.text import normalise_line, normalise_text, removed_characters


def test_word_vertical_tab_and_carriage_returns_become_newlines() -> None:
    assert normalise_text("one\x0btwo\r\nthree\rfour\x0cfive") == "one\ntwo\nthree\nfour\nfive"


def test_control_characters_and_non_characters_are_removed() -> None:
    dirty = "a\x00b\x07c\x1bd\x7fe\x85f\ufffeg\uffffh"
    assert normalise_text(dirty) == "abcdefgh"
    assert removed_characters(dirty) == 7


def test_lone_surrogates_are_removed_but_pairs_kept() -> None:
    assert normalise_text("x\ud800y\udc00z") == "xyz"
    assert normalise_text("family 👨‍👩‍👧 ok") == "family 👨‍👩‍👧 ok"


def test_tabs_newlines_scripts_and_markup_are_kept_exactly() -> None:
    text = "Tab\there\nZażółć gęślą jaźń Ωμέγα Привет עברית مرحبا “quotes” • <b>&amp;</b> =SUM(A1)"
    assert normalise_text(text) == text


def test_normalise_line_folds_whitespace() -> None:
    assert normalise_line("  Leicester\nshire \t County ") == "Leicester shire County"
