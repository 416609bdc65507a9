"""Errors a person can act on: each names the file, the place, what was expected, what was found."""


class AnalysisError(Exception):
    """Base class for every error the analysis package raises on purpose."""

    def __reduce__(self):
        # pickled with the arguments it was made from, so that it crosses into another
        # process (a figure export's worker) as itself; Exception would pass its message alone
        return _rebuilt, (type(self), self.__dict__, str(self))


def _rebuilt(cls, fields: dict, message: str) -> AnalysisError:
    error = Exception.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(fields)
    return error


class InputError(AnalysisError):
    """An input file is missing, malformed or does not match its declaration."""

    def __init__(self, path, place: str, expected: str, found: str):
        self.path, self.place, self.expected, self.found = str(path), place, expected, found
        super().__init__(f"{path}, {place}: expected {expected}; found {found}")


class FixityError(AnalysisError):
    """A source file's bytes no longer match the SHA-256 recorded in the catalogue."""

    def __init__(self, path, recorded: str, actual: str):
        self.path, self.recorded, self.actual = str(path), recorded, actual
        super().__init__(
            f"{path}: SHA-256 mismatch; the catalogue records {recorded} but the file hashes to "
            f"{actual}. The source changed: restore it, or record the new version as a new source."
        )


class SchemaError(AnalysisError):
    """A table does not match its declared schema (columns, types, required values, keys)."""

    def __init__(self, where, place: str | None = None, expected: str = "", found: str = ""):
        self.where, self.place, self.expected, self.found = str(where), place, expected, found
        if place is None:
            super().__init__(str(where))
        else:
            super().__init__(f"{where}, {place}: expected {expected}; found {found}")


class EvidenceError(AnalysisError):
    """A derived row's quote is not the text at its recorded span."""
