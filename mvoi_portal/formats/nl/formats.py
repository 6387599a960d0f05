# How the portal writes dates in Dutch: the month in full and in lower case, "1 maart 2026".
# Templates use these names (|date:"DATE_FORMAT"), never a format of their own; Django's "M" would
# write "Mrt", which is not Dutch.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
