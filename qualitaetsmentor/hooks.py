def post_init_hook(env):
    """After install, once the translations are loaded: the shipped activity
    plans in the organisation's language (see mail.activity.plan)."""
    env["mail.activity.plan"]._mentoring_localize_shipped_plans()
