from django import forms

from .models import User
from .preferences import FIELDS


class SignupDetailsForm(forms.Form):
    """Extra sign-up questions; allauth calls signup() once the user exists."""

    display_name = forms.CharField(
        label="Your first name", max_length=60, help_text="We use it to greet you."
    )
    role = forms.ChoiceField(
        label="I am",
        choices=[
            (User.Role.LEARNER, "Learning to read words"),
            (User.Role.PARENT, "A parent or teacher following a learner"),
        ],
        initial=User.Role.LEARNER,
        widget=forms.RadioSelect,
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.role = self.cleaned_data["role"]
        user.save(update_fields=["display_name", "role"])


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = FIELDS
        widgets = {name: forms.RadioSelect for name in FIELDS}
        labels = {
            "font": "Letter shapes (font)",
            "text_size": "Text size",
            "letter_spacing": "Space between letters",
            "word_spacing": "Space between words",
            "line_spacing": "Space between lines",
            "background": "Page colour",
            "line_focus": "Line focus (a reading ruler)",
        }


class DeleteAccountForm(forms.Form):
    """Deleting everything asks for the password: a shared tablet must not lose a child's work by a tap."""

    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Please type your password to delete the account."},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password isn't right. Nothing was deleted.")
        return password
