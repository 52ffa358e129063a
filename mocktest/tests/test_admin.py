"""Staff read mock tests in the admin; learners' tests are not made or edited there."""

import pytest
from django.urls import reverse

from .sittings import sit_test

pytestmark = pytest.mark.django_db


def test_staff_list_tests_items_and_progress_filtered(
    client, sam, alice, ready, django_assert_max_num_queries
):
    test = sit_test(alice, ready, right=8)
    client.force_login(sam)
    for name in ("mocktest_mocktest", "mocktest_mocktestitem", "mocktest_levelprogress"):
        with django_assert_max_num_queries(12):
            response = client.get(
                reverse(f"admin:{name}_changelist"),
                {"level__id__exact": ready.pk} if name == "mocktest_mocktest" else {},
            )
        assert response.status_code == 200, name
    assert client.get(reverse("admin:mocktest_mocktest_change", args=[test.pk])).status_code == 200
    assert client.get(reverse("admin:mocktest_mocktest_add")).status_code == 403


def test_a_learner_cannot_open_the_admin(client, alice):
    client.force_login(alice)
    assert client.get(reverse("admin:mocktest_mocktest_changelist")).status_code == 302
