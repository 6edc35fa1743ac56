"""Who may read (GET) and write (POST, or the API's PUT/POST) each URL: the one table.

One letter per role, in ROLES order:
  y  allowed (2xx, or a redirect that is not to a login page)
  n  denied (401, 403, 404, or a redirect to a login page)
  x  method not allowed (405): the URL does not take that kind of request
  v  allowed past the gate, the input refused (400, 409, 422)

The world is tests/web/conftest.py's: the URL's report is 区发改局's Q4 draft in an open round,
its unit is 区发改局, its plan has Q3 published and Q4 open. `unit` is the reporter of 区发改局
(the owning unit), `unit_other` the reporter of 底阁镇. The admin is for staff only: no role
here is staff, so every admin URL not listed answers as ADMIN.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("office", "unit", "unit_other", "leader", "anonymous", "other_office")
PERSONA = {
    "office": "office",
    "unit": "unit_a",
    "unit_other": "unit_b",
    "leader": "leader",
    "anonymous": None,
    "other_office": "other_office",
}


@dataclass(frozen=True)
class Row:
    get: str
    write: str
    method: str = "POST"
    data: dict = field(default_factory=dict)
    args: dict = field(default_factory=dict)  # route parameter → which test value fills it
    query: str = ""


ADMIN = Row("nnnnnn", "nnnnnn")

PUBLISHED = {"period_id": "published_period_id"}
SUBMITTED = {"report_id": "submitted_report_id"}
ORG = {"org_id": "organization_id"}

ROWS: dict[str, Row] = {
    # Pages that only read answer a POST as a GET: nothing is written.
    "home": Row("yyyyyy", "yyyyyy"),
    "plan": Row("yyyyyn", "yyyyyn"),  # anonymous: the plan has a published period
    "task": Row("yyyyyn", "yyyyyn"),
    # The period's documents carry drafts and verdicts: the office and leaders only; GET only.
    "period_table_docx": Row("ynnynn", "xxxxxx"),
    "period_table_xlsx": Row("ynnynn", "xxxxxx"),
    "period_table_pdf": Row("ynnynn", "xxxxxx"),
    "period_bulletin_docx": Row("ynnynn", "xxxxxx"),
    "period_unit_report_docx": Row("ynnynn", "xxxxxx"),
    "period_bulletin_pdf": Row("ynnynn", "xxxxxx"),
    # Background jobs (an export of the open period, finished): the office and leaders of the
    # organization follow them and fetch the file; the list of jobs likewise.
    "job": Row("ynnynn", "xxxxxx"),
    "job_file": Row("ynnynn", "xxxxxx"),
    "jobs": Row("ynnynn", "xxxxxx", args=ORG),
    # Notices: a unit's contacts are kept by the office and the unit's own reporters; the
    # reminder settings and the leaders' contacts by the office.
    "unit_contacts": Row("yynnnn", "yynnnn"),
    "notice_settings": Row("ynnnnn", "ynnnnn", args=ORG),
    "unit": Row("yyyyyn", "yyyyyn"),
    "report": Row("yynynn", "yynynn"),  # a draft: not shown to another unit
    "report_edit": Row("yynnnn", "yynnnn"),
    "report_autosave": Row("xxxxxx", "yynnnn"),
    "report_advice": Row("xxxxxx", "yynnnn"),
    "report_review": Row("xxxxxx", "ynnnnn", data={"decision": "accept"}, args=SUBMITTED),
    # Evidence (佐证材料): the report's own unit and the office; a leader only when the office
    # names it (no leader is named here); never another unit or anonymous. A file and its
    # thumbnail answer a POST as a GET; an upload without a file asks for one, writing nothing.
    "evidence_file": Row("yynnnn", "yynnnn"),
    "evidence_thumbnail": Row("yynnnn", "yynnnn"),
    "evidence_upload": Row("xxxxxx", "yynnnn"),
    "evidence_remove": Row("xxxxxx", "yynnnn"),
    "evidence_settings": Row("ynnnnn", "ynnnnn", args=ORG),
    # 签收: only the report's own unit acknowledges its task.
    "task_acknowledge": Row("xxxxxx", "nynnnn"),
    # 办结: the lead unit's reporter applies from its slot (the statement missing: refused as
    # input); the office decides (nothing pending: refused as input).
    "closing_apply": Row("xxxxxx", "nvnnnn"),
    "closing_decide": Row("xxxxxx", "vnnnnn"),
    # 延期 requests (changes/): a unit named on the task files one (no date or reason: refused,
    # nothing written); a step of the chain decides — the office's, with no request named: refused.
    "change_request_file": Row("xxxxxx", "nvnnnn"),
    "change_request_decide": Row("xxxxxx", "vnnnnn"),
    "change_settings": Row("ynnnnn", "ynnnnn", args=ORG),  # the chain and its approvers
    "report_diff": Row("yynynn", "yynynn", query="?with=previous"),
    "my_tasks": Row("yyyyny", "yyyyny"),
    "round_new": Row("ynnnnn", "ynnnnn"),
    "round": Row("ynnynn", "ynnynn"),
    "reminders": Row("ynnynn", "ynnynn"),
    # The guarded steps: GET (or a POST without `confirm`) shows the counts and asks; the
    # office's publish of the open Q4 shows why it is refused.
    "round_close": Row("ynnnnn", "ynnnnn"),
    "period_publish": Row("ynnnnn", "ynnnnn"),
    # 撤回发布 of the published Q3: a POST without a reason is refused in place (400).
    "period_unpublish": Row("ynnnnn", "vnnnnn", args=PUBLISHED),
    # A unit's 撤回 of its submission: the submitted report is 区财政局's, so 区发改局's reporter
    # is denied like any other unit; the office passes the gate (the service then withdraws).
    "report_withdraw": Row("xxxxxx", "ynnnnn", args=SUBMITTED),
    # The review queue and its batch accept (nothing picked: back to the queue): the office.
    "review_queue": Row("ynnnnn", "ynnnnn"),
    "queue_accept": Row("xxxxxx", "ynnnnn"),
    # The bulletin's form: the office and leaders, as the downloads; a POST without any field
    # is the form again (nothing queued).
    "bulletin_form": Row("ynnynn", "ynnynn"),
    # The office's own verdict and its light thresholds: the office only; leaders read them.
    "verdict_override": Row(
        "xxxxxx",
        "ynnnnn",
        data={"period": "@period_id", "verdict": "completed", "reason": "经核实已完成"},
    ),
    "light_settings": Row(
        "ynnnnn",
        "ynnnnn",
        data={"yellow_below": 10, "red_below": 30},
        args={"org_id": "organization_id"},
    ),
    # The office uploads a plan document into its own organization: the form (a POST without
    # a file shows it again), then confirm or cancel a preview (without a token of its own
    # session the office is sent back to the form; nothing is written).
    "document_upload": Row("ynnnnn", "ynnnnn", args=ORG),
    "document_confirm": Row("xxxxxx", "ynnnnn", args=ORG),
    "document_cancel": Row("xxxxxx", "ynnnnn", args=ORG),
    # The reading of an upload: the office's page (a token not of its session: the form, saying
    # the upload is gone); GET only.
    "document_preview": Row("ynnnnn", "xxxxxx", args=ORG),
    # The organization's settings and units (orgs/): its office only. A POST without its fields
    # shows the form again or sends the office back to the units page with a message, changing
    # nothing; the units page and the units file are read with GET, the decisions are POSTs.
    "org_settings": Row("ynnnnn", "ynnnnn", args=ORG),
    "org_units": Row("ynnnnn", "xxxxxx", args=ORG),
    "org_units_file": Row("ynnnnn", "xxxxxx", args=ORG),
    "org_units_upload": Row("xxxxxx", "ynnnnn", args=ORG),
    "org_unit_merge": Row("xxxxxx", "ynnnnn", args=ORG),
    "org_unit_change": Row("xxxxxx", "ynnnnn", args=ORG),
    # The office's people (accounts/): its own organization only; a POST without a file or a
    # token shows the form again or sends the office back to it, creating nothing.
    "accounts": Row("ynnnnn", "ynnnnn", args=ORG),
    "roster_upload": Row("ynnnnn", "ynnnnn", args=ORG),
    "roster_confirm": Row("xxxxxx", "ynnnnn", args=ORG),
    "roster_template": Row("ynnnnn", "ynnnnn", args=ORG),
    "account_password_reset": Row("ynnnnn", "ynnnnn", args=ORG),
    "hand_over": Row("ynnnnn", "ynnnnn", args=ORG),
    # The office's 公开审查 of a task: the office only; a POST without an action or a reason is
    # sent back to the page with a message, nothing marked.
    "task_disclosure": Row("ynnnnn", "ynnnnn"),
    # The office's 保密审查 of a period before publishing (here the open Q4): a POST reads it too.
    "period_disclosure": Row("ynnnnn", "ynnnnn"),
    # A city over its districts (cityview/): the roll-up is its office's and leaders' (here the
    # world's district itself, with no districts); sharing with the parent is the office's
    # setting (a POST without an action: the page again, with a message).
    "city_rollup": Row("ynnynn", "ynnynn", args=ORG),
    "parent_sharing": Row("ynnnnn", "ynnnnn", args=ORG),
    # The office's year end (carry over, archive): a POST without an action carries nothing.
    "plan_year_end": Row("ynnnnn", "ynnnnn"),
    # Single sign-on is not configured in the tests: not found for everyone.
    "sso_start": Row("nnnnnn", "xxxxxx"),
    "sso_callback": Row("nnnnnn", "xxxxxx"),
    "search": Row("yyyyyy", "yyyyyy"),
    # The office's synonym list for search (a POST without a list saves an empty one).
    "search_synonyms": Row("ynnnnn", "ynnnnn", args=ORG),
    "dashboard": Row("yyyynn", "yyyynn"),
    "dashboard_screen": Row("yyyynn", "yyyynn"),
    "dashboard_tasks": Row("yyyynn", "yyyynn"),
    "assessment": Row("ynnynn", "ynnynn"),
    "assessment_csv": Row("ynnynn", "ynnynn"),
    "assessment_xlsx": Row("ynnynn", "ynnynn"),
    "public_index": Row("yyyyyy", "yyyyyy"),
    "public_period": Row("yyyyyy", "yyyyyy", args=PUBLISHED),
    "public_task": Row("yyyyyy", "yyyyyy", args=PUBLISHED),
    "public_docx": Row("yyyyyy", "yyyyyy", args=PUBLISHED),
    "public_pdf": Row("yyyyyy", "yyyyyy", args=PUBLISHED),
    "api_tokens": Row("yyyyny", "yyyyny"),
    "api_token_revoke": Row("xxxxnx", "ynnnnn"),  # the office's own token
    # The API: a token is required (anonymous: 401); another organization's objects are 404.
    "api:api-root": Row("nnnnnn", "nnnnnn"),
    "api:openapi-json": Row("yyyyyy", "yyyyyy"),  # the published schema, no data
    "api:organizations": Row("yyyyny", "xxxxxx"),
    "api:organization": Row("yyyynn", "xxxxxx"),
    "api:units": Row("yyyyny", "xxxxxx"),
    "api:unit": Row("yyyynn", "xxxxxx"),
    "api:plans": Row("yyyyny", "xxxxxx"),
    "api:plan": Row("yyyynn", "xxxxxx"),
    "api:plan_dashboard": Row("yyyynn", "xxxxxx"),
    "api:sections": Row("yyyyny", "xxxxxx"),
    "api:section": Row("yyyynn", "xxxxxx"),
    "api:tasks": Row("yyyyny", "xxxxxx"),
    "api:task": Row("yyyynn", "xxxxxx"),
    "api:periods": Row("yyyyny", "xxxxxx"),
    "api:period": Row("yyyynn", "xxxxxx"),
    "api:reports": Row("yyyyny", "xxxxxx"),
    "api:report": Row("yynynn", "xxxxxx"),
    "api:report_update": Row("yynynn", "yynnnn", method="PUT"),
    "api:report_submit_": Row("xxxxxx", "yynnnn"),
    "api:report_evidence": Row("yynynn", "xxxxxx"),  # leaders: an empty list (not named)
    "api:search_": Row("yyyyny", "xxxxxx", query="?q=生产总值"),
    # Django's accounts pages.
    "login": Row("yyyyyy", "yyyyyy"),
    "logout": Row("xxxxxx", "yyyyyy"),
    "password_change": Row("yyyyny", "yyyyny"),
    "password_change_done": Row("yyyyny", "xxxxnx"),
    "password_reset": Row("yyyyyy", "yyyyyy"),
    "password_reset_done": Row("yyyyyy", "xxxxxx"),
    "password_reset_confirm": Row("yyyyyy", "yyyyyy"),  # a wrong token: the page says so
    "password_reset_complete": Row("yyyyyy", "xxxxxx"),
    "admin:login": Row("yyyyyy", "yyyyyy"),
    "admin:logout": Row("yyyyyy", "yyyyyy"),
}


def row_for(key: str) -> Row | None:
    if key in ROWS:
        return ROWS[key]
    if key.startswith("admin:"):
        return ADMIN
    return None
