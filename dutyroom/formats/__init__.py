"""Files other programs open: spreadsheets (.xlsx, .csv) and calendars (.ics).

Below the services, beside reports/: code here knows a file format and nothing of the
database or of use cases, so a service reads or writes a file through it in one call.
"""
