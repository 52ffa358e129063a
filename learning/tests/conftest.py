import pytest


@pytest.fixture(autouse=True)
def fresh_reference_books():
    """Each test starts like a new process: no reference readings in memory (rows of the
    database roll back with the test, so scores kept in memory would outlive them)."""
    from learning.references import DatabaseReferenceStore
    from speech.references import use_store

    use_store(DatabaseReferenceStore())
    yield
