"""Errors a user can cause, each carrying one sentence that names the thing and the fix.

    MinutesError
    ├── InputError               the input file cannot be used
    │   ├── EmptyInputError      nothing to read
    │   ├── BinaryInputError     not text (and not audio the text path can read)
    │   ├── UnknownFormatError   --input-format names no known format
    │   └── StrictModeError      --strict and the draft has warnings
    ├── RuleFileError            a rule file under rules/ is invalid (all problems listed)
    ├── DateError                a date given on the command line cannot be read
    ├── DraftFileError           a file given as a draft is not the JSON `minutes extract --format json` writes
    ├── ExportUnavailableError   .docx/.ics export without the export extra installed
    ├── TrainingDataError        a training data file under models/data/ is invalid
    └── SendError                the minutes cannot be sent
        ├── SendConfigError      SMTP settings missing or unreadable, or a recipient is not an address
        └── UnreviewedDraftError items are still in review `draft`
"""
from __future__ import annotations


class MinutesError(Exception):
    """Base class; str(error) is the one-line message shown to the user."""


class InputError(MinutesError):
    pass


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class UnknownFormatError(InputError):
    pass


class StrictModeError(InputError):
    pass


class RuleFileError(MinutesError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in rule files:\n" + "\n".join(problems))


class DateError(MinutesError):
    pass


class DraftFileError(MinutesError):
    pass


class ExportUnavailableError(MinutesError):
    pass


class TrainingDataError(MinutesError):
    pass


class SendError(MinutesError):
    pass


class SendConfigError(SendError):
    pass


class UnreviewedDraftError(SendError):
    pass
