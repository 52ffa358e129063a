from django import forms


class LookupForm(forms.Form):
    # Generous on purpose: a long paste gets a kind message from rules.check_input, not a bare error.
    word = forms.CharField(label="Type any word", max_length=200, required=False)
