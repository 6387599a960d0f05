# English dates in the same order as the Dutch ones: "1 March 2026".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
