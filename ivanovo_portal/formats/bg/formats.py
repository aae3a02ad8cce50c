# Bulgarian writes 59 875,20: group the thousands (Django leaves them ungrouped for "bg").
NUMBER_GROUPING = 3
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
# Dates as Bulgarian documents write them: 07.02.2023 (Django's "d F Y" capitalises the month).
DATE_FORMAT = "d.m.Y"
