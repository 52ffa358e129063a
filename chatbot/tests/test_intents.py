"""The classifier's data: the evaluation set is big enough, covers every intent, and was never trained on."""

from chatbot import intents


def test_the_evaluation_set_is_never_trained_on():
    trained = {text for _, text in intents.training_examples()}
    evaluated = [intents.tidy(text) for _, text, _ in intents.evaluation_examples()]
    assert len(evaluated) >= 200
    assert not trained & set(evaluated)


def test_the_evaluation_set_covers_every_intent_with_off_topic_and_injections():
    labels = [label for label, _, _ in intents.evaluation_examples()]
    assert set(labels) == set(intents.INTENTS)
    assert labels.count("other") >= 40


def test_an_empty_or_unsure_message_is_other():
    assert intents.classify("   ").name == "other"
    assert intents.classify("zzkx qwpv").name == "other"
