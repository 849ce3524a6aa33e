package workbook

import (
	"strings"

	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// The devices sheet (SPEC §6, §7.3): row 1 holds the item keys (hidden, the contract for
// machines), row 2 their labels, and each following row one seized device.
var devicesName = i18n.T("Appareils", "Devices")

// MaxDevices bounds the device rows of one incident.
const MaxDevices = 200

// deviceLabels maps a normalized label of a devices-sheet item, in either language, to its key.
var deviceLabels = func() map[string]string {
	m := map[string]string{}
	for _, it := range grid.Devices.Items {
		m[normLabel(it.Label.FR)] = it.Key
		m[normLabel(it.Label.EN)] = it.Key
	}
	return m
}()

// deviceColumns finds, in one row, the columns that hold a devices-sheet key or label.
func deviceColumns(rw row) map[int]string {
	cols := map[int]string{}
	for c, v := range rw.cells {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if it, ok := grid.Lookup(v); ok && grid.IsDevice(it.Key) {
			cols[c] = it.Key
		} else if k, ok := deviceLabels[normLabel(v)]; ok {
			cols[c] = k
		}
	}
	return cols
}

// devicesHeader returns the index in rows of the header row (keys, or labels when the key row
// was deleted) and its columns; -1 when the sheet has none.
func devicesHeader(rows []row) (int, map[int]string) {
	for i := 0; i < len(rows) && i < 3; i++ {
		// three columns at least: a v1 student grid has one device key per row
		if cols := deviceColumns(rows[i]); len(cols) >= 3 {
			return i, cols
		}
	}
	return -1, nil
}

// devices reads the devices sheet: one device per row that is not empty.
func (r *reader) devices(name string, rows []row, complete bool) {
	h, cols := devicesHeader(rows)
	if h < 0 {
		if len(rows) > 0 {
			r.problem(name, i18n.T("la feuille des appareils n'a plus sa ligne d'en-tête (les clés device.* ou les libellés) ; recopiez-la d'un classeur neuf fait par « sexto template »",
				"the devices sheet has lost its header row (the device.* keys or the labels); copy it from a new workbook made by “sexto template”"))
		}
		return
	}
	for _, rw := range rows[h+1:] {
		// the labels' row under the keys' row
		if len(deviceColumns(rw)) >= 3 {
			continue
		}
		d := Device{Sheet: Sheet{Name: name, Answers: map[string]Answer{}}, Row: rw.n}
		empty := true
		for c, key := range cols {
			where := cellName(name, c+1, rw.n)
			raw := cell(rw.cells, c)
			if strings.TrimSpace(raw) == "" {
				if fm := rw.formula(c); fm != "" && complete {
					r.problem(where, i18n.T("formule sans valeur calculée (%s) ; ouvrez le classeur dans Excel ou LibreOffice, enregistrez-le, puis réessayez",
						"formula without a computed value (%s); open the workbook in Excel or LibreOffice, save it, then try again"), fm)
				}
				continue
			}
			empty = false
			if ans, ok := r.parse(key, where, raw); ok {
				d.Answers[key] = ans
			}
		}
		if empty {
			continue
		}
		if _, ok := d.Answers["device.owner"]; !ok {
			where := name
			for c, key := range cols {
				if key == "device.owner" {
					where = cellName(name, c+1, rw.n)
				}
			}
			r.problem(where, i18n.T("appareil sans réf. élève : indiquez la réf. de la grille de son propriétaire (E1, E2…)",
				"device with no student ref: enter the ref of its owner's grid (E1, E2…)"))
		}
		if len(r.in.Devices) >= MaxDevices {
			r.problem(name, i18n.T("plus de %d appareils", "more than %d devices"), MaxDevices)
			return
		}
		r.in.Devices = append(r.in.Devices, d)
	}
}

// linkDevices ties devices to grids once every sheet is read: the device items of a v1 grid
// become one device; a grid that says a device was seized needs a device, a device needs the
// grid of its owner, and a device's empty required items make its owner's grid incomplete.
func (r *reader) linkDevices(v1 map[int]bool) {
	var legacy []Device
	for i := range r.in.Students {
		s := &r.in.Students[i]
		d := Device{Sheet: Sheet{Name: s.Name, Answers: map[string]Answer{}}}
		for _, k := range grid.V1DeviceKeys {
			if a, ok := s.Answers[k]; ok {
				d.Answers[k] = a
				delete(s.Answers, k)
			}
		}
		if v1[i] && (len(d.Answers) > 0 || s.Code("device.seized") == "oui") {
			ref := s.Answers["student.ref"]
			d.Answers["device.owner"] = Answer{Key: "device.owner", Cell: ref.Cell, Text: ref.Text}
			legacy = append(legacy, d)
		}
	}
	r.in.Devices = append(legacy, r.in.Devices...)

	owners := map[string]bool{}
	for i := range r.in.Students {
		owners[strings.ToUpper(r.in.Students[i].Ref())] = true
	}
	for _, d := range r.in.Devices {
		owner, ok := d.Value("device.owner")
		if ok && d.Row > 0 && !owners[strings.ToUpper(owner.Text)] {
			r.problem(owner.Cell, i18n.T("aucune grille d'élève n'a la réf. « %s » : corrigez la réf. ou remplissez la grille de cet élève",
				"no student grid has the ref “%s”: correct the ref or fill in that student's grid"), owner.Text)
		}
	}
	for i := range r.in.Students {
		s := &r.in.Students[i]
		if s.Ref() == "" {
			continue
		}
		devs := r.in.DevicesOf(s.Ref())
		seized, answered := s.Value("device.seized")
		switch {
		case answered && seized.Code == "oui" && len(devs) == 0:
			r.problem(seized.Cell, i18n.T("« Appareil confisqué » est Oui, mais aucune ligne de la feuille « %s » n'a la réf. %s : ajoutez une ligne par appareil",
				"“Device seized” is Yes, but no row of the “%s” sheet has the ref %s: add one row per device"), devicesName, s.Ref())
		case answered && seized.Code == "non" && len(devs) > 0:
			r.problem(seized.Cell, i18n.T("« Appareil confisqué » est Non, mais la feuille « %s » liste %d appareil(s) pour %s : corrigez l'un ou l'autre",
				"“Device seized” is No, but the “%s” sheet lists %d device(s) for %s: correct one or the other"), devicesName, len(devs), s.Ref())
		case !answered && len(devs) > 0 && !v1[i]:
			// the letters and the referral state a seizure only when the grid says so
			r.problem(s.where("device.seized"), i18n.T("« Appareil confisqué » est vide, mais la feuille « %s » liste %d appareil(s) pour %s : répondez Oui",
				"“Device seized” is empty, but the “%s” sheet lists %d device(s) for %s: answer Yes"), devicesName, len(devs), s.Ref())
		}
		seen := map[string]bool{}
		for _, d := range devs {
			for _, k := range deviceRequired(d) {
				if _, ok := d.Answers[k]; !ok && !seen[k] {
					seen[k] = true
					s.deviceMissing = append(s.deviceMissing, k)
				}
			}
		}
	}
}

// deviceRequired lists the items a device must have: on the devices sheet, every required
// item; from a v1 grid, the seal number, as v1 required.
func deviceRequired(d Device) []string {
	if d.Row == 0 {
		return []string{"device.seal_no"}
	}
	var out []string
	for _, it := range grid.Devices.Items {
		if it.Required && it.Key != "device.owner" {
			out = append(out, it.Key)
		}
	}
	return out
}
