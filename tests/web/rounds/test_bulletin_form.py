"""The bulletin's form: 期号, date, 依据文号, addressees and sections, set before the document is
made in the background; the answer is the job's page, then the file."""

from __future__ import annotations

import io
import zipfile

from tests.web.conftest import download, run_jobs


def _text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml").decode()
    import re

    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def _url(world) -> str:
    return f"/periods/{world.q3.pk}/bulletin/"


def test_the_form_offers_the_issue_the_date_the_addressees_and_the_sections(world, as_user):
    page = as_user(world.users["office"]).get(_url(world))
    assert page.status_code == 200
    body = page.content.decode()
    for field in ('name="issue_no"', 'name="issued"', 'name="basis_no"', 'name="addressees"'):
        assert field in body
    assert body.count('name="sections"') == 2  # the plan's two sections, both checked
    assert "下载Word" in body and "下载PDF" in body


def test_the_bulletin_carries_what_the_form_says(world, as_user):
    client = as_user(world.users["office"])
    first = world.plan.sections.get(number=0)
    response = client.post(
        _url(world),
        {
            "issue_no": "7",
            "issued": "2021-10-15",
            "basis_no": "峄政办发〔2021〕3号",
            "addressees": "区委办公室、区人大办公室",
            "sections": [str(first.number)],
            "fmt": "docx",
        },
    )
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    run_jobs()
    done = download(client, response["Location"] + "file")
    assert done.status_code == 200
    text = _text(done.content)
    assert "第7期" in text and "区委办公室、区人大办公室" in text
    assert "2021年10月15日" in text


def test_a_form_without_sections_is_refused_in_place(world, as_user):
    from duban.web.jobs.models import Job

    response = as_user(world.users["office"]).post(
        _url(world), {"issued": "2021-10-15", "fmt": "docx"}
    )
    assert response.status_code == 400
    assert response.content.decode().count("请至少选择一个部分") == 1
    assert Job.objects.count() == 0


def test_only_the_office_and_leaders_make_bulletins(world, as_user):
    assert as_user(world.users["leader"]).get(_url(world)).status_code == 200
    assert as_user(world.users["unit_a"]).get(_url(world)).status_code == 403
    assert as_user(world.users["other_office"]).get(_url(world)).status_code == 404


def test_sections_cut_the_plan_and_its_judgement(world):
    from duban.web.dashboard.verdicts import for_documents, period_judgement
    from duban.web.plans import seam
    from duban.web.rounds.bulletin import only_sections

    plan = seam.to_core(world.plan, world.q3)
    judgement = for_documents(period_judgement(world.plan, world.q3))
    cut, judged = only_sections(plan, judgement, [1])
    assert [t.seq for t in cut.tasks] == [3]
    assert [t.seq for t in judged.tasks] == [3]
    assert all(seqs and set(seqs) <= {3} for seqs in judged.missing.values())
