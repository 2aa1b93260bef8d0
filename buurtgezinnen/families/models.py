"""Families and their people: requesting families (vraaggezinnen) and support families
(steungezinnen), their intake and screening, VOGs, offers and the service directory.

Every model here reaches a ``Municipality`` and declares the way there once, in its queryset's
``scope_path`` (``org.scoping.ScopedQuerySet``); lists come from ``Family.objects.for_user(user)``
and single families from ``families.selectors.get_family_for_user`` (404 outside scope).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtgezinnen import policy
from buurtgezinnen.families import enums
from buurtgezinnen.org.models import Municipality, User
from buurtgezinnen.org.scoping import ScopedQuerySet


class Kind(models.TextChoices):
    REQUEST = enums.Kind.REQUEST, _("requesting family")
    SUPPORT = enums.Kind.SUPPORT, _("support family")


class Status(models.TextChoices):
    NEW = enums.Status.NEW, _("new application")
    INTAKE = enums.Status.INTAKE, _("intake")
    SCREENING = enums.Status.SCREENING, _("screening")
    WAITING = enums.Status.WAITING, _("waiting list")
    AVAILABLE = enums.Status.AVAILABLE, _("available")
    REFERRED = enums.Status.REFERRED, _("referred")
    DECLINED = enums.Status.DECLINED, _("not suitable")
    NOT_APPROVED = enums.Status.NOT_APPROVED, _("not approved")
    WITHDRAWN = enums.Status.WITHDRAWN, _("withdrawn")
    MATCHED = enums.Status.MATCHED, _("matched")
    COMPLETED = enums.Status.COMPLETED, _("guidance completed")
    ENDED = enums.Status.ENDED, _("guidance ended")


class Channel(models.TextChoices):
    SCHOOL = "school", _("school")
    VOLUNTEER_CENTRE = "volunteer_centre", _("volunteer centre")
    HEALTH_CENTRE = "health_centre", _("health centre")
    SPORTS_CLUB = "sports_club", _("sports club")
    CHURCH = "church", _("church")
    COMMUNITY_CENTRE = "community_centre", _("community centre")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    WEBSITE = "website", _("website")
    PROFESSIONAL = "professional", _("a professional")
    OTHER = "other", _("other")


class Source(models.TextChoices):
    PUBLIC_FORM = "public_form", _("public form")
    PHONE = "phone", _("by phone")
    REFERRAL = "referral", _("referral by a professional")
    IMPORT = "import", _("import")


class Referrer(models.TextChoices):
    SCHOOL = "school", _("school")
    DISTRICT_TEAM = "district_team", _("district team")
    GP = "gp", _("GP")
    YOUTH_CARE = "youth_care", _("youth care")
    OTHER = "other", _("other")


class FamilyQuerySet(ScopedQuerySet["Family"]):
    """``for_user``: the families in the user's case scope (org.scoping); none for anyone else."""

    scope_path = "municipality"

    def with_vog_state(self, day: date) -> FamilyQuerySet:
        """Each family with ``vog_expired`` (a parent's checked VOGs are all too old on ``day``)
        and ``vog_missing`` (a parent has no checked VOG, or there is no parent), in SQL: a support
        family may only be proposed when both are false (``Vog.objects.valid_on``)."""
        expired, missing = _vog_problems(day)
        return self.annotate(vog_expired=expired, vog_missing=missing)

    def with_valid_vogs(self, day: date) -> FamilyQuerySet:
        """Families whose every parent has a valid, checked VOG on ``day``."""
        expired, missing = _vog_problems(day)
        return self.exclude(expired).exclude(missing)

    def requesting(self) -> FamilyQuerySet:
        return self.filter(kind=Kind.REQUEST)

    def supporting(self) -> FamilyQuerySet:
        return self.filter(kind=Kind.SUPPORT)


def _vog_problems(day: date) -> tuple[Exists, Q]:
    """On ``day``: (a parent's VOG has expired, a parent has no checked VOG or no parent)."""
    parents = Person.objects.filter(family=OuterRef("pk"))
    checked = Vog.objects.checked().filter(person=OuterRef("pk"))
    valid = Vog.objects.valid_on(day).filter(person=OuterRef("pk"))
    return (
        Exists(parents.filter(Exists(checked)).exclude(Exists(valid))),
        Exists(parents.exclude(Exists(checked))) | ~Exists(parents),
    )


class Family(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="families",
        verbose_name=_("municipality"),
    )
    name = models.CharField(
        _("family name"), max_length=150, help_text=_("How you refer to the family, e.g. Jansen.")
    )
    # Address: the full postcode is personal data; pc4 and the centroid are what matching uses.
    street = models.CharField(_("street"), max_length=150, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    pc4 = models.CharField(max_length=4, db_index=True, editable=False)
    place = models.CharField(_("place"), max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    # Household facts that matter for a match.
    has_pets = models.BooleanField(_("pets in the house"), default=False)
    pets_note = models.CharField(_("which pets"), max_length=200, blank=True)
    smoking = models.BooleanField(_("someone smokes in the house"), default=False)
    religion_or_culture = models.CharField(
        _("religion or culture"),
        max_length=200,
        blank=True,
        help_text=_("Only when the family wants it recorded."),
    )
    no_pets_wanted = models.BooleanField(_("prefers a family without pets"), default=False)
    no_smoking_wanted = models.BooleanField(_("prefers a non-smoking family"), default=False)
    network = models.TextField(_("network"), blank=True)

    # How the family came in.
    source = models.CharField(_("application through"), max_length=20, choices=Source.choices)
    channel = models.CharField(
        _("how they heard of us"), max_length=20, choices=Channel.choices, blank=True
    )
    referrer_type = models.CharField(
        _("referred by"), max_length=20, choices=Referrer.choices, blank=True
    )
    referrer_name = models.CharField(_("referrer's name"), max_length=150, blank=True)
    referrer_organisation = models.CharField(
        _("referrer's organisation"), max_length=150, blank=True
    )
    referrer_phone = models.CharField(_("referrer's phone"), max_length=30, blank=True)
    referrer_email = models.EmailField(_("referrer's e-mail address"), blank=True)
    applied_on = models.DateField(_("applied on"), default=timezone.localdate)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    application_note = models.TextField(_("note with the application"), blank=True)

    # The outcome of intake (requesting) or screening (support).
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    referred_to = models.ForeignKey(
        "ServiceOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_families",
        verbose_name=_("referred to"),
    )
    waiting_since = models.DateField(_("waiting since"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["-applied_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "kind", "status"]),
            models.Index(fields=["kind", "status", "waiting_since"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="family_waiting_has_date",
                condition=~Q(status=Status.WAITING) | Q(waiting_since__isnull=False),
            ),
            models.CheckConstraint(
                name="family_status_fits_kind",
                condition=(
                    Q(
                        kind=Kind.REQUEST,
                        status__in=[
                            Status.NEW,
                            Status.INTAKE,
                            Status.WAITING,
                            Status.MATCHED,
                            Status.COMPLETED,
                            Status.ENDED,
                            Status.REFERRED,
                            Status.DECLINED,
                            Status.WITHDRAWN,
                        ],
                    )
                    | Q(
                        kind=Kind.SUPPORT,
                        status__in=[
                            Status.NEW,
                            Status.SCREENING,
                            Status.AVAILABLE,
                            Status.NOT_APPROVED,
                            Status.WITHDRAWN,
                        ],
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Family %(name)s") % {"name": self.name})

    def days_waiting(self, today: date | None = None) -> int | None:
        if self.waiting_since is None:
            return None
        return ((today or timezone.localdate()) - self.waiting_since).days


class PersonQuerySet(ScopedQuerySet["Person"]):
    scope_path = "family__municipality"


class Person(models.Model):
    """A parent or caregiver in a requesting family, or a support parent."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="people")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("Separated by commas.")
    )
    is_contact = models.BooleanField(_("contact person"), default=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["-is_contact", "pk"]
        verbose_name = _("parent or caregiver")
        verbose_name_plural = _("parents and caregivers")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class ChildQuerySet(ScopedQuerySet["Child"]):
    scope_path = "family__municipality"


class Child(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField(_("first name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["date_of_birth", "pk"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return self.first_name

    def age(self, today: date | None = None) -> int:
        return policy.age_on(self.date_of_birth, today or timezone.localdate())


class SupportType(models.TextChoices):
    FIXED_AFTERNOON = enums.SupportType.FIXED_AFTERNOON, _("a fixed afternoon or morning")
    SLEEPOVERS = enums.SupportType.SLEEPOVERS, _("sleepovers")
    SPORTS_ACTIVITIES = (
        enums.SupportType.SPORTS_ACTIVITIES,
        _("going along to sports or activities"),
    )
    HOMEWORK = enums.SupportType.HOMEWORK, _("homework")
    PARENTS_EVENINGS = enums.SupportType.PARENTS_EVENINGS, _("parents' evenings")
    OTHER = enums.SupportType.OTHER, _("other")


class DayPart(models.TextChoices):
    MON_MORNING = enums.DayPart.MON_MORNING, _("Monday morning")
    MON_AFTERNOON = enums.DayPart.MON_AFTERNOON, _("Monday afternoon")
    MON_EVENING = enums.DayPart.MON_EVENING, _("Monday evening")
    TUE_MORNING = enums.DayPart.TUE_MORNING, _("Tuesday morning")
    TUE_AFTERNOON = enums.DayPart.TUE_AFTERNOON, _("Tuesday afternoon")
    TUE_EVENING = enums.DayPart.TUE_EVENING, _("Tuesday evening")
    WED_MORNING = enums.DayPart.WED_MORNING, _("Wednesday morning")
    WED_AFTERNOON = enums.DayPart.WED_AFTERNOON, _("Wednesday afternoon")
    WED_EVENING = enums.DayPart.WED_EVENING, _("Wednesday evening")
    THU_MORNING = enums.DayPart.THU_MORNING, _("Thursday morning")
    THU_AFTERNOON = enums.DayPart.THU_AFTERNOON, _("Thursday afternoon")
    THU_EVENING = enums.DayPart.THU_EVENING, _("Thursday evening")
    FRI_MORNING = enums.DayPart.FRI_MORNING, _("Friday morning")
    FRI_AFTERNOON = enums.DayPart.FRI_AFTERNOON, _("Friday afternoon")
    FRI_EVENING = enums.DayPart.FRI_EVENING, _("Friday evening")
    SAT_MORNING = enums.DayPart.SAT_MORNING, _("Saturday morning")
    SAT_AFTERNOON = enums.DayPart.SAT_AFTERNOON, _("Saturday afternoon")
    SAT_EVENING = enums.DayPart.SAT_EVENING, _("Saturday evening")
    SUN_MORNING = enums.DayPart.SUN_MORNING, _("Sunday morning")
    SUN_AFTERNOON = enums.DayPart.SUN_AFTERNOON, _("Sunday afternoon")
    SUN_EVENING = enums.DayPart.SUN_EVENING, _("Sunday evening")


def labels(values: list[str], choices: type[models.TextChoices]) -> list[str]:
    """The Dutch (translated) labels of stored choice values, unknown values as they are."""
    known = dict(choices.choices)
    return [str(known.get(value, value)) for value in values]


class Poverty(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("unknown")


class ConversationQuerySet(ScopedQuerySet["Conversation"]):
    scope_path = "family__municipality"


class Conversation(models.Model):
    """An intake conversation (requesting family) or screening conversation (support family)."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="conversations")
    number = models.PositiveSmallIntegerField(_("conversation"))
    planned_at = models.DateTimeField(_("planned for"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    attendees = models.CharField(_("who was there"), max_length=300, blank=True)
    goes_well = models.TextField(_("what goes well"), blank=True)
    is_hard = models.TextField(_("what is hard"), blank=True)
    support_wanted = models.JSONField(_("support wanted"), default=list, blank=True)
    support_other = models.CharField(_("other support"), max_length=200, blank=True)
    day_parts = models.JSONField(_("on which days"), default=list, blank=True)
    network = models.TextField(_("network"), blank=True)
    poverty = models.CharField(
        _("is there poverty"), max_length=10, choices=Poverty.choices, blank=True
    )
    finances_note = models.TextField(_("finances"), blank=True)
    helpline_mentioned_on = models.DateField(
        _("parent helpline mentioned on"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(fields=["family", "number"], name="conversation_unique_number"),
            models.CheckConstraint(
                name="conversation_number_in_range",
                condition=Q(number__gte=1, number__lte=policy.INTAKE_CONVERSATIONS),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Conversation %(number)s") % {"number": self.number})

    @property
    def support_wanted_labels(self) -> list[str]:
        return labels(self.support_wanted, SupportType)

    @property
    def day_part_labels(self) -> list[str]:
        return labels(self.day_parts, DayPart)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("every week")
    FORTNIGHTLY = "fortnightly", _("every two weeks")
    MONTHLY = "monthly", _("every month")


class OfferQuerySet(ScopedQuerySet["Offer"]):
    scope_path = "family__municipality"


class Offer(models.Model):
    """What a support family offers."""

    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="offer")
    day_parts = models.JSONField(_("days and parts of the day"), default=list, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    sleepovers = models.BooleanField(_("sleepovers possible"), default=False)
    max_children = models.PositiveSmallIntegerField(_("how many children at most"), default=2)
    min_child_age = models.PositiveSmallIntegerField(_("youngest age"), default=0)
    max_child_age = models.PositiveSmallIntegerField(_("oldest age"), default=12)
    max_travel_km = models.PositiveSmallIntegerField(_("how far they will travel (km)"), default=5)
    max_families = models.PositiveSmallIntegerField(
        _("how many families at the same time"),
        default=1,
        validators=[
            MinValueValidator(1),
            MaxValueValidator(policy.MAX_FAMILIES_PER_SUPPORT_FAMILY),
        ],
    )
    support_types = models.JSONField(_("support they offer"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                name="offer_age_range",
                condition=Q(min_child_age__lte=models.F("max_child_age"))
                & Q(max_child_age__lte=policy.CHILD_MAX_AGE),
            ),
            models.CheckConstraint(
                name="offer_children_positive", condition=Q(max_children__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return str(_("Offer of %(family)s") % {"family": self.family.name})

    @property
    def day_part_labels(self) -> list[str]:
        return labels(self.day_parts, DayPart)

    @property
    def support_type_labels(self) -> list[str]:
        return labels(self.support_types, SupportType)


class CompetenceCriterion(models.Model):
    """One criterion of the competence profile; the national office keeps the list."""

    name = models.CharField(_("criterion"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("competence criterion")
        verbose_name_plural = _("competence profile")

    def __str__(self) -> str:
        return self.name


class Rating(models.TextChoices):
    MEETS = "meets", _("meets it")
    PARTLY = "partly", _("partly")
    NOT_YET = "not_yet", _("not (yet)")


class CompetenceAssessmentQuerySet(ScopedQuerySet["CompetenceAssessment"]):
    scope_path = "family__municipality"


class CompetenceAssessment(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(CompetenceCriterion, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("assessment"), max_length=10, choices=Rating.choices)
    note = models.TextField(_("note"), blank=True)

    objects = CompetenceAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("competence assessment")
        verbose_name_plural = _("competence assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["family", "criterion"], name="assessment_unique_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_rating_display()}"


class VogQuerySet(ScopedQuerySet["Vog"]):
    scope_path = "person__family__municipality"

    def checked(self) -> VogQuerySet:
        """Received, with its date of issue, and checked by a coordinator."""
        return self.filter(
            received_on__isnull=False, checked_on__isnull=False, issued_on__isnull=False
        )

    def valid_on(self, day: date) -> VogQuerySet:
        """``Vog.is_valid_on(day)`` in SQL: checked, and not older than the policy allows."""
        return self.checked().filter(issued_on__gt=policy.vog_valid_issued_after(day))


class Vog(models.Model):
    """A certificate of conduct of a support parent: metadata only, no scan is stored."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="vogs")
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    checked_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    objects = VogQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-requested_on", "-pk"]
        verbose_name = _("VOG")
        verbose_name_plural = _("VOGs")
        constraints = [
            models.CheckConstraint(
                name="vog_received_has_issue_date",
                condition=Q(received_on__isnull=True) | Q(issued_on__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return str(_("VOG of %(person)s") % {"person": self.person})

    @property
    def renewal_due(self) -> date | None:
        return policy.vog_renewal_due(self.issued_on) if self.issued_on else None

    def is_valid_on(self, day: date) -> bool:
        """Checked and not older than ``policy.VOG_MAX_AGE_YEARS``; in SQL: ``valid_on``."""
        return (
            self.issued_on is not None
            and self.received_on is not None
            and self.checked_on is not None
            and day < policy.vog_renewal_due(self.issued_on)
        )


class Category(models.TextChoices):
    DISTRICT_TEAM = "district_team", _("district team")
    YOUTH_CARE = "youth_care", _("youth care")
    DEBT_HELP = "debt_help", _("debt help")
    GGD = "ggd", _("GGD (public health)")
    PARENTING_SUPPORT = "parenting_support", _("parenting support")
    MENTAL_HEALTH = "mental_health", _("mental health care")
    SOCIAL_WORK = "social_work", _("social work")
    OTHER = "other", _("other")


class ServiceOrganisationQuerySet(ScopedQuerySet["ServiceOrganisation"]):
    """``for_user``: the directories of the user's case scope (its case workers keep them)."""

    scope_path = "municipality"


class ServiceOrganisation(models.Model):
    """An entry of the service directory (sociale kaart) of a municipality."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="service_organisations",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=150)
    category = models.CharField(_("kind of help"), max_length=30, choices=Category.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ServiceOrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("service directory")

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    APPLIED = "applied", _("application received")
    INTEREST = "interest", _("contact details left")
    CONVERSATION_PLANNED = "conversation_planned", _("conversation planned")
    CONVERSATION_HELD = "conversation_held", _("conversation recorded")
    DECIDED = "decided", _("decision")
    STATUS = "status", _("status changed")
    VOG = "vog", _("VOG recorded")
    ASSESSED = "assessed", _("competence profile assessed")
    OFFER = "offer", _("offer recorded")
    CHANGED = "changed", _("details changed")
    IMPORTED = "imported", _("imported")


class FamilyEventQuerySet(ScopedQuerySet["FamilyEvent"]):
    scope_path = "family__municipality"


class FamilyEvent(models.Model):
    """The family's timeline: everything that happened to it, with who and when."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    status_before = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status_after = models.CharField(max_length=20, choices=Status.choices, blank=True)
    detail = models.TextField(blank=True)

    objects = FamilyEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("timeline")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.get_kind_display()}"


class InterestRegistrationQuerySet(ScopedQuerySet["InterestRegistration"]):
    # Without a municipality of ours (an unknown CBS code) it is in nobody's scope.
    scope_path = "municipality"


class InterestRegistration(models.Model):
    """Contact details left where the programme has not started yet."""

    cbs_code = models.CharField(max_length=6)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    pc4 = models.CharField(max_length=4)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InterestRegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interest registration")
        verbose_name_plural = _("interest registrations")

    def __str__(self) -> str:
        return f"{self.cbs_code} {self.created_at:%Y-%m-%d}"
