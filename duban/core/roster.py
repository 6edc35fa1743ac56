"""A roster of reporters (联络员): the office's spreadsheet of unit, name, phone and e-mail,
read into rows and checked row by row before any account exists.

Reading: an .xlsx (through the upload checks of importers/safety.py) or a .csv (UTF-8 or
GB18030, as Excel saves it in China); the header row is found by its words (单位, 姓名, 手机,
邮箱), anywhere in the first rows of the first sheet that has one. Checking is a pure function of
the rows, the organization's units (a resolver the caller builds from its data) and the accounts
that exist: each row gets every problem it has, as a Chinese sentence for the office's page.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from duban.core.errors import InputError
from duban.core.importers.formats.xlsx import open_workbook
from duban.core.importers.safety import LIMITS, Limits, check_size
from duban.core.messages import E

ROSTER_SUFFIXES = (".xlsx", ".csv")
MAX_ROWS = 5000  # a county has a few hundred reporters; more is not a roster
HEADER_SEARCH_ROWS = 20
NAME_MAX = 30
EMAIL_MAX = 254

# Column → header words, most specific first: 联络员手机 is a phone, 联络员姓名 a name.
_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("邮箱", "电子邮件", "e-mail", "email", "邮件")),
    ("phone", ("手机", "电话", "联系方式")),
    ("name", ("姓名", "联络员", "名字", "联系人")),
    ("unit", ("单位", "部门")),
)
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


@dataclass(frozen=True)
class RosterRow:
    """One row of the spreadsheet as written (line = the sheet's row number)."""

    line: int
    unit: str
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class Roster:
    source: str
    rows: tuple[RosterRow, ...]


@dataclass(frozen=True)
class Account:
    """An account that exists, as the checks need it: whose phone is whose."""

    name: str
    unit: str | None
    active: bool


@dataclass(frozen=True)
class RowCheck:
    row: RosterRow
    unit: str | None  # the unit's canonical name when found
    phone: str  # normalised: 11 digits, or as written when it is not a phone number
    problems: tuple[str, ...] = ()
    exists: bool = False  # this person already has this account: nothing to create

    @property
    def ok(self) -> bool:
        return not self.problems


def read_roster(path: str | Path, limits: Limits = LIMITS) -> Roster:
    """The rows of a roster file; InputError (with the row) when it cannot be one."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_rows(path, limits)
    elif suffix == ".csv":
        table = _csv_rows(path, limits)
    else:
        raise InputError("请上传 .xlsx 或 .csv 文件", source=str(path))
    return Roster(str(path), tuple(_rows(table, str(path))))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed into a number cell
    return str(value).strip()


def _xlsx_rows(path: Path, limits: Limits) -> Iterable[tuple[int, list[str]]]:
    wb = open_workbook(path, limits, read_only=True)  # no merged cells needed here
    try:
        for ws in wb.worksheets:
            rows = []
            for n, values in enumerate(ws.iter_rows(values_only=True, max_col=30), start=1):
                if n > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise InputError(f"表格超过 {MAX_ROWS} 行，请分批导入", source=str(path))
                rows.append((n, [_cell(v) for v in values]))
            if _header(rows) is not None:
                return rows
        return []
    finally:
        wb.close()


def _csv_rows(path: Path, limits: Limits) -> list[tuple[int, list[str]]]:
    check_size(path, limits)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(E.CSV_ENCODING(), source=str(path))
    rows = []
    for n, values in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if n > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise InputError(f"表格超过 {MAX_ROWS} 行，请分批导入", source=str(path))
        rows.append((n, [_cell(v) for v in values[:30]]))
    return rows


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]] | None:
    """(index of the header row, column → position) for the first row naming unit and name."""
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for pos, text in enumerate(cells):
            key = text.replace(" ", "").replace("\u3000", "").lower()
            for column, words in _COLUMNS:
                if column not in found and any(w in key for w in words):
                    found[column] = pos
                    break
        if "unit" in found and "name" in found:
            return index, found
    return None


def _rows(table: Iterable[tuple[int, list[str]]], source: str) -> Iterable[RosterRow]:
    rows = list(table)
    header = _header(rows)
    if header is None:
        raise InputError(
            "找不到表头行：表格要有写明“单位”“姓名”“手机号”“邮箱”的一行", source=source
        )
    index, columns = header
    out = []
    for line, cells in rows[index + 1 :]:
        values = {c: cells[p] if p < len(cells) else "" for c, p in columns.items()}
        if not any(values.values()):
            continue  # an empty row between blocks
        out.append(
            RosterRow(
                line,
                values.get("unit", ""),
                values.get("name", ""),
                values.get("phone", ""),
                values.get("email", ""),
            )
        )
    if not out:
        raise InputError("表头下面没有联络员", source=source)
    return out


def phone_normalised(text: str) -> str:
    """13800000000 from “138 0000 0000”, “138-0000-0000”, “+86 13800000000”."""
    digits = re.sub(r"[\s\-‐－()（）]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def is_phone(text: str) -> bool:
    return bool(_PHONE.match(text))


def roster_check(
    rows: Iterable[RosterRow],
    *,
    resolve: Callable[[str], str | None],
    unit_names: Iterable[str] = (),
    groups: Iterable[str] = (),
    accounts: Mapping[str, Account] | None = None,
) -> tuple[RowCheck, ...]:
    """Every row with all its problems.

    resolve: a unit as written → its canonical name in the organization, or None;
    unit_names: the organization's units, to suggest one for a name not found;
    groups: canonical names of unit groups (各镇（街）…), which have no reporters of their own;
    accounts: phone → the account that has it already.
    """
    rows = list(rows)
    accounts = accounts or {}
    group_names = set(groups)
    known = sorted(set(unit_names) - group_names)
    phones = [phone_normalised(r.phone) for r in rows]
    lines_of: dict[str, list[int]] = defaultdict(list)
    for row, phone in zip(rows, phones, strict=True):
        if phone:
            lines_of[phone].append(row.line)
    out = []
    for row, phone in zip(rows, phones, strict=True):
        problems: list[str] = []
        unit = resolve(row.unit) if row.unit else None
        if not row.name:
            problems.append("姓名为空")
        elif len(row.name) > NAME_MAX:
            problems.append(f"姓名超过 {NAME_MAX} 个字")
        if not row.unit:
            problems.append("单位为空")
        elif unit is None:
            problems.append(_unknown_unit(row.unit, known))
        elif unit in group_names:
            problems.append(f"“{row.unit}”是单位组，联络员要填具体单位")
        exists = False
        if not phone:
            problems.append("手机号为空")
        elif not is_phone(phone):
            problems.append(f"手机号“{row.phone}”不是 11 位手机号")
        else:
            others = [n for n in lines_of[phone] if n != row.line]
            if others:
                problems.append(f"手机号与第 {'、'.join(map(str, others))} 行重复")
            taken = accounts.get(phone)
            if taken is not None:
                if taken.active and taken.name == row.name and taken.unit == unit:
                    exists = True
                else:
                    problems.append(_taken(taken))
        if row.email and (len(row.email) > EMAIL_MAX or not _EMAIL.match(row.email)):
            problems.append(f"邮箱“{row.email[:60]}”格式不对")
        out.append(RowCheck(row, unit, phone, tuple(problems), exists and not problems))
    return tuple(out)


def _unknown_unit(written: str, known: list[str]) -> str:
    message = f"单位“{written}”不在本机构的单位名单中"
    close = difflib.get_close_matches(written, known, n=1, cutoff=0.6)
    return message + (f"，是否为“{close[0]}”？" if close else "")


def _taken(account: Account) -> str:
    who = f"{account.name}（{account.unit}）" if account.unit else account.name
    if not account.active:
        return f"手机号属于已停用的账号“{who}”"
    return f"手机号已是“{who}”的账号"
