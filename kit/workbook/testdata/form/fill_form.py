#!/usr/bin/python3
"""Fill a blank sexto PDF incident form with the answers of incident.json, as a program that
is not sexto would: with Debian's python3-pypdf (3.4), by field name, without any help from
sexto. Documentation of how the committed filled forms were made; the Go tests do not run it.

    fill_form.py BLANK.pdf incident.json OUT.pdf

Field names are fully qualified with periods (incident.id, E2.intent.motive, D1.device.seal_no,
T1.at). A coded item is a radio group: its value is the code, the name of the appearance state
of the tick box to turn on. A text item is a text field. The reader is told to draw the typed
answers (/NeedAppearances, already set by sexto).
"""
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject


def terminal_fields(refs, parent=""):
    """Yield (fully qualified name, field dictionary) for every terminal field."""
    for ref in refs:
        field = ref.get_object()
        name = parent
        if "/T" in field:
            name = (parent + "." if parent else "") + field["/T"]
        kids = [k for k in field.get("/Kids", []) if "/T" in k.get_object()]
        if kids:
            yield from terminal_fields(kids, name)
        else:
            yield name, field


def main(blank, answers_path, out):
    with open(answers_path, encoding="utf-8") as f:
        answers = {a["name"]: a for a in json.load(f)["fields"]}
    reader = PdfReader(blank)
    writer = PdfWriter()
    writer.clone_document_from_reader(reader)
    acroform = writer._root_object["/AcroForm"]
    found = set()
    for name, field in terminal_fields(acroform["/Fields"]):
        a = answers.get(name)
        if a is None:
            continue
        found.add(name)
        if field.get("/FT") == "/Btn":
            state = "/" + a["code"]
            field[NameObject("/V")] = NameObject(state)
            for kid in field["/Kids"]:
                kid = kid.get_object()
                on = state in kid["/AP"]["/N"]
                kid[NameObject("/AS")] = NameObject(state if on else "/Off")
        else:
            field[NameObject("/V")] = TextStringObject(a["text"])
    missing = set(answers) - found
    if missing:
        sys.exit("no such field: " + ", ".join(sorted(missing)))
    acroform[NameObject("/NeedAppearances")] = BooleanObject(True)
    with open(out, "wb") as f:
        writer.write(f)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
