from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Action plans")

    def ready(self):
        from actionplans.bodies import add_body_overview_to_dashboard
        from actionplans.due_dates import add_due_dates_to_dashboard
        from actionplans.featured_showcases import add_showcases_to_featured_blocks
        from actionplans.joint_plans import add_co_owner_tasks_to_dashboard
        from actionplans.ladder import register_stage_rule
        from actionplans.opendata import register_open_data
        from actionplans.organisation_section import add_deadlines_to_organisation_page, add_plans_to_organisation_page

        add_plans_to_organisation_page()
        add_deadlines_to_organisation_page()
        add_due_dates_to_dashboard()
        add_body_overview_to_dashboard()
        add_co_owner_tasks_to_dashboard()
        add_showcases_to_featured_blocks()
        register_stage_rule()
        register_open_data()
