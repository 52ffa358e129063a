from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

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
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField("name", max_length=60, blank=True, help_text="What the site calls you.")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.LEARNER)

    font = models.CharField(max_length=16, choices=Font.choices, default=Font.LEXEND)
    text_size = models.CharField(max_length=8, choices=TextSize.choices, default=TextSize.LARGE)
    letter_spacing = models.CharField(max_length=8, choices=Spacing.choices, default=Spacing.WIDE)
    word_spacing = models.CharField(max_length=8, choices=Spacing.choices, default=Spacing.WIDE)
    line_spacing = models.CharField(max_length=8, choices=Spacing.choices, default=Spacing.WIDE)
    background = models.CharField(max_length=8, choices=Background.choices, default=Background.CREAM)
    # Follows the pointer, a finger or the keyboard focus (static/js/site/line-focus.js).
    line_focus = models.CharField(max_length=8, choices=LineFocus.choices, default=LineFocus.OFF)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0]

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
