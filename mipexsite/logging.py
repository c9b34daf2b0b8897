"""A console log formatter that also prints the fields passed with `extra={...}`."""

import logging

# Attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class ExtraFieldsFormatter(logging.Formatter):
    """Format a record as usual, then append its extra fields as key=value pairs."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        extras = {
            key: value for key, value in vars(record).items() if key not in _STANDARD_ATTRIBUTES
        }
        if not extras:
            return text
        return text + " " + " ".join(f"{key}={value!r}" for key, value in sorted(extras.items()))
