"""Tables in an Excel workbook, written with xlsxwriter.

Every value is written with the method of its kind: text always with
``write_string``, so that a name or summary beginning with ``=`` stays text
and never becomes a formula; dates as dates, numbers as numbers.
"""

import io
import re
from datetime import date
from typing import NamedTuple

import xlsxwriter

TEXT = "text"
LONG_TEXT = "long_text"
DATE = "date"
DATETIME = "datetime"
YEAR = "year"
INTEGER = "integer"
DECIMAL = "decimal"
PERCENT = "percent"

NUMBER_FORMATS = {
    YEAR: "0",
    INTEGER: "#,##0",
    DECIMAL: "#,##0.0",
    PERCENT: "0.0%",
}
# Widths in characters.
MIN_WIDTH = 8
MAX_WIDTH = 60
LONG_TEXT_WIDTH = 80
DATE_WIDTH = 12
# strftime directives of res.lang's date format and their Excel equivalents.
EXCEL_DATE_CODES = {
    "%d": "dd",
    "%e": "d",
    "%m": "mm",
    "%Y": "yyyy",
    "%y": "yy",
    "%b": "mmm",
    "%B": "mmmm",
    "%a": "ddd",
    "%A": "dddd",
    "%H": "hh",
    "%M": "mm",
    "%S": "ss",
}
INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


class Column(NamedTuple):
    header: str
    kind: str = TEXT


def excel_date_format(strftime_format):
    """Excel's number format for a strftime date format, e.g. '%d.%m.%Y'
    gives 'dd.mm.yyyy'; ISO dates when a directive has no equivalent."""
    parts = re.split(r"(%.)", strftime_format or "")
    excel = []
    for part in parts:
        if part.startswith("%"):
            if part not in EXCEL_DATE_CODES:
                return "yyyy-mm-dd"
            excel.append(EXCEL_DATE_CODES[part])
        elif part:
            excel.append(
                "".join(f"\\{char}" if char.isalpha() else char for char in part)
            )
    return "".join(excel) or "yyyy-mm-dd"


class XlsxWorkbook:
    """A workbook of tables: a header row that stays in view, an autofilter,
    column widths fitted to the content."""

    def __init__(self, date_format="yyyy-mm-dd"):
        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self._buffer,
            {
                # Rows go to a temporary file as they are written: memory stays
                # flat and closing a large workbook takes a fraction of the
                # time, as no shared string table is built.
                "constant_memory": True,
                # Never turn text into formulas, links or numbers, whatever
                # method writes it.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self.header_format = self.book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "bg_color": "#DDE5F0",
                "bottom": 1,
            }
        )
        self.formats = {
            TEXT: self.book.add_format({"valign": "top"}),
            LONG_TEXT: self.book.add_format({"valign": "top", "text_wrap": True}),
            DATE: self.book.add_format(
                {"num_format": date_format, "align": "left", "valign": "top"}
            ),
            DATETIME: self.book.add_format(
                {
                    "num_format": f"{date_format} hh:mm",
                    "align": "left",
                    "valign": "top",
                }
            ),
        }
        for kind, number_format in NUMBER_FORMATS.items():
            self.formats[kind] = self.book.add_format(
                {"num_format": number_format, "valign": "top"}
            )
        self._sheet_names = set()

    def _sheet_name(self, name):
        # Excel allows 31 characters and no []:*?/\ in a sheet name.
        name = INVALID_SHEET_CHARACTERS.sub(" ", name)[:31].strip() or "Sheet"
        unique, number = name, 2
        while unique.lower() in self._sheet_names:
            suffix = f" ({number})"
            unique = name[: 31 - len(suffix)] + suffix
            number += 1
        self._sheet_names.add(unique.lower())
        return unique

    def add_table(self, name, columns, rows):
        """A sheet with one header row and one row per item of ``rows``,
        each a sequence of values in the order of ``columns``; None or False
        leaves a cell empty. Rows are written in order, once each."""
        sheet = self.book.add_worksheet(self._sheet_name(name))
        widths = [
            max(
                MIN_WIDTH, max((len(word) for word in column.header.split()), default=0)
            )
            for column in columns
        ]
        # The header wraps; Excel fits the height of a row without a set one.
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column.header, self.header_format)
        writers = [self._cell_writer(sheet, column.kind) for column in columns]
        row_count = 0
        for row_count, row in enumerate(rows, start=1):
            if len(row) != len(columns):
                raise ValueError(f"{len(columns)} values expected, not {row!r}")
            for col, value in enumerate(row):
                # Empty cells are not written at all.
                if value is not None and value is not False:
                    width = writers[col](row_count, col, value)
                    if width > widths[col]:
                        widths[col] = width
        for col, column in enumerate(columns):
            if column.kind == LONG_TEXT:
                width = max(min(widths[col], LONG_TEXT_WIDTH), MIN_WIDTH)
            else:
                width = min(widths[col] + 2, MAX_WIDTH)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, row_count, len(columns) - 1)
        return sheet

    def add_line_charts(self, sheet, charts, column):
        """Native Excel line charts beside a table written by ``add_table``,
        one below the other from the second row on, in ``column``.

        :param charts: list of dicts with ``title``, ``rows`` (the table's
            data rows drawn as lines, 1 for the first row under the header;
            the first cell of each names its line) and ``columns`` (indexes
            of the columns holding the points; their headers are the x axis)
        """
        for index, spec in enumerate(charts):
            chart = self.book.add_chart({"type": "line"})
            first, last = spec["columns"][0], spec["columns"][-1]
            for row in spec["rows"]:
                chart.add_series(
                    {
                        "name": [sheet.name, row, spec.get("name_column", 0)],
                        "categories": [sheet.name, 0, first, 0, last],
                        "values": [sheet.name, row, first, row, last],
                        "marker": {"type": "circle"},
                    }
                )
            chart.set_title({"name": spec["title"]})
            chart.set_y_axis(
                {"min": 0, "max": 1, "num_format": "0%", "major_gridlines": {}}
            )
            chart.set_legend({"position": "bottom"})
            chart.show_blanks_as("gap")
            # A chart is 15 rows high; one row between two.
            sheet.insert_chart(1 + 16 * index, column, chart)

    def _cell_writer(self, sheet, kind):
        """A function that writes a value of ``kind`` into a cell and returns
        the width the value needs; chosen once per column, not per cell."""
        cell_format = self.formats[kind]
        if kind in (DATE, DATETIME):
            width = DATE_WIDTH + (6 if kind == DATETIME else 0)

            def write_date(row, col, value):
                if not isinstance(value, date):
                    raise TypeError(f"A date is expected, not {value!r}")
                sheet.write_datetime(row, col, value, cell_format)
                return width

            return write_date
        if kind in NUMBER_FORMATS:

            def write_number(row, col, value):
                sheet.write_number(row, col, value, cell_format)
                return len(f"{value:,.1f}")

            return write_number

        def write_text(row, col, value):
            text = str(value)
            sheet.write_string(row, col, text, cell_format)
            if kind == LONG_TEXT:
                return max((len(line) for line in text.splitlines()), default=0)
            return len(text)

        return write_text

    def close(self):
        """Finish the workbook and return its content."""
        self.book.close()
        return self._buffer.getvalue()
