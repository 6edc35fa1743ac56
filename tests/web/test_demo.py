"""`duban demo-setup`: the example imported, an account per role and unit, every one can log in."""

from __future__ import annotations

from click.testing import CliRunner


def read_accounts(path):
    return [line.split(" ", 3) for line in path.read_text(encoding="utf-8").splitlines()]


def test_it_sets_up_the_demo_and_every_account_logs_in(db, tmp_path, client):
    from duban.cli import main
    from duban.web.orgs.models import Unit
    from duban.web.plans.models import Task

    accounts_file = tmp_path / "demo-accounts.txt"
    result = CliRunner().invoke(main, ["demo-setup", "--accounts-file", str(accounts_file)])
    assert result.exit_code == 0, result.output
    assert "/accounts/login/" in result.output
    accounts = read_accounts(accounts_file)
    roles = [a[0] for a in accounts]
    assert roles.count("office") == 1 and roles.count("leader") == 1
    reporting_units = Unit.objects.exclude(kind="group")
    assert sorted(a[3] for a in accounts if a[0] == "unit") == sorted(
        u.name for u in reporting_units
    )
    assert Task.objects.count() == 108
    for _role, username, password, _unit in accounts:
        assert client.login(username=username, password=password), username
        assert client.get("/").status_code == 200
        client.logout()


def test_it_runs_twice_without_error_and_renews_the_passwords(db, tmp_path, client):
    from duban.cli import main
    from duban.web.plans.models import Report

    accounts_file = tmp_path / "demo-accounts.txt"
    CliRunner().invoke(main, ["demo-setup", "--accounts-file", str(accounts_file)])
    first = read_accounts(accounts_file)
    reports = Report.objects.count()
    result = CliRunner().invoke(main, ["demo-setup", "--accounts-file", str(accounts_file)])
    assert result.exit_code == 0, result.output
    second = read_accounts(accounts_file)
    assert [a[1] for a in first] == [a[1] for a in second]
    assert Report.objects.count() == reports
    office = next(a for a in second if a[0] == "office")
    assert client.login(username=office[1], password=office[2])


def test_it_lets_the_demo_office_into_the_admin(db, tmp_path, client):
    from duban.cli import main

    accounts_file = tmp_path / "demo-accounts.txt"
    CliRunner().invoke(main, ["demo-setup", "--accounts-file", str(accounts_file)])
    office = next(a for a in read_accounts(accounts_file) if a[0] == "office")
    client.login(username=office[1], password=office[2])
    assert client.get("/admin/plans/report/").status_code == 200
