from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """One of the six MVOI themes of the manifest; created by migration, edited by VNG staff."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One sentence shown on the theme tile."))
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("guidance:theme_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_summary(self) -> str:
        if get_language() == "en" and self.summary_en:
            return self.summary_en
        return self.summary
