"""The one exception type of the reference interpreter."""


class LaurynRefError(Exception):
    """A run-time error that compiled Lauryn code also reports (shape
    mismatch, index out of bounds, singular matrix, ...), or an input the
    interpreter cannot handle. `op` is the operation name, `loc` its source
    location ("file:line:col") when known."""

    def __init__(self, message, op=None, loc=None):
        self.op, self.loc, self.reason = op, loc, message
        where = ""
        if op:
            where = f"'{op}'" + (f" at {loc}" if loc else "") + ": "
        super().__init__(where + message)
