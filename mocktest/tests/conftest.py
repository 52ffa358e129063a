import pytest

from .sittings import make_level, ready_for_test


@pytest.fixture
def level_one(db):
    return make_level(1, title="Short a")


@pytest.fixture
def level_two(db):
    return make_level(2, ["ship", "chip", "thin"], size=3, title="Digraphs")


@pytest.fixture
def ready(alice, level_one):
    """Alice has mastered every word of level 1: its test is open to her."""
    ready_for_test(alice, level_one)
    return level_one
