"""The calls Odoo 18's web client makes to show a kanban board or a form,
made from Python: the query-count tests and the benchmark (tests/bench/)
load the tandem board exactly as a browser would.

The field specification follows the client's own rules
(web/static/src/model/relational_model/utils.js, getFieldsSpec): every
``<field>`` of the view; many2one fields with their display name; x2many
fields with the fields of their sub-view or of their widget; and the fields a
widget depends on. Only the widgets our views and the CRM pipeline use are
known here; an unknown widget adds nothing, like a plain field.
"""

import json

from lxml import etree

from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tools.discuss import Store

ACTIVITY_FIELDS = {
    "activity_exception_decoration": "selection",
    "activity_exception_icon": "char",
    "activity_state": "selection",
    "activity_summary": "char",
    "activity_type_icon": "char",
    "activity_type_id": "many2one",
}
# Fields a widget reads besides its own (its fieldDependencies in the client).
WIDGET_DEPENDENCIES = {
    "kanban_activity": ACTIVITY_FIELDS,
    "list_activity": ACTIVITY_FIELDS,
    "activity_exception": {"activity_exception_icon": "char"},
    "image": {"write_date": "datetime"},
    "statusbar_duration": {"duration_tracking": "json"},
}
SUB_VIEW_TAGS = ("list", "kanban", "form")
# What the web client asks for when it does not say otherwise.
KANBAN_LIMIT = 80  # the window action's default limit, per column
X2MANY_LIMIT = 40  # rows of a one2many list in a form
MAX_OPEN_COLUMNS = 10
COUNT_LIMIT = 10000
# What the chatter of a form asks for (mail/static/src/chatter/web).
CHATTER_REQUESTS = [
    "activities",
    "attachments",
    "followers",
    "scheduledMessages",
    "suggestedRecipients",
]
CHATTER_MESSAGES = 30


def _always_invisible(node):
    return node.get("invisible") in ("1", "True") or node.get("column_invisible") in (
        "1",
        "True",
    )


def _field_nodes(node):
    """The <field> nodes of a view, not those of its fields' sub-views."""
    for child in node.iterchildren(tag=etree.Element):
        if child.tag == "field":
            yield child
        else:
            yield from _field_nodes(child)


def _merge(spec, name, entry):
    """A field shown twice is read with what both nodes need."""
    current = spec.setdefault(name, {})
    for key, value in entry.items():
        if key == "fields":
            current.setdefault("fields", {})
            for sub_name, sub_entry in value.items():
                _merge(current["fields"], sub_name, sub_entry)
        else:
            current[key] = value


def _x2many_entry(node, field, models):
    widget = node.get("widget")
    sub_views = {child.tag: child for child in node.iterchildren(tag=etree.Element)}
    if widget in ("many2many_tags", "many2many_tags_email"):
        related = {"display_name": {}}
        color_field = _options(node).get("color_field")
        if color_field:
            related[color_field] = {}
        return {"fields": related}
    for view_type in ("list", "kanban"):
        if view_type in sub_views:
            sub_view = sub_views[view_type]
            comodel_fields = models[field["relation"]]["fields"]
            related = specification_of(sub_view, comodel_fields, models)
            if "form" in sub_views:
                for name, entry in specification_of(
                    sub_views["form"], comodel_fields, models
                ).items():
                    if "limit" in entry:
                        # An x2many list of the sub-form: the client reads
                        # its rows when the row is opened, not with the form.
                        entry = {}
                    _merge(related, name, entry)
            entry = {"fields": related, "limit": int(sub_view.get("limit") or 40)}
            if sub_view.get("default_order"):
                entry["order"] = sub_view.get("default_order")
            return entry
    return {"fields": {}}


def _options(node):
    return safe_eval(node.get("options") or "{}")


def specification_of(view_node, fields, models):
    """The specification the web client sends for the fields of a view."""
    spec = {}
    properties = []
    for node in _field_nodes(view_node):
        name = node.get("name")
        field = fields[name]
        entry = {}
        if field["type"] in ("many2one", "reference"):
            entry["fields"] = {} if _always_invisible(node) else {"display_name": {}}
        elif field["type"] in ("one2many", "many2many"):
            if not _always_invisible(node):
                entry = _x2many_entry(node, field, models)
        elif field["type"] == "properties":
            properties.append(field)
        _merge(spec, name, entry)
        for dependency, field_type in WIDGET_DEPENDENCIES.get(
            node.get("widget"), {}
        ).items():
            dependency_entry = {}
            if field_type == "many2one":
                dependency_entry["fields"] = {"display_name": {}}
            _merge(spec, dependency, dependency_entry)
    for field in properties:
        definition = field.get("definition_record")
        if definition in spec:
            _merge(spec, definition, {"fields": {"display_name": {}}})
    return spec


class View:
    """A view as the user gets it (groups applied), with what the client
    derives from it: the specification of the records, the aggregates of the
    columns, the progress bar, and the user's context. The client asks for it
    once and keeps it while the user works."""

    def __init__(self, model, view_type, view_id=False):
        views = model.get_views([(view_id, view_type)])
        self.arch = etree.fromstring(views["views"][view_type]["arch"])
        models = views["models"]
        self.fields = models[model._name]["fields"]
        self.specification = specification_of(self.arch, self.fields, models)
        if view_type == "form":
            self.specification.setdefault("display_name", {})  # the breadcrumb
        self.context = user_context(model.env)
        self.progress_bar = None
        progress_bar = self.arch.find("progressbar")
        if progress_bar is not None:
            self.progress_bar = {
                "colors": json.loads(progress_bar.get("colors")),
                "field": progress_bar.get("field"),
                "help": progress_bar.get("help") or "",
            }

    def aggregates(self, group_by):
        """The column totals: every field on the card that has an aggregator."""
        return [
            f"{name}:{field['aggregator']}"
            for name, field in self.fields.items()  # in the client's order
            if name in self.specification
            and field.get("aggregator")
            and name != group_by
        ]


def user_context(env):
    """The context the web client sends with each call."""
    user = env.user
    return {
        "lang": user.lang or "en_US",
        "tz": user.tz or False,
        "uid": user.id,
        "allowed_company_ids": [user.company_id.id],
    }


def load_board(model, view, domain, group_by="stage_id"):
    """Open a kanban board grouped by stage as the web client does: the
    columns with their counts and totals, the progress bars, then the first
    page of every open column. Returns (cards loaded, records on the board)."""
    model = model.with_context(**view.context)
    groups = model.web_read_group(
        domain, view.aggregates(group_by), [group_by], lazy=True
    )["groups"]
    if view.progress_bar:
        model.read_progress_bar(domain, group_by, view.progress_bar)
    cards = 0
    open_columns = [
        group
        for group in groups
        if not group.get("__fold") and group[group_by] and group[f"{group_by}_count"]
    ][:MAX_OPEN_COLUMNS]
    for group in open_columns:
        column = model.with_context(
            bin_size=True, **{f"default_{group_by}": group[group_by][0]}
        )
        result = column.web_search_read(
            group["__domain"],
            view.specification,
            offset=0,
            limit=KANBAN_LIMIT,
            order="",
            count_limit=COUNT_LIMIT + 1,
        )
        cards += len(result["records"])
    return cards, sum(group[f"{group_by}_count"] for group in groups)


def load_form(record, view):
    """Open a record's form as the web client does (its data, not the chatter)."""
    record = record.with_context(**view.context, bin_size=True)
    return record.web_read(view.specification)


def load_chatter(record, view):
    """The chatter beside a form: the thread's followers, activities and
    attachments, then its latest messages (/mail/thread/data and
    /mail/thread/messages). Returns the number of messages shown."""
    record = record.with_context(**view.context)
    thread = record._get_thread_with_access(record.id)
    Store(thread, as_thread=True, request_list=CHATTER_REQUESTS).get_result()
    messages = record.env["mail.message"]._message_fetch(
        [
            ("res_id", "=", record.id),
            ("model", "=", record._name),
            ("message_type", "!=", "user_notification"),
        ],
        limit=CHATTER_MESSAGES,
    )["messages"]
    messages.set_message_done()
    Store(messages, for_current_user=True).get_result()
    return len(messages)
