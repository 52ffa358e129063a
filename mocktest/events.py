"""What happened in mock tests, for the apps above (rewards) to hang their own work on.

Sent inside the action's transaction; see learning/events.py for how receivers behave.
"""

from django.dispatch import Signal

# A test was scored. Sent with: test, progress, unlocked (the level it opened, if any).
mock_test_finished = Signal()
