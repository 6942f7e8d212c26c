"""The one error envelope: {"ok": false, "error", "errors", "status"}."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, StoryworldError


def envelope(status: int, error: str, errors: list | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": error, "errors": errors or [], "status": status}, status_code=status)


def install(app) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return envelope(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": [str(x) for x in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()]
        return envelope(400, "invalid request parameters", errors)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        return envelope(422, str(exc))

    @app.exception_handler(StoryworldError)
    async def storyworld_error(request: Request, exc: StoryworldError):
        return envelope(500, str(exc))
