package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sexto/kit/classify"
	"sexto/kit/clock"
	"sexto/kit/grid"
	"sexto/kit/grid/gridtest"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

// This file is the attack on the suppression of the figures: random school years, read as
// the statistics read them (real grids, the real classification), published, and then read
// back by an attacker who has only the published CSV, knows the rule and the classification
// rules, and works out whatever linear arithmetic allows. Its ties are written here again, in
// its own words, and solved another way (linear programming) than the audit does, so that
// a tie the audit forgets, or a mistake of its search, shows.

// ---- school years ----

// year is the knobs of one random school year: how often each thing happens, so that every
// category is sometimes small, sometimes absent and sometimes large.
type year struct {
	incidents                                    int
	depicted, witness, acting, incomplete        float64
	threats, risk, revenge, prior, coercion, own float64
	students                                     int // at most, per incident
}

func randomYear(r *rand.Rand) year {
	p := func(hi float64) float64 { return hi * r.Float64() * r.Float64() } // often small
	return year{
		incidents: 5 + r.Intn(36),
		depicted:  0.3 + 0.7*r.Float64(), witness: r.Float64(), acting: 0.2 + 0.8*r.Float64(),
		incomplete: p(0.3), threats: p(0.4), risk: p(0.2), revenge: p(0.6), prior: p(0.5),
		coercion: p(0.2), own: p(0.3), students: 1 + r.Intn(4),
	}
}

// answers sets codes on a grid.
func answers(codes map[string]string) map[string]workbook.Answer {
	out := map[string]workbook.Answer{}
	for k, v := range codes {
		out[k] = workbook.Answer{Key: k, Text: v, Code: v}
	}
	return out
}

// pick draws one code of a Choice item, the first ones far more often than the others.
func pick(r *rand.Rand, key string) string {
	opts := grid.MustLookup(key).Options
	return opts[min(int(float64(len(opts))*r.Float64()*r.Float64()*r.Float64()), len(opts)-1)].Code
}

// randomIncident is incident i of year y: real grids, as a workbook would give them.
func randomIncident(r *rand.Rand, y year, i int) *workbook.Incident {
	month := time.Month(1 + int(10*r.Float64()*r.Float64()))
	in := &workbook.Incident{File: fmt.Sprintf("dossier-%03d.xlsx", i), Dossier: workbook.Sheet{Name: "Dossier", Answers: map[string]workbook.Answer{
		"incident.id":           {Key: "incident.id", Text: fmt.Sprintf("2026-%04d", i)},
		"incident.disclosed_at": {Key: "incident.disclosed_at", Time: time.Date(2026, month, 3, 10, 0, 0, 0, clock.Zone)},
	}}}
	n := 1 + r.Intn(y.students)
	yes := func(p float64) string {
		if r.Float64() < p {
			return "oui"
		}
		return "non"
	}
	for j := 0; j < n; j++ {
		g := gridtest.Grid("student.ref", fmt.Sprint("E", j+1), "student.last_name", "Fictif", "student.first_name", "Élève")
		switch u := r.Float64() * (y.depicted + y.witness + y.acting); {
		case j == 0 && r.Float64() < y.depicted || u < y.depicted:
			g = gridtest.With(g, "role.depicted", "oui", "role.producer", yes(0.5), "role.discloser", yes(0.5),
				"safety.at_risk", yes(y.risk), "role.sender", yes(y.own))
		case u < y.depicted+y.witness:
			g = gridtest.With(g, "role.recipient", "oui", "role.discloser", yes(0.3), "safety.at_risk", yes(y.risk/2))
		default:
			g = gridtest.With(g, "role.sender", yes(0.8), "role.recipient", yes(0.5), "role.requester", yes(0.2),
				"role.shower", yes(0.2), "role.kept", "oui", "role.producer", yes(0.2))
		}
		if grid.Acting(func(k string) string { return g[k] }) {
			motive := pick(r, "intent.motive")
			if r.Float64() < y.revenge {
				motive = "revenge"
			}
			g = gridtest.With(g, "intent.motive", motive, "intent.threats", yes(y.threats), "intent.coercion", yes(y.coercion),
				"scope.recipients", pick(r, "scope.recipients"), "intent.prior_sexto", yes(y.prior))
		}
		if r.Float64() < 0.8 {
			g["student.grade"] = pick(r, "student.grade")
		}
		if r.Float64() < 0.7 {
			g["scope.channel"] = pick(r, "scope.channel")
		}
		if r.Float64() < y.incomplete { // a required answer left out
			delete(g, []string{"role.kept", "role.recipient", "intent.motive", "role.discloser"}[r.Intn(4)])
		}
		in.Students = append(in.Students, workbook.Student{Sheet: workbook.Sheet{Name: fmt.Sprintf("Élève %d", j+1), Answers: answers(g)}})
	}
	return in
}

func randomRecords(seed int64) []Record {
	r := rand.New(rand.NewSource(seed))
	y := randomYear(r)
	var recs []Record
	for i := 0; i < y.incidents; i++ {
		in := randomIncident(r, y, i)
		recs = append(recs, FromIncident(in, in.Classify()))
	}
	return recs
}

// ---- what is published, as the attacker reads it ----

// printed is one published cell: a number, "< 5" or "masqué".
type printed struct {
	n            int // the number, when shown
	small, mask  bool
	truth        int // what it really is (never read by the attacker)
	section, key string
}

// publication is the CSV as the attacker reads it.
type publication struct {
	cells    map[string]map[string]printed // section → category key → cell
	order    map[string][]string           // section → category keys, in order
	totals   map[string]int
	withheld map[string]bool
	N, S     int // S is -1 when printed "< 5"
	// truth is what every category really counts, and trueS the students: never read by the
	// attacker, only to check that its facts are true
	truth map[[2]string]int
	trueS int
}

// keyOf is the category a label of the CSV names: the orientation's, role's or rule's code
// (labels are public), else the label itself.
func keyOf(section, label string) string {
	switch section {
	case "incidents_by_orientation", "students_by_orientation":
		for _, o := range classify.Orientations {
			if o.Label().In(i18n.FR) == label {
				return string(o)
			}
		}
	case "students_by_role":
		for _, sec := range grid.Student {
			for _, it := range sec.Items {
				if it.Short.FR != "" && it.Short.In(i18n.FR) == label {
					return it.Key
				}
			}
		}
	case "rules_fired":
		id, _, _ := strings.Cut(label, " — ")
		return id
	}
	return label
}

func read(t *testing.T, f Figures) publication {
	t.Helper()
	b := CSV(f, i18n.FR)
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	p := publication{cells: map[string]map[string]printed{}, order: map[string][]string{}, totals: map[string]int{}, withheld: map[string]bool{},
		truth: map[[2]string]int{}}
	truth := p.truth
	for _, tb := range f.Tables {
		for _, r := range tb.Rows {
			truth[[2]string{tb.Section, keyOf(tb.Section, r.Label)}] = r.raw
		}
		if tb.Section == "students_by_orientation" {
			p.trueS = tb.Total
		}
	}
	for _, r := range rows[1:] {
		section, label, value := r[0], r[1], r[2]
		switch {
		case section == "summary" && label == "dossiers":
			p.N, _ = strconv.Atoi(value)
		case section == "summary" && label == "élèves":
			p.S = -1
			if value != "< 5" {
				p.S, _ = strconv.Atoi(value)
			}
		case section == "files" || section == "summary" || section == "note":
		case value == "" && strings.HasPrefix(label, "Répartition non présentée"):
			p.withheld[section] = true
		case label == "Total":
			p.totals[section], _ = strconv.Atoi(value)
		default:
			k := keyOf(section, label)
			c := printed{section: section, key: k, truth: truth[[2]string{section, k}]}
			switch value {
			case "< 5":
				c.small = true
			case "masqué":
				c.mask = true
			default:
				n, err := strconv.Atoi(value)
				if err != nil {
					t.Fatalf("%s %s: %q is no count", section, label, value)
				}
				c.n = n
			}
			if p.cells[section] == nil {
				p.cells[section] = map[string]printed{}
			}
			p.cells[section][k] = c
			p.order[section] = append(p.order[section], k)
		}
	}
	return p
}

// ---- the attacker's arithmetic ----

// lin is a linear expression over the attacker's unknowns: k + Σ coef·x.
type lin struct {
	k float64
	c map[int]float64
}

func num(k float64) lin { return lin{k: k, c: map[int]float64{}} }

func (a lin) add(b lin, sign float64) lin {
	out := lin{k: a.k + sign*b.k, c: map[int]float64{}}
	for v, c := range a.c {
		out.c[v] += c
	}
	for v, c := range b.c {
		out.c[v] += sign * c
	}
	return out
}

func total(ls ...lin) lin {
	out := num(0)
	for _, l := range ls {
		out = out.add(l, 1)
	}
	return out
}

// attacker holds the unknowns (the hidden counts and what the tables do not say), their
// bounds, and the linear facts the attacker knows.
type attacker struct {
	lo, hi []float64
	truth  []float64
	rows   []lin // each row ≤ 0
	eqs    []lin // each row = 0
	names  []string
	// feasible is a feasible basis of the facts, found once
	feasible *tableau
}

func (a *attacker) unknown(name string, lo, hi, truth int) lin {
	a.lo, a.hi, a.truth, a.names = append(a.lo, float64(lo)), append(a.hi, float64(hi)), append(a.truth, float64(truth)), append(a.names, name)
	return lin{c: map[int]float64{len(a.lo) - 1: 1}}
}

func (a *attacker) atMost(x, y lin) { a.rows = append(a.rows, x.add(y, -1)) }
func (a *attacker) same(x, y lin)   { a.eqs = append(a.eqs, x.add(y, -1)) }

// value of l at the true counts.
func (a *attacker) value(l lin) float64 {
	s := l.k
	for v, c := range l.c {
		s += c * a.truth[v]
	}
	return s
}

// facts builds what the attacker knows from a publication, and the unknowns it must not
// work out: each "< 5", each pair of "< 5" of a table, and all the "< 5" of a table together.
func facts(p publication) (*attacker, map[string]lin, [][2]lin) {
	a := &attacker{}
	cells := map[[2]string]lin{}
	var secret [][2]lin       // (what must not be worked out, its true value)
	names := map[string]lin{} // to look cells up by "section/key"
	tables := []string{"incidents_by_orientation", "students_by_orientation", "students_by_role", "students_by_grade",
		"students_by_channel", "incidents_by_month", "rules_fired"}
	keysOf := map[string][]string{}
	for _, o := range classify.Orientations {
		keysOf["incidents_by_orientation"] = append(keysOf["incidents_by_orientation"], string(o))
		keysOf["students_by_orientation"] = append(keysOf["students_by_orientation"], string(o))
	}
	for _, sec := range grid.Student {
		for _, it := range sec.Items {
			if it.Short.FR != "" {
				keysOf["students_by_role"] = append(keysOf["students_by_role"], it.Key)
			}
		}
	}
	for _, r := range classify.Rules {
		keysOf["rules_fired"] = append(keysOf["rules_fired"], r.ID)
	}
	top := float64(max(p.S, p.N, 4))
	students := num(float64(p.S))
	if p.S < 0 {
		students = a.unknown("students", 1, 4, p.trueS)
		top = float64(p.N) * 200
	}
	incidents := num(float64(p.N))
	for _, s := range tables {
		whole := incidents
		if strings.HasPrefix(s, "students_") || s == "rules_fired" {
			whole = students
		}
		var all []lin
		var small []lin
		var smallTruth []int
		if p.withheld[s] {
			// a table not printed: its categories are unknown, from 0 to everything
			for _, k := range keysOf[s] {
				l := a.unknown(s+"/"+k, 0, int(top), p.truth[[2]string{s, k}])
				cells[[2]string{s, k}] = l
				all = append(all, l)
			}
			if s != "students_by_role" && s != "rules_fired" && len(keysOf[s]) > 0 {
				a.same(total(all...), whole)
			}
			continue
		}
		for _, k := range p.order[s] {
			c := p.cells[s][k]
			var l lin
			switch {
			case c.small:
				l = a.unknown(s+"/"+k, 1, 4, c.truth)
				small, smallTruth = append(small, l), append(smallTruth, c.truth)
				secret = append(secret, [2]lin{l, num(float64(c.truth))})
			case c.mask:
				l = a.unknown(s+"/"+k, 5, int(top), c.truth)
			default:
				l = num(float64(c.n))
			}
			cells[[2]string{s, k}] = l
			all = append(all, l)
		}
		if t, ok := p.totals[s]; ok {
			// totals minus the printed cells
			a.same(total(all...), num(float64(t)))
			a.same(num(float64(t)), whole)
			if len(small) > 1 {
				secret = append(secret, [2]lin{total(small...), num(float64(sumInts(smallTruth)))})
				for i := range small {
					for j := i + 1; j < len(small); j++ {
						secret = append(secret, [2]lin{total(small[i], small[j]), num(float64(smallTruth[i] + smallTruth[j]))})
					}
				}
			}
		}
	}
	for k, v := range cells {
		names[k[0]+"/"+k[1]] = v
	}
	has := func(s string) bool { _, ok := names[s+"/"+keysOf[s][0]]; return ok }
	if !has("students_by_orientation") {
		return a, names, secret
	}
	st := func(o classify.Orientation) lin { return names["students_by_orientation/"+string(o)] }
	sU, sI, sM, sP, sW, sS := st(classify.UrgentCall), st(classify.Incomplete), st(classify.Malicious), st(classify.Impulsive), st(classify.Witness), st(classify.Support)
	var acting lin
	if has("students_by_role") {
		// the depicted students are the "Soutien" students, and the depicted ones whose grid
		// is incomplete
		x := a.unknown("depicted and incomplete", 0, int(top), 0)
		a.truth[len(a.truth)-1] = a.value(names["students_by_role/role.depicted"]) - a.value(sS)
		a.same(names["students_by_role/role.depicted"], total(sS, x))
		a.atMost(x, sI)
		// urgent, malicious and impulsive students each played an acting role; witnesses none
		var roles []lin
		for _, k := range grid.ActingRoles {
			roles = append(roles, names["students_by_role/"+k])
			a.atMost(names["students_by_role/"+k], total(sU, sM, sP, sS, sI))
		}
		acting = total(roles...)
		a.atMost(total(sU, sM, sP), acting)
	}
	var us, ms []lin
	if has("rules_fired") {
		for _, r := range classify.Rules {
			l := names["rules_fired/"+r.ID]
			if strings.HasPrefix(r.ID, "U-") {
				us = append(us, l)
				a.atMost(l, total(sU, sS, sW, sI)) // never on a malicious or impulsive student
			} else {
				ms = append(ms, l)
				a.atMost(l, total(sU, sM, sS, sI)) // acting students only
				if has("students_by_role") {
					a.atMost(l, acting)
				}
			}
		}
		a.atMost(sU, total(us...)) // an urgent student fired a U- rule
		a.atMost(sM, total(ms...)) // a malicious one an M- rule
	}
	if !has("incidents_by_orientation") {
		return a, names, secret
	}
	in := func(o classify.Orientation) lin { return names["incidents_by_orientation/"+string(o)] }
	if has("rules_fired") {
		a.atMost(in(classify.UrgentCall), total(us...))
	}
	for _, o := range []classify.Orientation{classify.Malicious, classify.Impulsive, classify.Witness, classify.Support} {
		a.atMost(in(o), total(st(o), sI)) // an incident has a student of its orientation
	}
	a.atMost(incidents.add(in(classify.Incomplete), -1), students)
	return a, names, secret
}

func sumInts(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}

// workOut returns the least and the most l can be, by linear programming over everything
// the attacker knows.
func (a *attacker) workOut(l lin) (lo, hi float64) {
	if a.feasible == nil {
		a.feasible = a.phase1()
	}
	lo = a.feasible.minimize(a, l)
	hi = -a.feasible.minimize(a, num(0).add(l, -1))
	return lo, hi
}

// tableau is the simplex method's table over x = lo + y, y ≥ 0: one row per fact and per
// upper bound, with a slack column per inequality, after phase one (a feasible basis).
type tableau struct {
	T     [][]float64 // the last column is the right-hand side
	basis []int
	cols  int // columns other than the right-hand side and the artificials
}

const lpEps = 1e-9

func (tb *tableau) pivot(T [][]float64, basis []int, obj []float64, pr, pc int) {
	p := T[pr][pc]
	for j := range T[pr] {
		T[pr][j] /= p
	}
	for i := range T {
		if i != pr && math.Abs(T[i][pc]) > lpEps {
			f := T[i][pc]
			for j := range T[i] {
				T[i][j] -= f * T[pr][j]
			}
		}
	}
	if f := obj[pc]; math.Abs(f) > lpEps {
		for j := range obj {
			obj[j] -= f * T[pr][j]
		}
	}
	basis[pr] = pc
}

// run pivots by Bland's rule until obj (the reduced costs, updated in place) has no
// negative entry among the columns below upto.
func (tb *tableau) run(T [][]float64, basis []int, obj []float64, upto int) {
	rhs := len(T[0]) - 1
	inBasis := make([]bool, len(obj))
	for _, b := range basis {
		inBasis[b] = true
	}
	for iter := 0; iter < 100000; iter++ {
		pc := -1
		for j := 0; j < upto; j++ {
			if !inBasis[j] && obj[j] < -lpEps {
				pc = j
				break
			}
		}
		if pc < 0 {
			return
		}
		pr := -1
		best := math.Inf(1)
		for i := range T {
			if T[i][pc] > lpEps {
				if r := T[i][rhs] / T[i][pc]; r < best-lpEps || (r < best+lpEps && pr >= 0 && basis[i] < basis[pr]) {
					best, pr = r, i
				}
			}
		}
		if pr < 0 {
			panic("the attacker's problem is unbounded")
		}
		inBasis[basis[pr]], inBasis[pc] = false, true
		tb.pivot(T, basis, obj, pr, pc)
	}
	panic("the simplex method does not end")
}

// phase1 finds a feasible basis.
func (a *attacker) phase1() *tableau {
	n := len(a.lo)
	type row struct {
		c  []float64
		b  float64
		eq bool
	}
	var rows []row
	addRow := func(e lin, eq bool) {
		c := make([]float64, n)
		b := -e.k
		for v, k := range e.c {
			c[v] += k
			b -= k * a.lo[v]
		}
		rows = append(rows, row{c, b, eq})
	}
	for _, e := range a.rows {
		addRow(e, false)
	}
	for _, e := range a.eqs {
		addRow(e, true)
	}
	for v := 0; v < n; v++ {
		addRow(lin{k: -a.hi[v], c: map[int]float64{v: 1}}, false)
	}
	m := len(rows)
	cols := n
	slack := make([]int, m)
	for i, r := range rows {
		slack[i] = -1
		if !r.eq {
			slack[i] = cols
			cols++
		}
	}
	tb := &tableau{cols: cols}
	width := cols + m + 1
	tb.T = make([][]float64, m)
	tb.basis = make([]int, m)
	obj := make([]float64, width) // phase one: the sum of the artificials
	for i, r := range rows {
		T := make([]float64, width)
		sign := 1.0
		if r.b < 0 {
			sign = -1
		}
		for j, c := range r.c {
			T[j] = sign * c
		}
		if slack[i] >= 0 {
			T[slack[i]] = sign
		}
		T[cols+i] = 1
		T[width-1] = sign * r.b
		tb.T[i], tb.basis[i] = T, cols+i
		for j := 0; j < cols; j++ {
			obj[j] -= T[j]
		}
		obj[width-1] -= T[width-1]
	}
	tb.run(tb.T, tb.basis, obj, width-1)
	if -obj[width-1] > 1e-6 {
		panic(fmt.Sprintf("the attacker's facts cannot be met (%g): a fact is false", -obj[width-1]))
	}
	// artificials left in the basis at zero leave it where they can
	inBasis := make([]bool, width)
	for _, b := range tb.basis {
		inBasis[b] = true
	}
	for i := range tb.T {
		if tb.basis[i] < cols {
			continue
		}
		for j := 0; j < cols; j++ {
			if math.Abs(tb.T[i][j]) > lpEps && !inBasis[j] {
				inBasis[tb.basis[i]], inBasis[j] = false, true
				tb.pivot(tb.T, tb.basis, make([]float64, width), i, j)
				break
			}
		}
	}
	return tb
}

// minimize solves min l from the feasible basis (phase two).
func (tb *tableau) minimize(a *attacker, l lin) float64 {
	T := make([][]float64, len(tb.T))
	for i := range tb.T {
		T[i] = slices.Clone(tb.T[i])
	}
	basis := slices.Clone(tb.basis)
	width := len(T[0])
	cost := make([]float64, width)
	for v, c := range l.c {
		cost[v] = c
	}
	obj := slices.Clone(cost)
	for i, b := range basis {
		if cost[b] != 0 {
			for j := range obj {
				obj[j] -= cost[b] * T[i][j]
			}
		}
	}
	tb.run(T, basis, obj, tb.cols)
	z := -obj[width-1] + l.k
	for v, c := range l.c {
		z += c * a.lo[v]
	}
	return z
}

// ---- the tests ----

// attack publishes recs and tries every derivation; it reports what it worked out.
func attack(t *testing.T, recs []Record) (Figures, publication, []string) {
	t.Helper()
	f := Compute(recs, i18n.FR)
	if f.Few {
		return f, publication{}, nil
	}
	p := read(t, f)
	a, _, secret := facts(p)
	// the attacker's facts are true of the real counts (else it would prove anything)
	for _, e := range a.eqs {
		if a.value(e) != 0 {
			t.Fatalf("a fact of the attacker is false of the real counts: %v", e)
		}
	}
	for _, e := range a.rows {
		if a.value(e) > 0 {
			t.Fatalf("a fact of the attacker is false of the real counts: %v", e)
		}
	}
	var found []string
	for _, s := range secret {
		lo, hi := a.workOut(s[0])
		if math.Ceil(lo-1e-6) == math.Floor(hi+1e-6) && s[1].k < MinCount {
			var what []string
			for v := range s[0].c {
				what = append(what, a.names[v])
			}
			slices.Sort(what)
			found = append(found, fmt.Sprintf("%s = %g", strings.Join(what, " + "), s[1].k))
		}
	}
	return f, p, found
}

// Random school years: no "< 5", pair of "< 5" or sum of a table's "< 5" below 5 can be worked
// out from everything published together; every count from 1 to 4 is printed "< 5", every
// "masqué" is 5 or more, and the printed counts are the true ones.
func TestNothingHiddenCanBeWorkedOut(t *testing.T) {
	years, tables, withheld, hidden, masked := 400, 0, 0, 0, 0
	if testing.Short() {
		years = 60
	}
	for seed := int64(1); seed <= int64(years); seed++ {
		recs := randomRecords(seed)
		f, p, found := attack(t, recs)
		if f.Few {
			continue
		}
		for _, w := range found {
			t.Errorf("year %d: the attacker works out %s", seed, w)
		}
		for s, cs := range p.cells {
			tables++
			for _, c := range cs {
				switch {
				case c.small && (c.truth < 1 || c.truth > 4):
					t.Errorf("year %d: %s/%s is %d, printed < 5", seed, s, c.key, c.truth)
				case c.mask && c.truth < MinCount:
					t.Errorf("year %d: %s/%s is %d, printed masqué", seed, s, c.key, c.truth)
				case !c.small && !c.mask && c.n != c.truth:
					t.Errorf("year %d: %s/%s is %d, printed %d", seed, s, c.key, c.truth, c.n)
				case !c.small && !c.mask && c.n > 0 && c.n < MinCount:
					t.Errorf("year %d: %s/%s printed %d", seed, s, c.key, c.n)
				}
				if c.small || c.mask {
					hidden++
				}
				if c.mask {
					masked++
				}
			}
		}
		withheld += len(p.withheld)
		if p.N != len(recs) {
			t.Errorf("year %d: %d incidents printed, %d read", seed, p.N, len(recs))
		}
	}
	// the rule hides what it must, not everything
	t.Logf("%d tables printed, %d withheld; %d counts hidden, %d of them masqué", tables, withheld, hidden, masked)
	if withheld*4 > tables {
		t.Errorf("%d tables withheld for %d printed: the rule hides too much", withheld, tables)
	}
	if tables < years*5 {
		t.Errorf("only %d tables printed over %d years", tables, years)
	}
}

// The attacker is not blind: on the tables the old rule printed (each table protected alone),
// it finds what the audit report found.
func TestTheAttackerWorksOutTheOldTables(t *testing.T) {
	f := Compute(auditYear(), i18n.FR)
	// what the old rule printed, each table protected alone: "Soutien" masked, as the last
	// count of 5 or more, and the depicted count printed
	s, roles := &f.Tables[1], &f.Tables[2]
	if s.Section != "students_by_orientation" || roles.Section != "students_by_role" {
		t.Fatalf("tables %s, %s", s.Section, roles.Section)
	}
	for i := range s.Rows {
		if s.Rows[i].Key == "impulsive" {
			s.Rows[i].Count = s.Rows[i].raw
		}
		if s.Rows[i].Key == "support" {
			s.Rows[i].Count = Masked
		}
	}
	for i := range roles.Rows {
		roles.Rows[i].Count = roles.Rows[i].raw
	}
	if row(*roles, "role.depicted").Count != 13 || row(*s, "impulsive").Count != 6 {
		t.Fatalf("the old tables are not the audit's: %v, %v", shown(*s), shown(*roles))
	}
	p := read(t, f)
	a, names, _ := facts(p)
	lo, hi := a.workOut(names["students_by_orientation/urgent"])
	if lo != 1 || hi != 1 {
		t.Errorf("the attacker cannot work out the urgent students from the old tables: %g to %g", lo, hi)
	}
}

// The school year of the audit: 13 incidents, each a depicted student and one acting; 6
// malicious (an earlier SEXTO intervention), 6 impulsive, 1 urgent (threats).
func auditYear() []Record {
	var recs []Record
	for i := 0; i < 13; i++ {
		prior, threats := "non", "non"
		if i < 3 || i >= 7 && i < 10 {
			prior = "oui"
		}
		if i == 12 {
			threats = "oui"
		}
		in := &workbook.Incident{File: fmt.Sprintf("dossier-%02d.xlsx", i), Dossier: workbook.Sheet{Name: "Dossier", Answers: map[string]workbook.Answer{
			"incident.id":           {Key: "incident.id", Text: fmt.Sprintf("2025-X%03d", i)},
			"incident.disclosed_at": {Key: "incident.disclosed_at", Time: time.Date(2025, time.Month(1+i/7), 3+i, 9, 15, 0, 0, clock.Zone)},
		}}}
		e1 := gridtest.Grid("student.ref", "E1", "student.last_name", "Fictif", "student.first_name", "Alix", "student.grade", "sec3",
			"role.depicted", "oui", "role.producer", "oui", "role.discloser", "oui")
		e2 := gridtest.Grid("student.ref", "E2", "student.last_name", "Songe", "student.first_name", "Cyril", "student.grade", "sec3",
			"role.sender", "oui", "role.recipient", "oui", "intent.motive", "thoughtless", "intent.threats", threats,
			"intent.coercion", "non", "intent.prior_sexto", prior, "scope.recipients", "1", "scope.channel", "snapchat")
		for j, g := range []map[string]string{e1, e2} {
			in.Students = append(in.Students, workbook.Student{Sheet: workbook.Sheet{Name: fmt.Sprintf("Élève %d", j+1), Answers: answers(g)}})
		}
		recs = append(recs, FromIncident(in, in.Classify()))
	}
	return recs
}

// The audit's case: "Soutien" is the depicted students (no grid is incomplete), so it cannot
// be the count masked beside the "< 5" urgent student; the impulsive one is, and neither the
// students' nor the incidents' urgent count can be worked out.
func TestSupportIsNotMaskedBesideTheDepictedCount(t *testing.T) {
	f, p, found := attack(t, auditYear())
	for _, w := range found {
		t.Errorf("the attacker works out %s", w)
	}
	s := table(f, "students_by_orientation")
	want := map[string]int{"urgent": Suppressed, "incomplete": 0, "malicious": 6, "impulsive": Masked, "witness": 0, "support": 13}
	for k, v := range want {
		if got := row(s, k).Count; got != v {
			t.Errorf("students %s printed %s, want %s", k, Show(got, i18n.FR), Show(v, i18n.FR))
		}
	}
	if s.Withheld != "" || table(f, "incidents_by_orientation").Withheld != "" || p.withheld["students_by_role"] {
		t.Errorf("a table of orientations or roles is withheld: %v", p.withheld)
	}
	if got := row(table(f, "incidents_by_orientation"), "urgent").Count; got != Suppressed {
		t.Errorf("urgent incidents printed %s", Show(got, i18n.FR))
	}
	// the subtraction of the audit, done by hand: it gives the hidden sum, not the urgent count
	left := p.totals["students_by_orientation"] - p.cells["students_by_orientation"]["malicious"].n - p.cells["students_by_role"]["role.depicted"].n
	if left != 7 {
		t.Errorf("26 − 6 − 13 = %d", left)
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		txt := pdfText(t, Compute(auditYear(), l), l)
		want := map[i18n.Lang][]string{
			i18n.FR: {"Soutien (élève représenté(e)) 13", "Geste impulsif probable masqué", "Appel immédiat au 911 < 5"},
			i18n.EN: {"Support (depicted student) 13", "Likely impulsive act suppressed", "Call 911 now < 5"}}[l]
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: the PDF does not print %q:\n%s", l, w, txt)
			}
		}
	}
}

// When "Soutien" is the count hidden, the depicted count is hidden with it: otherwise the one
// would give the other.
func TestHiddenSupportHidesTheDepictedCount(t *testing.T) {
	var recs []Record
	for i := 0; i < 12; i++ {
		st := []Student{{Orientation: classify.Impulsive, Roles: []string{"role.sender"}}}
		if i < 3 {
			st = append(st, Student{Orientation: classify.Support, Roles: []string{"role.depicted"}})
		}
		recs = append(recs, record(i, "2026-03", classify.Impulsive, st...))
	}
	recs[11].Students = append(recs[11].Students, Student{Orientation: classify.Incomplete, Roles: []string{"role.depicted"}})
	f := Compute(recs, i18n.FR)
	s, roles := table(f, "students_by_orientation"), table(f, "students_by_role")
	if row(s, "support").Count != Suppressed || row(roles, "role.depicted").Count != Suppressed {
		t.Fatalf("support %d, depicted %d", row(s, "support").Count, row(roles, "role.depicted").Count)
	}
	// 9 depicted students, 8 of them "Soutien", among 20 students
	recs = nil
	for i := 0; i < 10; i++ {
		st := []Student{{Orientation: classify.Impulsive, Roles: []string{"role.sender"}}}
		if i < 8 {
			st = append(st, Student{Orientation: classify.Support, Roles: []string{"role.depicted"}})
		}
		recs = append(recs, record(i, "2026-03", classify.Impulsive, st...))
	}
	recs[9].Students = append(recs[9].Students, Student{Orientation: classify.Incomplete, Roles: []string{"role.depicted"}},
		Student{Orientation: classify.Witness, Roles: []string{"role.recipient"}})
	f = Compute(recs, i18n.FR)
	s, roles = table(f, "students_by_orientation"), table(f, "students_by_role")
	// urgent 0, incomplete 1, malicious 0, impulsive 10, witness 1, support 8: the last count
	// of 5 or more other than "Soutien" is the impulsive one
	if row(s, "impulsive").Count != Masked || row(s, "support").Count != 8 || row(roles, "role.depicted").Count != 9 {
		t.Errorf("students %v, depicted %s", shown(s), Show(row(roles, "role.depicted").Count, i18n.FR))
	}
	// only "Soutien" can be masked: then the depicted count is masked too
	recs = nil
	for i := 0; i < 8; i++ {
		recs = append(recs, record(i, "2026-03", classify.Support, Student{Orientation: classify.Support, Roles: []string{"role.depicted"}}))
	}
	recs[7].Orientation = classify.Witness
	recs[7].Students = append(recs[7].Students, Student{Orientation: classify.Witness, Roles: []string{"role.recipient"}})
	f = Compute(recs, i18n.FR)
	s, roles = table(f, "students_by_orientation"), table(f, "students_by_role")
	if row(s, "support").Count != Masked || row(roles, "role.depicted").Count != Masked || s.Withheld != "" {
		t.Errorf("students %v (withheld %q), depicted %s", shown(s), s.Withheld, Show(row(roles, "role.depicted").Count, i18n.FR))
	}
	if _, _, found := attack(t, recs); len(found) > 0 {
		t.Errorf("worked out: %v", found)
	}
	c := string(CSV(f, i18n.FR))
	if !strings.Contains(c, "students_by_role;représenté(e);masqué") {
		t.Errorf("the CSV does not mark the depicted count masqué:\n%s", c)
	}
}

// The audit's search is exact: on small random systems it finds a solution exactly when one
// exists, as counting every candidate does.
func TestSearchIsExact(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for n := 0; n < 3000; n++ {
		vars := 1 + r.Intn(4)
		lo, hi := make([]int, vars), make([]int, vars)
		for i := range lo {
			lo[i] = r.Intn(4)
			hi[i] = lo[i] + r.Intn(5)
		}
		var cons []leq
		for k := 0; k < 1+r.Intn(4); k++ {
			var c leq
			for v := 0; v < vars; v++ {
				if co := r.Intn(5) - 2; co != 0 {
					c.terms = append(c.terms, term{v, co})
				}
			}
			c.rhs = r.Intn(15) - 5
			cons = append(cons, c)
		}
		want := false
		x := slices.Clone(lo)
		var try func(i int)
		try = func(i int) {
			if want {
				return
			}
			if i == vars {
				want = satisfies(cons, x)
				return
			}
			for x[i] = lo[i]; x[i] <= hi[i]; x[i]++ {
				try(i + 1)
			}
		}
		try(0)
		budget := searchBudget
		if got := search(cons, slices.Clone(lo), slices.Clone(hi), &budget); got != want {
			t.Fatalf("%v within %v..%v: search says %v, counting says %v", cons, lo, hi, got, want)
		}
	}
}

// The ties between the incidents and their students hold too: 9 impulsive incidents, of
// which only 5 can owe it to an incomplete grid, have 4 impulsive students or more; so a
// "< 5" of impulsive students beside 5 incomplete grids would be 4. The students' table is
// then not printed, and nothing is worked out.
func TestIncidentsGiveTheirStudentsAway(t *testing.T) {
	var recs []Record
	for i := 0; i < 9; i++ {
		actor := Student{Orientation: classify.Impulsive, Roles: []string{"role.sender"}}
		if i >= 4 {
			actor.Orientation = classify.Incomplete // an impulsive act, on a grid not yet complete
		}
		st := []Student{{Orientation: classify.Support, Roles: []string{"role.depicted"}}, actor}
		if i < 5 {
			st = append(st, Student{Orientation: classify.Witness, Roles: []string{"role.recipient"}},
				Student{Orientation: classify.Witness, Roles: []string{"role.recipient"}})
		}
		recs = append(recs, record(i, "2026-03", classify.Impulsive, st...))
	}
	f, p, found := attack(t, recs)
	for _, w := range found {
		t.Errorf("the attacker works out %s", w)
	}
	s := table(f, "students_by_orientation")
	if s.Withheld != workedOut.In(i18n.FR) || !p.withheld["students_by_orientation"] {
		t.Errorf("students by orientation printed: %v (withheld %q)", shown(s), s.Withheld)
	}
	if inc := table(f, "incidents_by_orientation"); inc.Withheld != "" || row(inc, "impulsive").Count != 9 {
		t.Errorf("incidents by orientation: %v (withheld %q)", shown(inc), inc.Withheld)
	}
	// each table alone, the students' would have been printed, and given the 4 away
	alone := s
	alone.Rows = slices.Clone(s.Rows)
	for i := range alone.Rows {
		alone.Rows[i].Count = alone.Rows[i].raw
	}
	alone.Withheld = ""
	alone.suppress(alone.Total, i18n.FR)
	if alone.Withheld != "" || row(alone, "impulsive").Count != Suppressed || row(alone, "incomplete").Count != 5 {
		t.Fatalf("alone, the students' table is %v (withheld %q): the test proves nothing", shown(alone), alone.Withheld)
	}
	for i := range f.Tables {
		if f.Tables[i].Section == alone.Section {
			f.Tables[i] = alone
		}
	}
	a, names, _ := facts(read(t, f))
	if lo, hi := a.workOut(names["students_by_orientation/impulsive"]); lo != 4 || hi != 4 {
		t.Errorf("printed, the impulsive students would be %g to %g, not 4", lo, hi)
	}
}
