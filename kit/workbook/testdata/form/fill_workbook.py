#!/usr/bin/python3
"""Fill a blank sexto incident workbook with the answers of incident.json, as a person would
in a spreadsheet: each answer in the answer column of its item's row, coded answers as the
dropdown's label in the workbook's language, dates as real spreadsheet dates. Uses Debian's
python3-openpyxl. Documentation of how the committed filled workbooks were made; the Go tests
do not run it.

    fill_workbook.py BLANK.xlsx incident.json fr|en OUT.xlsx
"""
import datetime
import json
import re
import sys

import openpyxl

SHEETS = {
    "fr": {"incident": "Dossier", "student": "Élève {}", "devices": "Appareils", "timeline": "Chronologie"},
    "en": {"incident": "Incident", "student": "Student {}", "devices": "Devices", "timeline": "Timeline"},
}
DATE = re.compile(r"^\d{4}-\d\d-\d\d( \d\d:\d\d)?$")


def value(answer, lang):
    if "code" in answer:
        return answer[lang]
    text = answer["text"]
    if DATE.match(text):
        fmt = "%Y-%m-%d %H:%M" if " " in text else "%Y-%m-%d"
        return datetime.datetime.strptime(text, fmt)
    return text


def key_row(ws, key):
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == key:
            return row[0].row
    sys.exit("no row for " + key + " on " + ws.title)


def main(blank, answers_path, lang, out):
    with open(answers_path, encoding="utf-8") as f:
        answers = json.load(f)["fields"]
    names = SHEETS[lang]
    wb = openpyxl.load_workbook(blank)
    devices = wb[names["devices"]]
    device_cols = {c.value: c.column for c in devices[1] if c.value}
    for a in answers:
        group, key = a["name"].split(".", 1)
        v = value(a, lang)
        if group == "incident":
            ws = wb[names["incident"]]
            ws.cell(row=key_row(ws, a["name"]), column=3, value=v)
        elif group[0] == "E":
            ws = wb[names["student"].format(int(group[1:]))]
            ws.cell(row=key_row(ws, key), column=3, value=v)
        elif group[0] == "D":
            # row 1: the keys, row 2: the labels, then one row per device
            devices.cell(row=2 + int(group[1:]), column=device_cols[key], value=v)
        elif group[0] == "T":
            ws = wb[names["timeline"]]
            col = {"at": 1, "action": 2, "by": 3}[key]
            ws.cell(row=1 + int(group[1:]), column=col, value=v)
    wb.save(out)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
