"""Batch judging's benchmark measures the same work both ways: batched scores equal one-at-a-time ones."""

import shutil

import pytest

from benchmarks import batch_judging
from speech.tests.test_recognition import needs_whisper


@pytest.mark.slow
@needs_whisper
@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="needs espeak-ng")
def test_recordings_scored_in_one_batch_score_as_they_do_one_at_a_time():
    from speech.judge import candidates_for
    from speech.recognisers.whisper import WhisperRecogniser

    whisper = WhisperRecogniser(model_name="tiny.en")
    words = ["ship", "rabbit", "frog"]  # American, British, American readings
    clips = batch_judging.readings(words)

    alone = batch_judging.one_at_a_time(whisper, clips, words)
    together = batch_judging.batched(whisper, clips, words)

    # Some candidate's spelling is longer than one token, so the teacher-forcing call is tested too.
    assert any(len(tokens) > 1 for scores in alone for w in scores for tokens in whisper._spellings(w))
    for one, other in zip(alone, together, strict=True):
        assert one == pytest.approx(other, abs=1e-3)  # tiny.en's float kernels: the same numbers
    # The scores mean something: each clear American reading beats the word's classic confusions.
    for scores, word in ((alone[0], "ship"), (alone[2], "frog")):
        rivals = [w for w in candidates_for(word) if w in scores]
        assert rivals and all(scores[word] > scores[w] for w in rivals)
