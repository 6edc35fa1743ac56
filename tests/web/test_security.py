"""Web security: headers and a script policy with no inline script, CSRF on every form and HTMX
request, login throttling, password rules, session cookies, and hostile progress text escaped
on every page and in every export (spreadsheet formulas included)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.test import Client
from lxml import html as lxml_html

from tests.web import permissions_table as table
from tests.web.conftest import download
from tests.web.test_permissions_matrix import ROUTES, _objects, _url

HOSTILE = (
    '<script>alert("x")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(2)">详情</a>=HYPERLINK("http://evil.example","点我")'
)
HOSTILE_UNIT = '=cmd|" /C calc"!A0<img src=x onerror=alert(3)>'
TEMPLATE_DIRS = [Path("duban/web/templates"), *Path("duban/web").glob("*/templates")]


def _office_pages() -> list[str]:
    """Every HTML page the office may read, by table key."""
    keys = []
    for key, row in table.ROWS.items():
        if key not in ROUTES or key.startswith(("api:", "admin:")):
            continue
        if row.get[0] == "y" and not re.search(r"\.(csv|xlsx|docx|pdf)$", ROUTES[key]):
            keys.append(key)
    return keys


def _hostile(world) -> dict:
    """The world with hostile text where users type or documents bring it."""
    from duban.web.plans.models import Report, Task

    values = _objects(world)
    Report.objects.filter(period__plan=world.plan).update(text=HOSTILE, internal_note=HOSTILE)
    Task.objects.filter(plan=world.plan).update(target=HOSTILE)
    unit = world.units["底阁镇"]
    unit.name = HOSTILE_UNIT
    unit.save(update_fields=["name"])
    return values


def _dangerous(page: str) -> list[str]:
    """Markup on the page that could run script: inline scripts, on*= handlers, javascript: links."""
    tree = lxml_html.fromstring(page)
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        # json_script data is not code
        if el.tag == "script" and not el.get("src") and el.get("type") != "application/json":
            found.append("inline <script>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{el.tag} {name}=…>")
            scheme = re.match(r"\s*(javascript|data|vbscript):", value, re.I)
            empty_favicon = el.tag == "link" and value == "data:,"
            if name in ("href", "src", "action", "formaction") and scheme and not empty_favicon:
                found.append(f"<{el.tag} {name}={value[:30]}>")
    return found


def test_it_keeps_templates_free_of_inline_script_and_event_handlers():
    offenders = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            text = path.read_text()
            if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) and "json_script" not in text:
                offenders.append(f"{path}: inline <script>")
            for attr in re.findall(r"\son[a-z]+\s*=", text):
                offenders.append(f"{path}: {attr.strip()}")
    assert not offenders, "move these to a static file (duban/static/duban/behaviours.js)"


def test_it_sends_security_headers_and_a_policy_without_inline_script(client, world):
    from duban.web.security import CONTENT_SECURITY_POLICY

    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_keeps_pages_with_data_out_of_shared_caches(as_user, world):
    response = as_user(world.users["office"]).get(f"/reports/{world.drafts['区发改局'].pk}/")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("key", _office_pages())
def test_it_escapes_hostile_text_on_every_page(key, world, as_user):
    values = _hostile(world)
    row = table.ROWS[key]
    url = _url(ROUTES[key], values, row)
    for user in (world.users["office"], world.users["unit_a"], None):
        response = as_user(user).get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        assert not _dangerous(page), (url, _dangerous(page))


def test_it_shows_the_hostile_text_as_text(world, as_user):
    """The escaping test above can fail: the hostile text does reach the pages, escaped."""
    _hostile(world)
    page = as_user(world.users["office"]).get(f"/reports/{world.drafts['区发改局'].pk}/")
    assert "&lt;script&gt;alert(" in page.content.decode()


def _csrf_protected(el) -> bool:
    """An HTMX request sends the token when its element sits in (or includes) a form holding
    one, or an ancestor sets the X-CSRFToken header."""
    token = './/input[@name="csrfmiddlewaretoken"]'
    for node in [el, *el.iterancestors()]:
        if node.tag == "form" and node.xpath(token):
            return True
        if "X-CSRFToken" in (node.get("hx-headers") or ""):
            return True
    include = el.get("hx-include")
    if include and include.startswith("#"):
        target = el.getroottree().getroot().get_element_by_id(include[1:], None)
        return target is not None and bool(target.xpath(token))
    return False


@pytest.mark.parametrize("user_key", ["office", "unit_a"])
def test_it_puts_a_csrf_token_in_every_form_and_htmx_request(user_key, world, as_user):
    values = _objects(world)
    client = as_user(world.users[user_key])
    checked = 0
    for key in [*_office_pages(), "report_edit"]:
        response = client.get(_url(ROUTES[key], values, table.ROWS[key]))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        tree = lxml_html.fromstring(response.content.decode())
        for form in tree.xpath('//form[translate(@method, "POST", "post")="post"]'):
            assert form.xpath('.//input[@name="csrfmiddlewaretoken"]'), (key, form.get("action"))
            checked += 1
        for el in tree.xpath("//*[@hx-post or @hx-put or @hx-patch or @hx-delete]"):
            assert _csrf_protected(el), (key, el.tag, el.attrib)
            checked += 1
    assert checked >= 5


def test_it_refuses_every_page_write_without_a_csrf_token(world):
    values = _objects(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    refused = []
    for key, row in table.ROWS.items():
        if key not in ROUTES or key.startswith("api:") or row.write[0] not in "yv":
            continue
        response = client.post(_url(ROUTES[key], values, row), row.data)
        refused.append((key, response.status_code))
    assert refused and all(status == 403 for _, status in refused), refused


def test_it_refuses_a_login_without_a_csrf_token(world):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "office", "password": "pw-office"}
    )
    assert response.status_code == 403


def test_it_locks_a_name_out_after_five_wrong_passwords(world, client):
    for attempt in range(1, 6):
        wrong = client.post("/accounts/login/", {"username": "office", "password": "wrong"})
        assert wrong.status_code == (429 if attempt == 5 else 200)
    locked = client.post("/accounts/login/", {"username": "office", "password": "pw-office"})
    assert locked.status_code == 429
    assert "已暂停登录" in locked.content.decode()
    other = Client().post("/accounts/login/", {"username": "leader", "password": "pw-leader"})
    assert other.status_code == 302  # another name from the same address still logs in


def test_it_refuses_weak_passwords(world):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = world.users["office"]
    for weak in ("12345678901", "password123", "office2021x", "短密码"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("峄城督办-第四季度-报送", user)


def test_it_expires_sessions_and_makes_cookies_secure_off_loopback():
    from django.conf import settings

    from duban.web.security import serves_loopback_only

    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY
    assert serves_loopback_only(["127.0.0.1", "localhost"])
    assert not serves_loopback_only(["127.0.0.1", "duban.yicheng.gov.cn"])


def _formulas(xlsx: bytes) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx))
    return [
        f"{ws.title}!{cell.coordinate}: {cell.value}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def _docx_text_and_links(content: bytes) -> tuple[str, list[str]]:
    """The document's text (every w:t, joined) and the targets of its hyperlinks."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        root = etree.fromstring(z.read("word/document.xml"))  # well-formed, or this raises
        rels = z.read("word/_rels/document.xml.rels").decode()
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    text = "".join(t.text or "" for t in root.iter(f"{w}t"))
    fields = [f.text or "" for f in root.iter(f"{w}instrText")]
    links = re.findall(r'Target="([^"]*)"', rels) + fields
    return text, links


def test_it_writes_hostile_text_into_the_progress_table_as_text(world):
    from duban.core.render.export import export_table
    from duban.web.plans import seam

    _hostile(world)
    world.plan.refresh_from_db()
    plan = seam.to_core(world.plan, world.q3)
    book = export_table(plan, "xlsx")
    assert not _formulas(book)
    text, links = _docx_text_and_links(export_table(plan, "docx"))
    assert '<script>alert("x")</script>' in text  # the text itself, as text
    assert not [x for x in links if "javascript" in x or "evil.example" in x]


@pytest.mark.parametrize(
    "key", ["period_table_docx", "period_bulletin_docx", "period_unit_report_docx"]
)
def test_it_writes_hostile_text_into_every_word_download_as_text(key, world, as_user):
    values = _hostile(world)
    values["period_id"] = world.q3.pk  # the closed period with the (hostile) accepted reports
    values["unit_id"] = world.units["区发改局"].pk
    response = download(as_user(world.users["office"]), _url(ROUTES[key], values, table.ROWS[key]))
    assert response.status_code == 200, response.content[:300]
    text, links = _docx_text_and_links(response.content)
    assert "alert(" in text, "the hostile text reaches the document"
    assert not [x for x in links if "javascript" in x or "evil.example" in x]


def test_it_writes_hostile_text_into_the_excel_download_as_text(world, as_user):
    values = _hostile(world)
    values["period_id"] = world.q3.pk
    key = "period_table_xlsx"
    response = download(as_user(world.users["office"]), _url(ROUTES[key], values, table.ROWS[key]))
    assert response.status_code == 200
    assert not _formulas(response.content)


def test_it_writes_hostile_unit_names_into_the_assessment_as_text(world, as_user):
    values = _hostile(world)
    client = as_user(world.users["office"])
    book = client.get(_url(ROUTES["assessment_xlsx"], values, table.ROWS["assessment_xlsx"]))
    assert book.status_code == 200
    assert not _formulas(book.content)
    text = client.get(_url(ROUTES["assessment_csv"], values, table.ROWS["assessment_csv"]))
    cells = [c for row in csv.reader(io.StringIO(text.content.decode("utf-8-sig"))) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@")], cells
