import secrets
import zoneinfo
from functools import cache

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from .access import visible_learner_q


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Learners whose progress ``user`` may read: themself, or the learners they follow.

        Staff read progress through the admin, not these pages.
        """
        if not user.is_authenticated or not (user.is_learner or user.is_parent):
            return self.none()
        return self.filter(role=User.Role.LEARNER).filter(visible_learner_q(user, "pk"))


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_child(self, login_name, pin, **extra):
        """A learner without an e-mail address who logs in with a name and a PIN (see backends.py)."""
        user = self.model(login_name=login_name.lower(), email=None, role=User.Role.LEARNER, **extra)
        user.set_password(pin)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=User.Role.STAFF)
        return self._create(email, password, **extra)


class User(AbstractUser):
    class Role(models.TextChoices):
        LEARNER = "learner", "Learner"
        PARENT = "parent", "Parent or teacher"
        STAFF = "staff", "Staff"

    class Font(models.TextChoices):
        LEXEND = "lexend", "Lexend"
        ATKINSON = "atkinson", "Atkinson Hyperlegible"
        OPENDYSLEXIC = "opendyslexic", "OpenDyslexic"

    class TextSize(models.TextChoices):
        MEDIUM = "medium", "Medium"
        LARGE = "large", "Large"
        EXTRA_LARGE = "xlarge", "Extra large"

    class Spacing(models.TextChoices):
        NORMAL = "normal", "Normal"
        WIDE = "wide", "Wide"
        WIDER = "wider", "Extra wide"

    class Background(models.TextChoices):
        CREAM = "cream", "Cream"
        PEACH = "peach", "Peach"
        MINT = "mint", "Mint"
        SKY = "sky", "Sky blue"
        GREY = "grey", "Soft grey"
        DARK = "dark", "Dark"

    class LineFocus(models.TextChoices):
        OFF = "off", "Off"
        RULER = "ruler", "A reading ruler under the line"
        FOCUS = "focus", "Shade all but the line I am reading"

    username = None
    # Children often have no e-mail: such accounts have a login name and a PIN instead.
    # NULL, not "", so uniqueness holds for the addresses that exist.
    email = models.EmailField("e-mail address", unique=True, null=True, blank=True)
    login_name = models.CharField(
        "login name",
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9][a-z0-9._-]{2,29}$", "Use 3 to 30 small letters or numbers (also . _ -)."
            )
        ],
        help_text="For a child's account without e-mail: the name they log in with.",
    )
    time_zone = models.CharField(
        max_length=64, blank=True, help_text="Where the learner lives; their days start at local midnight."
    )
    weekly_summary = models.BooleanField(
        "weekly summary e-mail", default=True, help_text="Parents: a short e-mail each week."
    )
    display_name = models.CharField("name", max_length=60, blank=True, help_text="What the site calls you.")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.LEARNER)

    font = models.CharField(max_length=16, choices=Font.choices, default=Font.LEXEND)
    text_size = models.CharField(max_length=8, choices=TextSize.choices, default=TextSize.LARGE)
    letter_spacing = models.CharField(max_length=8, choices=Spacing.choices, default=Spacing.WIDE)
    word_spacing = models.CharField(max_length=8, choices=Spacing.choices, default=Spacing.WIDE)
    line_spacing = models.CharField(max_length=8, choices=Spacing.choices, default=Spacing.WIDE)
    consent_given_at = models.DateTimeField(
        null=True, blank=True, help_text="When the account holder (or, for a child, a parent) agreed to it."
    )
    consent_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The parent or carer who agreed to a child's account.",
    )
    background = models.CharField(max_length=8, choices=Background.choices, default=Background.CREAM)
    # Follows the pointer, a finger or the keyboard focus (static/js/site/line-focus.js).
    line_focus = models.CharField(max_length=8, choices=LineFocus.choices, default=LineFocus.OFF)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email or self.login_name or f"user {self.pk}"

    def save(self, *args, **kwargs):
        self.email = self.email or None
        self.login_name = self.login_name.lower() if self.login_name else None
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        if self.display_name:
            return self.display_name
        return self.email.split("@")[0] if self.email else (self.login_name or "")

    @property
    def is_child_account(self) -> bool:
        """Logs in with a login name and a PIN; its linked parents manage it."""
        return bool(self.login_name) and not self.email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The learner's own time zone, or the site's when the browser never told us."""
        if self.time_zone in known_time_zones():
            return zoneinfo.ZoneInfo(self.time_zone)
        return timezone.get_default_timezone()

    def today(self):
        return timezone.localdate(timezone=self.zone)

    @property
    def is_learner(self) -> bool:
        return self.role == self.Role.LEARNER

    @property
    def is_parent(self) -> bool:
        return self.role == self.Role.PARENT


class ParentLink(models.Model):
    """A parent or teacher who may follow a learner's progress (read-only)."""

    parent = models.ForeignKey(User, on_delete=models.CASCADE, related_name="child_links")
    learner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="parent_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "learner"], name="unique_parent_link"),
        ]

    def __str__(self):
        return f"{self.parent} follows {self.learner}"


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


# No 0/O or 1/I/L: a child reads the code out to a parent.
LINK_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LINK_CODE_LENGTH = 8


def new_link_code() -> str:
    return "".join(secrets.choice(LINK_CODE_ALPHABET) for _ in range(LINK_CODE_LENGTH))


class LinkCodeQuerySet(models.QuerySet):
    def usable(self, now=None):
        return self.filter(used_at__isnull=True, expires_at__gt=now or timezone.now())


class LinkCode(models.Model):
    """A short code a learner (or a parent making a child's account) hands to a parent to link them.

    Single use and short-lived, so it is kept as typed: the learner reads it out again.
    """

    VALID_FOR_MINUTES = 30

    learner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="link_codes")
    code = models.CharField(max_length=LINK_CODE_LENGTH, unique=True, default=new_link_code)
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = LinkCodeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"link code for {self.learner}"

    @property
    def pretty(self) -> str:
        """ABCD-EFGH: two short groups are easier to read out and type."""
        return f"{self.code[:4]}-{self.code[4:]}"
