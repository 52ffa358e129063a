from django import forms
from django.utils import timezone

from .models import User, known_time_zones
from .preferences import FIELDS


def browser_time_zone_field():
    """Filled by static/js/site/time-zone.js with the browser's zone; empty without JavaScript."""
    return forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput(attrs={"data-time-zone": ""})
    )


def known_zone_or(value: str, fallback: str) -> str:
    return value if value in known_time_zones() else fallback


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
    time_zone = browser_time_zone_field()
    consent = forms.BooleanField(
        label="I am 13 or older, or my parent or carer has said yes to this account.",
        error_messages={"required": "Please ask a parent or carer, then tick this box."},
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.role = self.cleaned_data["role"]
        user.time_zone = known_zone_or(self.cleaned_data.get("time_zone", ""), "")
        user.consent_given_at = timezone.now()
        user.save(update_fields=["display_name", "role", "time_zone", "consent_given_at"])


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = (*FIELDS, "time_zone")
        widgets = {
            **{name: forms.RadioSelect for name in FIELDS},
            "time_zone": forms.HiddenInput(attrs={"data-time-zone": ""}),
        }
        labels = {
            "font": "Letter shapes (font)",
            "text_size": "Text size",
            "letter_spacing": "Space between letters",
            "word_spacing": "Space between words",
            "line_spacing": "Space between lines",
            "background": "Page colour",
            "line_focus": "Line focus (a reading ruler)",
        }

    def clean_time_zone(self):
        # Sent by the browser: a zone we don't know (or none, without JavaScript) keeps the one we have.
        return known_zone_or(self.cleaned_data.get("time_zone") or "", self.instance.time_zone)


PIN_FIELD = dict(
    min_length=4,
    max_length=8,
    strip=True,
    widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
)


def check_pin(pin: str) -> str:
    if not pin.isdigit():
        raise forms.ValidationError("A PIN is 4 to 8 numbers.")
    if len(set(pin)) == 1:
        raise forms.ValidationError("Please choose a PIN that is not one number repeated.")
    return pin


class PinForm(forms.Form):
    pin = forms.CharField(label="New PIN (4 to 8 numbers)", **PIN_FIELD)
    pin_again = forms.CharField(label="The same PIN again", **PIN_FIELD)

    def clean_pin(self):
        return check_pin(self.cleaned_data["pin"])

    def clean(self):
        data = super().clean()
        if data.get("pin") and data.get("pin_again") and data["pin"] != data["pin_again"]:
            self.add_error("pin_again", "The two PINs are not the same.")
        return data


class ChildAccountForm(PinForm):
    display_name = forms.CharField(label="Your child's first name", max_length=60)
    login_name = forms.CharField(
        label="Login name",
        max_length=30,
        help_text="What your child types to log in: 3 to 30 small letters or numbers, e.g. sam.b",
    )
    consent = forms.BooleanField(
        label=(
            "I am this child's parent or carer. I agree to this account, and to recordings of their "
            "voice being kept for a few weeks so the site can check their reading."
        ),
        error_messages={
            "required": "Only a parent or carer can make a child's account: please tick the box."
        },
    )
    field_order = ["display_name", "login_name", "pin", "pin_again", "consent"]

    def clean_login_name(self):
        name = self.cleaned_data["login_name"].strip().lower()
        User._meta.get_field("login_name").run_validators(name)
        if User.objects.filter(login_name=name).exists():
            raise forms.ValidationError("That login name is taken. Please try another.")
        return name


class RenameForm(forms.Form):
    display_name = forms.CharField(label="First name", max_length=60)


class LinkCodeForm(forms.Form):
    code = forms.CharField(
        label="The learner's link code",
        max_length=20,
        help_text="8 letters and numbers, like ABCD-2345. The learner makes it on their Family links page.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ChildLoginForm(forms.Form):
    login_name = forms.CharField(
        label="Login name", max_length=30, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    pin = forms.CharField(
        label="PIN",
        max_length=8,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "current-password"}),
    )


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
