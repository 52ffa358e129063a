"""The speech package is tested as plain Python: its reference readings are kept in memory
(shared by the tests of one run), never in the app's database."""

import pytest

from speech import references

_SHARED = references.MemoryStore()


@pytest.fixture(autouse=True)
def references_in_memory():
    installed = references._store
    references.use_store(_SHARED)
    yield _SHARED
    references.use_store(installed)
