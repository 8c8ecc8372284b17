"""Every rule's own examples, as parametrized tests with the rule ids; rule files are strict."""
from __future__ import annotations

import json

import pytest

from extractor.errors import RuleFileError
from extractor.rules import LANGUAGES, RULES_DIR, _read_file, check_rules, load_rules


def _all_rules():
    for lang in LANGUAGES:
        for path in sorted((RULES_DIR / lang).glob("*.jsonl")):
            yield from load_rules(lang, path.stem)


RULES = list(_all_rules())


def test_there_are_rules_for_both_languages():
    assert {r.id.split(".")[0] for r in RULES} == {"zh", "en"}
    assert len(RULES) >= 30


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule):
    assert rule.examples.match, f"{rule.id} has no positive example"
    for text in rule.examples.match:
        assert rule.pattern.search(text), f"{rule.id} should match {text!r}"
    for text in rule.examples.no_match:
        assert not rule.pattern.search(text), f"{rule.id} should not match {text!r}"


def test_check_rules_is_clean():
    count, problems = check_rules()
    assert problems == []
    assert count == len(RULES)


def test_bad_rule_file_reports_every_problem_with_its_line(tmp_path, monkeypatch):
    bad = tmp_path / "rules" / "zh"
    bad.mkdir(parents=True)
    lines = [
        json.dumps({"id": "zh.x.ok", "label": "X", "regex": "a"}),
        "{not json",
        json.dumps({"id": "zh.x.bad", "label": "X", "regex": "(", "extra": 1}),
    ]
    (bad / "x.jsonl").write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr("extractor.rules.RULES_DIR", tmp_path / "rules")
    problems: list[str] = []
    rules = _read_file(bad / "x.jsonl", problems)
    assert [r.id for r in rules] == ["zh.x.ok"]
    assert any(p.startswith("rules/zh/x.jsonl:2: not JSON") for p in problems)
    assert any("rules/zh/x.jsonl:3: regex" in p for p in problems)
    assert any("rules/zh/x.jsonl:3: extra" in p for p in problems)
    load_rules.cache_clear()
    with pytest.raises(RuleFileError) as err:
        load_rules("zh", "x")
    assert "3 problem(s)" in str(err.value)
    load_rules.cache_clear()
