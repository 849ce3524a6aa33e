// Package workbook writes the incident workbook that interveners fill in (SPEC §6) and reads
// it back strictly. It is the only package that imports the spreadsheet library. Before any
// cell is parsed, a file is sniffed and refused when it is not an .xlsx workbook, when it
// holds pictures, embedded objects or macros, or when its sizes are out of bounds. A PDF is read
// as the filled incident form (SPEC §10, form.go) into the same model, with the same problems.
package workbook

import (
	"strings"
	"time"

	"sexto/kit/classify"
	"sexto/kit/grid"
	"sexto/kit/i18n"
)

// Answer is one filled-in item.
type Answer struct {
	Key  string
	Cell string // e.g. "Élève 2!C14"
	Text string // the text as read (trimmed, control characters removed)
	Code string // Choice items: the option's code
	Time time.Time
	// DateOnly marks a date-and-time item answered with a date alone (its time reads 00:00).
	DateOnly bool
	Int      int
}

// Sheet is the answers of one sheet, by item key.
type Sheet struct {
	Name    string
	Answers map[string]Answer
	// Rejected holds what was typed where the answer is not allowed (each has its problem):
	// the training debrief shows it as the trainee's answer.
	Rejected map[string]Answer
}

func (s *Sheet) reject(a Answer) {
	if s.Rejected == nil {
		s.Rejected = map[string]Answer{}
	}
	s.Rejected[a.Key] = a
}

// Value returns the answer for key, if any.
func (s *Sheet) Value(key string) (Answer, bool) {
	a, ok := s.Answers[key]
	return a, ok
}

// Code returns the code answered for a Choice item, or "".
func (s *Sheet) Code(key string) string { return s.Answers[key].Code }

// Time returns the date or time answered for key, if any.
func (s *Sheet) Time(key string) (time.Time, bool) {
	a, ok := s.Answers[key]
	return a.Time, ok && !a.Time.IsZero()
}

// Text returns the text answered for key, or "".
func (s *Sheet) Text(key string) string { return s.Answers[key].Text }

// Student is one student's grid.
type Student struct {
	Sheet
	// deviceMissing lists the required device items left empty on this student's devices.
	deviceMissing []string
	// cells names where each item is answered, answered or not (a sheet's cell, a form's
	// field), for problems about an item left empty.
	cells map[string]string
}

// where names the place of key's answer on this grid, answered or not.
func (s *Student) where(key string) string {
	if a, ok := s.Answers[key]; ok && a.Cell != "" {
		return a.Cell
	}
	if c := s.cells[key]; c != "" {
		return c
	}
	return s.Name
}

// Device is one seized device: a row of the devices sheet (SPEC §7.3), or the device items
// of a v1 grid.
type Device struct {
	Sheet
	Row int // the sheet row; 0 for a device read from a v1 grid
}

// Owner returns the ref of the student whose device it is.
func (d *Device) Owner() string { return d.Text("device.owner") }

// Ref returns the student's reference (E1…).
func (s *Student) Ref() string { return s.Text("student.ref") }

// Acting reports whether the student has an acting role (SPEC §8): a producer who is not
// depicted, a requester, sender, shower, or one who kept the content.
func (s *Student) Acting() bool { return grid.Acting(s.Code) }

// Int returns the whole number answered for key, if any.
func (s *Sheet) Int(key string) (int, bool) {
	a, ok := s.Answers[key]
	return a.Int, ok && a.Text != ""
}

// Missing lists the required items that are not answered (SPEC §7.2), in catalogue order.
func (s *Student) Missing() []string {
	var out []string
	acting := s.Acting()
	for _, sec := range grid.Student {
		for _, it := range sec.Items {
			if _, ok := s.Answers[it.Key]; ok {
				continue
			}
			if it.Required || (acting && it.RequiredActing) {
				out = append(out, it.Key)
			}
		}
	}
	return append(out, s.deviceMissing...)
}

// Event is one line of the action log.
type Event struct {
	Row  int
	At   time.Time
	Text string
	By   string
}

// Incident is a whole workbook as read.
type Incident struct {
	File     string
	SHA256   string
	Lang     i18n.Lang // the workbook's own language, from its sheet names
	Dossier  Sheet
	Students []Student
	Devices  []Device
	Timeline []Event
}

// DevicesOf returns the devices of the student with ref, in sheet order.
func (in *Incident) DevicesOf(ref string) []Device {
	var out []Device
	for _, d := range in.Devices {
		if strings.EqualFold(d.Owner(), ref) {
			out = append(out, d)
		}
	}
	return out
}

// ID returns the school file number.
func (in *Incident) ID() string { return in.Dossier.Text("incident.id") }

// Classify gives the incident's indicative pre-classification (SPEC §8).
func (in *Incident) Classify() classify.Result {
	students := make([]classify.Student, len(in.Students))
	for i := range in.Students {
		s := &in.Students[i]
		students[i] = classify.Student{Ref: s.Ref(), Answers: s, Missing: s.Missing()}
	}
	disclosed, _ := in.Dossier.Time("incident.disclosed_at")
	return classify.Classify(classify.Input{ID: in.ID(), DisclosedAt: disclosed, Students: students})
}

// Missing lists the required incident items that are not answered (the file number, whose
// absence is a problem, aside).
func (in *Incident) Missing() []string {
	var out []string
	for _, it := range grid.Incident.Items {
		if it.Required && it.Key != "incident.id" {
			if _, ok := in.Dossier.Answers[it.Key]; !ok {
				out = append(out, it.Key)
			}
		}
	}
	return out
}
