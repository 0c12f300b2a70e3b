"""The one exception the fonts package raises for problems a user can fix."""

from __future__ import annotations

from briefpack.errors import Problem, UserError


class FontError(UserError):
    """A font problem the user fixes by installing or configuring fonts, not by changing code.

    `message` says what is wrong, `hint` what to do about it; as a `UserError` it ends the CLI with
    a short message and exit status 1, never a traceback.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(Problem(message, hint=hint))
