import factory

from learning.models import Level, Tag, Word


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level
        django_get_or_create = ("order",)

    order = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda level: f"Level {level.order}")
    focus = "short a"
    description = "Words with a short a sound."


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = "cvc"


class WordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Word

    level = factory.SubFactory(LevelFactory)
    text = factory.Iterator(["cat", "map", "bag", "hat", "van", "jam", "pan", "rat", "cap", "sad"])
    position = factory.Sequence(lambda n: n)
    example_sentence = factory.LazyAttribute(lambda word: f"I can see the {word.text}.")
