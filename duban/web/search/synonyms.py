"""Synonyms at query time (同义词): a query word that belongs to a group of the organization's
list matches texts containing any word of the group, on SQLite and PostgreSQL alike (the
backends get the alternatives as OR of the same term shapes). The office edits its list on a
small page; an organization that never has, uses STARTER."""

from __future__ import annotations

from django.db import transaction

from duban.web.audit.services import audit_record
from duban.web.orgs.models import Organization
from duban.web.search.bigrams import Term, parse_query
from duban.web.search.models import Synonym

# Words of the 《政府工作报告》 and their usual short forms: each line one group.
STARTER = (
    "棚改 棚户区改造 棚户区",
    "双招双引 招商引资 招才引智",
    "招商引资 招商",
    "老旧小区改造 老旧小区",
    "新旧动能转换 动能转换",
    "规上工业 规模以上工业",
    "规上企业 规模以上企业",
    "固投 固定资产投资",
    "专项债 专项债券",
    "一网通办 一网通办理",
    "放管服 简政放权",
    "双创 大众创业万众创新",
    "河长制 河湖长制",
    "高标准农田 高标农田",
    "PPP 政府和社会资本合作",
    "GDP 地区生产总值 生产总值",
)
MAX_GROUPS = 500
MAX_WORDS = 10


class SynonymError(Exception):
    """A line of the list that cannot be a group, with the line's number."""


def groups_of(organization_id: int | None) -> list[tuple[str, ...]]:
    """The organization's groups, or the starter list (also for a search across organizations)."""
    rows = (
        list(
            Synonym.objects.filter(organization_id=organization_id).values_list("words", flat=True)
        )
        if organization_id
        else []
    )
    return [tuple(line.split()) for line in (rows or STARTER)]


def expand(terms: list[Term], groups: list[tuple[str, ...]]) -> list[Term]:
    """Each term with its group's other words as alternatives (Term.alternatives)."""
    by_word: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for word in group:
            by_word.setdefault(word.lower(), ())
            by_word[word.lower()] += tuple(w for w in group if w.lower() != word.lower())
    out = []
    for term in terms:
        others = dict.fromkeys(by_word.get(term.word.lower(), ()))
        alternatives = tuple(t for w in others for t in parse_query(w))
        out.append(term.with_alternatives(alternatives) if alternatives else term)
    return out


def parse_list(text: str) -> list[str]:
    """The page's textarea: one group a line, words separated by spaces, 、 , ， or =."""
    groups = []
    for number, raw in enumerate(text.splitlines(), 1):
        words = list(
            dict.fromkeys(
                raw.replace("=", " ")
                .replace("、", " ")
                .replace("，", " ")
                .replace(",", " ")
                .split()
            )
        )
        if not words:
            continue
        if len(words) < 2:
            raise SynonymError(f"第 {number} 行只有一个词：同义词组至少要两个词")
        if len(words) > MAX_WORDS or any(len(w) > 30 for w in words):
            raise SynonymError(f"第 {number} 行过长：每组最多 {MAX_WORDS} 个词，每词最多 30 字")
        groups.append(" ".join(words))
    if len(groups) > MAX_GROUPS:
        raise SynonymError(f"最多 {MAX_GROUPS} 组同义词")
    return groups


def synonyms_save(organization: Organization, text: str, *, actor) -> list[str]:
    """Replace the organization's list (audited, before and after); SynonymError leaves it."""
    groups = parse_list(text)
    with transaction.atomic():
        before = [
            g
            for g in Synonym.objects.filter(organization=organization).values_list(
                "words", flat=True
            )
        ]
        Synonym.objects.filter(organization=organization).delete()
        Synonym.objects.bulk_create(Synonym(organization=organization, words=g) for g in groups)
        audit_record(
            "synonyms_save",
            organization,
            actor=actor,
            before={"groups": before},
            after={"groups": groups},
        )
    return groups
