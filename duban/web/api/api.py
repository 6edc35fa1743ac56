"""The NinjaAPI mounted at /api/v1/: every operation needs a personal token (auth.py) and reads
through access.py as the token's user, so it answers exactly what that user's pages show.

Errors are JSON {code, detail[, errors]} with the status code; never a traceback.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from duban.web.api import figures, reads, reports
from duban.web.api.auth import TokenAuth
from duban.web.api.throttle import TokenThrottle
from duban.web.evidence import api as evidence_api
from duban.web.plans.services import ReportLocked, StaleReport
from duban.web.rounds.services import RoundError

DESCRIPTION = """督办数据接口：年度任务、部分、任务（责任单位、研判结论）、报送期、进展报告、检索、统计。

Authenticate with a personal token made on the page /account/tokens/:
`Authorization: Bearer dbn_…`. A token acts with its owner's permissions, exactly as the web
pages do. Lists take `limit` and `offset` and answer `{items, total, limit, offset}`.
Errors answer `{code, detail}`; 429 carries `Retry-After`.
"""


class DubanAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """The view's name (`tasks`, `report_submit`), not its module path."""
        return operation.view_func.__name__.rstrip("_")


api = DubanAPI(
    title="督办 duban API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN; docs/openapi.json is the reference
)
api.add_router("", reads.router)
api.add_router("", reports.router)
api.add_router("", figures.router)
api.add_router("", evidence_api.router)


def _error(request: HttpRequest, status: int, code: str, detail: str, **extra) -> HttpResponse:
    return api.create_response(request, {"code": code, "detail": detail, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(
        request, 401, "not_authenticated", "需要有效的接口令牌（Authorization: Bearer …）"
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, "forbidden", "无权进行此操作")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", "未找到")


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return _error(request, 422, "invalid", "请求参数有误", errors=errors)


@api.exception_handler(StaleReport)  # ReportLocked too: the text is kept either way
def _stale(request, exc):
    code, detail = (
        ("locked", f"{exc.reason}；您的文字已另存备查")
        if isinstance(exc, ReportLocked)
        else ("conflict", f"该报告已被他人修改，当前版本为 {exc.current_version}")
    )
    errors = [{"loc": ["version"], "msg": str(exc.current_version)}]
    return _error(request, 409, code, detail, errors=errors)


@api.exception_handler(RoundError)
def _refused(request, exc):
    return _error(request, 409, "refused", str(exc))


@api.exception_handler(Throttled)
def _rate_limited(request, exc):
    seconds = max(1, math.ceil(exc.wait or 1))
    response = _error(request, 429, "rate_limited", f"请求过于频繁，请 {seconds} 秒后再试")
    response["Retry-After"] = str(seconds)  # ninja sets it again from its own figure, the same
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc):
    code = "bad_request" if exc.status_code == 400 else "error"
    return _error(request, exc.status_code, code, str(exc))
