"""Synonyms are now taken from a word's main sense only, and checked for children.

Words saved before kept the old ones (e.g. man -> "homo", tail -> "bottom"), because
filling details never overwrites: re-derive every word's synonyms once here.
"""

from django.db import migrations


def rederive_synonyms(apps, schema_editor):
    import lexicon

    Word = apps.get_model("learning", "Word")
    for word in Word.objects.only("pk", "text", "synonyms").iterator():
        fresh = list(lexicon.lookup(word.text).synonyms)
        if fresh != word.synonyms:
            Word.objects.filter(pk=word.pk).update(synonyms=fresh)


class Migration(migrations.Migration):
    dependencies = [("learning", "0004_one_recording_pipeline")]

    operations = [migrations.RunPython(rederive_synonyms, migrations.RunPython.noop)]
