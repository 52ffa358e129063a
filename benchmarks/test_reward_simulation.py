"""The rewards benchmark's simulator: fixed seeds, disjoint seed sets, and no knowledge of the award rules."""

import ast
from pathlib import Path

from benchmarks import reward_simulation as sim

POLICIES = ["steady", "returner", "random", "crammer", "star farmer"]
WORDS = [sim.Word(f"w{n}", 0.15 + 0.02 * n, "SH") for n in range(30)]


def tries(learner):
    return [(t.day, t.word.text, t.score) for t in sim.simulate(learner, WORDS, 30)]


def test_the_same_seeds_make_the_same_learners_and_the_same_tries():
    first, again = sim.cast(1, 2, POLICIES), sim.cast(1, 2, POLICIES)
    assert [(s.ability, s.tries_per_session, s.seed) for s in first] == [
        (s.ability, s.tries_per_session, s.seed) for s in again
    ]
    assert tries(first[0]) == tries(again[0])


def test_tuning_and_evaluation_seed_sets_share_no_learner():
    tuning = {s.seed for s in sim.cast(1, 20, POLICIES)}
    evaluation = {s.seed for s in sim.cast(2, 20, POLICIES)}
    assert len(tuning) == len(evaluation) == 100 and not tuning & evaluation


def test_a_crammer_keeps_fewer_words_a_week_on_than_a_steady_learner_of_the_same_ability():
    steady = sim.SimLearner("steady", "steady", 1.0, 8, seed=7)
    crammer = sim.SimLearner("crammer", "crammer", 1.0, 8, seed=7)
    last = {}
    for learner in (steady, crammer):
        last[learner.policy] = max(day for day, _, _ in tries(learner))
    assert crammer.retained(WORDS, last["crammer"] + 7) < steady.retained(WORDS, last["steady"] + 7)


def test_the_simulator_imports_no_app_and_nothing_about_rewards():
    tree = ast.parse(Path(sim.__file__).read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"math", "random", "dataclasses"}
