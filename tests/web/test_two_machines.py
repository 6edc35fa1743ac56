"""Two app servers and two workers on one PostgreSQL, each "machine" with its own var/ folder,
the files on an S3-compatible store (moto's server on 127.0.0.1): a session made on one server
is good on the other, ten requests for one export across both make one job and one stored file,
which either server then serves, and the API's rate count is one count for both.
Loopback only; every process is ended by the fixture."""

from __future__ import annotations

import http.client
import re
import threading
from urllib.parse import urlencode

import pytest

from tests.web.processes import Site, free_port, s3_emulator, wait_for

pytestmark = pytest.mark.postgres

OFFICE = """
from django.contrib.auth import get_user_model
from duban.web.accounts.models import Membership
from duban.web.orgs.models import Organization
user = get_user_model().objects.create_user("office2", password="two-machines-pw")
Membership.objects.create(user=user, organization=Organization.objects.get(), role="office")
from duban.web.plans.models import Period
print(Period.objects.get().pk)
"""


class Browser:
    """A cookie-keeping HTTP client, pointed at one server or another."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        conn.request(method, path, data, headers)
        response = conn.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return response.status, dict(response.getheaders()), content

    def login(self, port: int) -> None:
        _, _, page = self.request(port, "GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, headers, _ = self.request(
            port,
            "POST",
            "/accounts/login/",
            {"username": "office2", "password": "two-machines-pw", "csrfmiddlewaretoken": token},
        )
        assert status == 302 and "/accounts/login/" not in headers["Location"]


@pytest.fixture
def s3():
    with s3_emulator("duban-files") as emulator:
        yield emulator


@pytest.fixture
def site(tmp_path, db, s3):
    endpoint, _ = s3
    site = Site(
        tmp_path / "shared",
        DUBAN_S3_BUCKET="duban-files",
        DUBAN_S3_ENDPOINT_URL=endpoint,
        DUBAN_S3_REGION="us-east-1",
        DUBAN_S3_ACCESS_KEY="testing",
        DUBAN_S3_SECRET_KEY="testing",
        DUBAN_API_ADDRESS_RATE="3/minute",
    )
    site.setup_example()
    yield site
    site.close()


def test_two_app_servers_and_two_workers_share_one_database_and_one_file_store(site, s3, tmp_path):
    _, bucket = s3
    period = int(site.python(OFFICE))
    machine = {name: str(tmp_path / name) for name in ("a", "b")}  # each its own var/
    ports = {"a": free_port(), "b": free_port()}
    for name in ("a", "b"):
        site.env["DUBAN_VAR_DIR"] = machine[name]
        site.start_web(ports[name])
        site.start_worker()

    browser = Browser()
    browser.login(ports["a"])
    assert browser.request(ports["b"], "GET", "/my/")[0] == 200  # the session, on the other

    answers: list[tuple[int, str]] = []

    def ask(port: int) -> None:
        status, headers, _ = browser.request(port, "GET", f"/periods/{period}/table.docx")
        answers.append((status, headers.get("Location", "")))

    threads = [threading.Thread(target=ask, args=(ports["ab"[i % 2]],)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(answers) == 10
    jobs = {where for status, where in answers if status == 302}
    assert len(jobs) <= 1 and all(s in (200, 302) for s, _ in answers)
    [(job_id,)] = site.sql("SELECT id FROM jobs_job")

    def made() -> bool:
        return site.sql("SELECT state FROM jobs_job WHERE id = ?", job_id)[0][0] == "done"

    wait_for(made, 120, "the export")
    objects = bucket.list_objects_v2(Bucket="duban-files").get("Contents", [])
    assert len([o for o in objects if "/exports/" in o["Key"]]) == 1
    for port in ports.values():  # either server serves the one stored file
        status, headers, content = browser.request(port, "GET", f"/periods/{period}/table.docx")
        assert status == 200 and content[:2] == b"PK"
        assert "UTF-8''" in headers["Content-Disposition"]

    bad = {"Authorization": "Bearer dbn_guess"}
    codes = []
    for port in (ports["a"], ports["b"], ports["a"], ports["b"]):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/api/v1/plans", headers=bad)
        codes.append(conn.getresponse().status)
        conn.close()
    assert codes == [401, 401, 401, 429]  # three a minute per address, counted once for both
