# Fills a "sexto template" workbook the way another program would (openpyxl), with a fictional
# incident: three students of the four grids, dates typed as spreadsheet dates, a timeline.
# Usage: /usr/bin/python3 fill.py template.xlsx out.xlsx
import sys
from datetime import datetime as dt
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])

def put(sheet, answers):
    ws = wb[sheet]
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    for key, value in answers.items():
        if key not in rows:
            print(f"{sheet}: no row for {key}; left out", file=sys.stderr)
            continue
        ws.cell(row=rows[key], column=3).value = value

put("Dossier", {
    "incident.id": "2026-0042",
    "incident.police_event": "SPSF-2026-004417",
    "incident.disclosed_at": dt(2026, 3, 10, 9, 40),
    "incident.disclosed_by": "Élève représenté(e)",
    "incident.intervener": "Maëlle Gingras-Côté",
    "incident.principal_informed_at": dt(2026, 3, 10, 10, 5),
    "incident.police_called_at": dt(2026, 3, 10, 10, 55),
    "incident.kit_handed_at": dt(2026, 3, 11, 14, 0),
    "incident.officer": "Agent Mathieu O'Neill, matricule 5127",
    "incident.summary": "Une élève de 3e secondaire a dévoilé à l'intervenante qu'une photo d'elle, "
    "envoyée à un ancien copain en février, circule depuis la fin de semaine dans une conversation "
    "de groupe de la classe. Le copain reconnaît l'avoir transmise à un ami, qui l'a reçue et dit "
    "l'avoir effacée. Les parents ont été joints le jour même.",
})
# every role of the template's grid is answered "Non" unless the student played it
no = "Non"
grid = wb["Élève 1"]
base = {k: no for k in (grid.cell(row=r, column=1).value for r in range(1, grid.max_row + 1))
        if isinstance(k, str) and k.startswith("role.")}
put("Élève 1", {**base,
    "student.last_name": "Tremblay-Lavoie", "student.first_name": "Zoé",
    "student.birth_date": dt(2011, 5, 14), "student.grade": "Secondaire 3",
    "parent.name": "Geneviève Lavoie", "parent.language": "Français", "parent.phone": "819 555-0142",
    "parent.notified_at": dt(2026, 3, 10, 11, 30), "interview.at": dt(2026, 3, 10, 9, 45),
    "role.depicted": "Oui", "role.producer": "Oui", "role.discloser": "Oui",
    "trigger.relationship": "Ex-couple", "trigger.origin": "Autoproduit", "trigger.solicitation": "Demandé",
    "trigger.context": "Échange dans une relation", "nature.medium": "Photo", "nature.content": "Semi-nudité",
    "nature.file_count": 1, "nature.identifiable": "Oui, visage", "nature.depicted_age": 14,
    "nature.adult_involved": "Non", "scope.recipients": "6 à 20", "scope.channel": "Snapchat",
    "scope.public": "Non", "scope.outside_school": "Inconnu", "scope.still_circulating": "Inconnu",
    "safety.at_risk": "Non", "safety.vulnerable": "Non", "safety.dpj_report": "Non", "device.seized": "Non",
    "notes": "Zoé est venue d'elle-même ; elle a peur que la photo soit montrée à ses parents. "
    "Rassurée sur le fait qu'elle n'a rien fait de mal ; suivi avec la psychoéducatrice jeudi."})
put("Élève 2", {**base,
    "student.last_name": "Bouchard", "student.first_name": "Jérémie",
    "student.birth_date": dt(2010, 11, 2), "student.grade": "Secondaire 4",
    "parent.name": "Luc Bouchard", "parent.language": "Français", "parent.phone": "819 555-0178",
    "parent.notified_at": dt(2026, 3, 10, 13, 15), "interview.at": dt(2026, 3, 10, 11, 0),
    "role.sender": "Oui", "role.recipient": "Oui", "role.kept": "Oui",
    "trigger.relationship": "Ex-couple", "trigger.origin": "Autoproduit", "trigger.solicitation": "Demandé",
    "trigger.context": "Rupture, vengeance", "nature.medium": "Photo", "nature.content": "Semi-nudité",
    "nature.file_count": 1, "nature.identifiable": "Oui, visage", "nature.depicted_age": 14,
    "nature.adult_involved": "Non", "intent.motive": "Se venger", "intent.knew_no_consent": "Oui",
    "intent.threats": "Non", "intent.coercion": "Non", "intent.acknowledges": "Oui", "intent.prior_sexto": "Non",
    "scope.recipients": "1", "scope.channel": "Snapchat", "scope.public": "Non", "scope.outside_school": "Non",
    "scope.still_circulating": "Inconnu", "scope.accounts": "« jeremie.b_07 » (Snapchat)",
    "safety.at_risk": "Non", "safety.vulnerable": "Non", "safety.dpj_report": "Non", "device.seized": "Oui",
    "notes": "Reconnaît avoir envoyé la photo à Félix après la rupture. Accepte de supprimer la photo devant sa mère."})
put("Élève 3", {**base,
    "student.last_name": "D'Amours", "student.first_name": "Félix",
    "student.birth_date": dt(2010, 8, 23), "student.grade": "Secondaire 4",
    "parent.name": "Nathalie D'Amours", "parent.language": "English", "parent.phone": "819 555-0113",
    "parent.notified_at": dt(2026, 3, 10, 14, 0), "interview.at": dt(2026, 3, 10, 13, 30),
    "role.recipient": "Oui",
    "trigger.relationship": "Amis", "nature.medium": "Photo", "intent.acknowledges": "Oui",
    "intent.prior_sexto": "Non", "scope.channel": "Snapchat", "safety.at_risk": "Non", "device.seized": "Non",
    "notes": "Dit avoir effacé la photo le soir même sans la montrer à personne."})

if "Appareils" in wb.sheetnames:
    dv = wb["Appareils"]
    cols = {dv.cell(row=1, column=c).value: c for c in range(1, dv.max_column + 1)}
    for key, value in {
        "device.owner": "E2", "device.description": "Téléphone noir, étui rouge à motif de feuilles",
        "device.serial": "", "device.state": "Éteint", "device.seal_no": "SPSF-2026-004417-01",
        "device.sealed_at": dt(2026, 3, 10, 11, 10), "device.sealed_by": "Josée Pelletier, directrice",
        "device.witness": "Maëlle Gingras-Côté", "device.handed_to": "Agent Mathieu O'Neill, matricule 5127",
        "device.handed_at": dt(2026, 3, 11, 14, 0),
    }.items():
        if value != "":
            dv.cell(row=3, column=cols[key]).value = value

tl = wb["Chronologie"]
events = [
    (dt(2026, 3, 10, 9, 40), "Dévoilement par Zoé à l'intervenante", "M. Gingras-Côté"),
    (dt(2026, 3, 10, 10, 5), "Direction avisée", "M. Gingras-Côté"),
    (dt(2026, 3, 10, 10, 55), "Appel au 911 ; événement SPSF-2026-004417", "Josée Pelletier, directrice"),
    (dt(2026, 3, 10, 11, 10), "Téléphone de Jérémie confisqué, éteint, sous scellé no 4417", "Josée Pelletier, directrice"),
    (dt(2026, 3, 10, 11, 30), "Mère de Zoé jointe par téléphone", "M. Gingras-Côté"),
    (dt(2026, 3, 10, 13, 15), "Père de Jérémie joint ; rencontre fixée", "Josée Pelletier, directrice"),
    (dt(2026, 3, 10, 14, 0), "Mère de Félix jointe (en anglais)", "M. Gingras-Côté"),
    (dt(2026, 3, 11, 14, 0), "Trousse et téléphone remis à l'agent O'Neill", "Josée Pelletier, directrice"),
]
for i, (at, text, by) in enumerate(events, start=2):
    tl.cell(row=i, column=1).value = at
    tl.cell(row=i, column=2).value = text
    tl.cell(row=i, column=3).value = by

wb.save(sys.argv[2])
