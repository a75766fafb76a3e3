"""Kept for the rota's file code (roster_files.py, being rewritten on another branch), which
imports these from here; they live in dutyroom/formats/spreadsheet_cells.py."""

from dutyroom.formats.spreadsheet_cells import append_text_row as append_text_row
from dutyroom.formats.spreadsheet_cells import csv_cell as csv_cell
from dutyroom.formats.spreadsheet_cells import csv_row as csv_row
