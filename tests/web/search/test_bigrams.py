"""Index tokens and query terms: bigrams for Han text, words for ASCII, no Django needed."""

from __future__ import annotations

from duban.web.search.bigrams import index_tokens, parse_query


def test_it_indexes_han_runs_as_overlapping_bigrams_then_single_characters():
    assert index_tokens("康震制药") == "康震 震制 制药 康 震 制 药"


def test_it_keeps_ascii_words_lowercased_between_han_runs():
    assert index_tokens("建设5G基站") == "建设 5g 基站 建 设 基 站"


def test_it_folds_full_width_digits_and_letters():
    assert index_tokens("５Ｇ") == "5g"


def test_it_turns_a_two_character_word_into_one_exact_phrase():
    (term,) = parse_query("税收")
    assert term.phrases == (("税收",),) and term.exact


def test_it_turns_a_one_character_word_into_a_single_character_token():
    (term,) = parse_query("榴")
    assert term.phrases == (("榴",),) and term.exact


def test_it_marks_words_mixing_digits_and_han_for_a_check_against_the_text():
    (term,) = parse_query("4900户")
    assert term.phrases == (("4900",), ("户",)) and not term.exact


def test_it_splits_a_query_on_spaces_into_terms():
    assert [t.word for t in parse_query(" 石榴  产业 ")] == ["石榴", "产业"]
    assert parse_query("，。") == []
