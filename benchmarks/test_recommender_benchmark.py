import json

from benchmarks import recommender as bench
from recommender import simulator


def test_the_benchmark_prints_a_table_and_ends_with_its_figures(capsys):
    figures = bench.main(["--learners", "6", "--attempts", "25"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("simulated judge: accepts 96.7 %") and "rejects 91.0 %" in lines[0]
    assert lines[1].startswith("variant") and json.loads(lines[-1]) == figures
    for variant in ("typical", "slow_learners", "fast_forgetting"):
        assert set(figures[variant]) >= {"fixed order", "random", "recommender"}
    assert 0 <= figures["success_model"]["held_out_brier"] <= 1
    assert figures["judge"] == {
        "accepts_right": simulator.JUDGE.accepts_right,
        "rejects_wrong": simulator.JUDGE.rejects_wrong,
    }


def test_it_runs_with_the_judge_rates_it_is_given(capsys):
    figures = bench.main(
        ["--learners", "6", "--attempts", "25", "--judge-accepts-right", "1", "--judge-rejects-wrong", "1"]
    )
    assert figures["judge"] == {"accepts_right": 1.0, "rejects_wrong": 1.0}
    fit = figures["success_model"]
    # A judge that never errs: its verdicts are the true readings.
    assert fit["held_out_auc"] == fit["held_out_auc_true_readings"]
    assert fit["ceiling_auc"] == fit["ceiling_auc_true_readings"]
