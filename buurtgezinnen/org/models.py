"""The organisation: regions, municipalities, the people who work there and their roles."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Role lives in org.roles (org.scoping needs it, and the models need org.scoping); it is also
# imported from here.
from buurtgezinnen.org.roles import Role as Role
from buurtgezinnen.org.scoping import ScopedQuerySet, scope_for

ROLES_WITH_MUNICIPALITY = (Role.COORDINATOR, Role.MUNICIPALITY_CONTACT)
ROLES_WITH_REGION = (Role.REGIONAL_COORDINATOR,)
ROLES_WITHOUT_PLACE = (Role.NATIONAL_OFFICE, Role.HELPLINE_VOLUNTEER)


class Region(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(ScopedQuerySet["Municipality"]):
    """``for_user``: the municipalities whose organisation data the user may see (org.scoping)."""

    scope_path = "pk"
    scope_set = "organisation_municipality_ids"

    def for_case_work(self, user: User) -> MunicipalityQuerySet:
        """The municipalities whose families the user works on (the case scope): the choices of a
        form that registers or imports a family, a filter of a coordinator's lists."""
        return self.filter(self.in_municipalities_q(scope_for(user).case_municipality_ids))


# Paths at the root of the site: a municipality's public page (/<slug>/) may not take them.
RESERVED_SLUGS = frozenset(
    {
        "start",
        "account",
        "taal",
        "beheer",
        "gezinnen",
        "aanmelden",
        "static",
        "media",
        "api",
        "koppelingen",
        "ondertekenen",
        "agenda",
        "kalender",
        "zorgen",
        "melden",
    }
)


def validate_slug_not_reserved(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value in RESERVED_SLUGS:
        raise ValidationError(_("This URL name is taken by the application itself."))


cbs_code_validator = RegexValidator(
    r"^GM\d{4}$", _("Enter a CBS municipality code such as GM0344.")
)


class Municipality(models.Model):
    cbs_code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("URL name"), max_length=100, unique=True, validators=[validate_slug_not_reserved]
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    programme_started_on = models.DateField(
        _("programme started on"),
        null=True,
        blank=True,
        help_text=_("Reporting and activities depend on this date. Empty: not started yet."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram page"), blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"),
                name="municipality_cbs_code_format",
                violation_error_message=_("Enter a CBS municipality code such as GM0344."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: date) -> bool:
        """Whether the programme runs here on that day (it has a start date on or before it)."""
        return self.programme_started_on is not None and self.programme_started_on <= day


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who works in the programme. Families have no accounts (they get personal links)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(default=False)  # Django admin access; the admin is not mounted.
    is_demo = models.BooleanField(
        default=False,
        editable=False,
        help_text="Made by the demo data; can log in only in DEMO_MODE.",
    )
    date_joined = models.DateTimeField(_("created"), default=timezone.now)
    # Set by the national office on one of its colleagues: reads the concerns that follow the
    # reporting code, in every municipality (concerns.access).
    is_safety_officer = models.BooleanField(
        _("designated safety officer"),
        default=False,
        help_text=_(
            "Only for the national office: reads the concerns that follow the reporting code, "
            "in every municipality."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def roles(self) -> frozenset[str]:
        return scope_for(self).roles


class RoleAssignment(models.Model):
    """A user's role, tied to a municipality or a region where the role needs one."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("region"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="role_assignment_place_fits_role",
                violation_error_message=_("This role needs a municipality or a region, not both."),
                condition=(
                    Q(
                        role__in=ROLES_WITH_MUNICIPALITY,
                        municipality__isnull=False,
                        region__isnull=True,
                    )
                    | Q(role__in=ROLES_WITH_REGION, municipality__isnull=True, region__isnull=False)
                    | Q(
                        role__in=ROLES_WITHOUT_PLACE,
                        municipality__isnull=True,
                        region__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="role_assignment_unique_municipality",
                violation_error_message=_("This person already has this role here."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="role_assignment_unique_region",
                violation_error_message=_("This person already has this role here."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(municipality__isnull=True, region__isnull=True),
                name="role_assignment_unique_placeless",
                violation_error_message=_("This person already has this role here."),
            ),
            # A municipality contact belongs to exactly one municipality.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role=Role.MUNICIPALITY_CONTACT),
                name="role_assignment_one_contact_municipality",
                violation_error_message=_(
                    "A municipality contact belongs to one municipality only."
                ),
            ),
        ]

    def __str__(self) -> str:
        place = self.municipality or self.region
        label = Role(self.role).label
        return f"{label} ({place})" if place else str(label)


class StandInState(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    PAST = "past", _("over")
    ENDED = "ended", _("ended early")


class StandInQuerySet(models.QuerySet["StandIn"]):
    def active_on(self, day: date) -> StandInQuerySet:
        """Stand-ins that run on ``day``: started, not past their end, not ended early."""
        return self.filter(starts_on__lte=day, ends_on__gte=day, ended_at__isnull=True)

    def for_user(self, user: User) -> StandInQuerySet:
        """The stand-ins the user may see: all of them for the national office; for anyone else
        those for a coordinator of a municipality in their regions, and their own.

        Not a ``ScopedQuerySet``: a stand-in belongs to people and regions, not to a
        municipality."""
        if not user.is_authenticated:
            return self.none()
        scope = scope_for(user)
        if scope.is_national_office:
            return self.all()
        in_region = models.Exists(
            RoleAssignment.objects.filter(
                user=models.OuterRef("coordinator"),
                role=Role.COORDINATOR,
                municipality__region_id__in=scope.region_ids,
            )
        )
        return self.filter(Q(stand_in=user) | Q(coordinator=user) | in_region)


class StandIn(models.Model):
    """Someone who acts for an absent coordinator (waarnemer), for a bounded period.

    While it runs the stand-in sees and works the coordinator's families and concerns
    (``org.scoping`` adds the coordinator's municipalities on each request, so it ends by itself).
    Made and ended by ``org.actions.assign_stand_in`` and ``end_stand_in``.
    """

    coordinator = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="absences",
        verbose_name=_("coordinator who is away"),
    )
    stand_in = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="standing_in", verbose_name=_("stand-in")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until and including"))
    reason = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("In general terms, such as “leave” or “absent”; no medical details."),
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Ended before ``ends_on`` (or cancelled before it started).
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = StandInQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("stand-in")
        verbose_name_plural = _("stand-ins")
        indexes = [models.Index(fields=["stand_in", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="stand_in_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(stand_in=models.F("coordinator")),
                name="stand_in_is_someone_else",
                violation_error_message=_("A coordinator cannot stand in for themselves."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def runs_on(self, day: date) -> bool:
        return self.ended_at is None and self.starts_on <= day <= self.ends_on

    def state_on(self, day: date) -> StandInState:
        if self.ended_at is not None:
            return StandInState.ENDED
        if day < self.starts_on:
            return StandInState.PLANNED
        return StandInState.RUNNING if day <= self.ends_on else StandInState.PAST
