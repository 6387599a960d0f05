"""The content version of everything public about action plans: published plans, reports and the monitor.

Every recorded plan change and every report bumps it (the services do, as they are the only way
plans change; the admin is read-only). Pages that show plans are cached under it.
"""

from core.page_cache import ContentVersion

PLAN_CONTENT = ContentVersion("actionplans:content-version")
