import json

from benchmarks import recommender as bench


def test_the_benchmark_prints_a_table_and_ends_with_its_figures(capsys):
    figures = bench.main(["--learners", "6", "--attempts", "25"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("variant") and json.loads(lines[-1]) == figures
    for variant in ("typical", "slow_learners", "fast_forgetting"):
        assert set(figures[variant]) >= {"fixed order", "random", "recommender"}
    assert 0 <= figures["success_model"]["held_out_brier"] <= 1
