package stats

import (
	"slices"

	"sexto/kit/classify"
	"sexto/kit/grid"
)

// The audit plays a reader who has everything one run publishes: every printed count and
// total, the marks ("< 5" is 1 to 4, "masqué" is 5 or more, a table not printed is anything),
// and what the classification rules (SPEC §8) make true of every incident and student. Those
// ties, where sU, sI, sM, sP, sW, sS are the students by orientation (urgent, incomplete,
// malicious, impulsive, witness, support), iU… the incidents by orientation, N and S the
// incidents and students:
//
//   - each table with a total adds up to it (N or S);
//   - depicted = sS + X, where X (depicted students with an incomplete grid) is 0 to sI: a
//     student is "Soutien" exactly when depicted with a complete grid;
//   - sU + sM + sP ≤ the sum of the acting roles (each has one), and each acting role ≤
//     sU + sM + sP + sS + sI (a witness has none);
//   - sU ≤ the sum of the U- rules and sM ≤ the sum of the M- rules (each fired one); each U-
//     rule ≤ sU + sS + sW + sI (it makes any other acting student urgent); each M- rule ≤
//     sU + sM + sS + sI and ≤ the sum of the acting roles (it reads acting students only);
//   - iU ≤ the sum of the U- rules; iM ≤ sM + sI, iP ≤ sP + sI, iW ≤ sW + sI, iS ≤ sS + sI
//     (an incident takes the orientation of one of its students, an incomplete grid counting
//     with what it points to); N − iI ≤ S (only an incident without a grid is incomplete);
//   - an urgent student or U- rule means an urgent incident; a malicious student, an urgent
//     or malicious incident; and so on down the order of SPEC §8.
//
// A hidden count is worked out when it takes one value in every set of whole numbers that
// satisfies all of this. The search is exact (bounds propagation and bisection over whole
// numbers); one that would run too long counts as worked out, so that doubt withholds.
//
// The ties follow SPEC §8: a change to the orientations or to which students a rule reads
// must be checked against them. attack_test.go holds an attacker's own copy, checks it on
// real classifications of random school years (it fails when a tie is no longer true) and
// tries every derivation by linear programming.

// audit returns the index of the first table printed whose "< 5" can be worked out from
// everything printed, or two of whose "< 5", or all, add up to a sum below MinCount that can
// be; -1 when none.
func audit(tabs []Table) int {
	m := newModel(tabs)
	if !m.holds(m.val) {
		// the figures break a tie that every incident keeps: trust nothing that is hidden
		for i := range tabs {
			if tabs[i].Withheld == "" && (tabs[i].has(Suppressed) || tabs[i].has(Masked)) {
				return i
			}
		}
		return -1
	}
	for _, tg := range m.targets {
		if m.workedOut(tg) {
			return tg.table
		}
	}
	return -1
}

// term is c·x_v.
type term struct{ v, c int }

// leq is Σ terms ≤ rhs.
type leq struct {
	terms []term
	rhs   int
}

// expr is k + Σ terms: a count as the reader sees it, a number or unknowns.
type expr struct {
	k     int
	terms []term
}

func (e expr) plus(o expr) expr {
	return expr{e.k + o.k, append(slices.Clone(e.terms), o.terms...)}
}

func (e expr) minus(o expr) expr {
	out := expr{e.k - o.k, slices.Clone(e.terms)}
	for _, t := range o.terms {
		out.terms = append(out.terms, term{t.v, -t.c})
	}
	return out
}

func sumOf(es ...expr) expr {
	var out expr
	for _, e := range es {
		out = out.plus(e)
	}
	return out
}

// target is a hidden count, or the sum of some "< 5" of a table (small: a problem only below
// MinCount), that must not be worked out.
type target struct {
	table int
	vars  []int
	small bool
}

// model is the reader's unknowns (the hidden counts), their bounds, their true values and the
// ties between them.
type model struct {
	lo, hi, val []int
	cons        []leq
	targets     []target
}

func (m *model) unknown(lo, hi, val int) expr {
	m.lo, m.hi, m.val = append(m.lo, lo), append(m.hi, hi), append(m.val, val)
	return expr{terms: []term{{len(m.lo) - 1, 1}}}
}

// le adds a ≤ b.
func (m *model) le(a, b expr) {
	d := a.minus(b)
	// merge the terms of one unknown
	coef := map[int]int{}
	var order []int
	for _, t := range d.terms {
		if _, ok := coef[t.v]; !ok {
			order = append(order, t.v)
		}
		coef[t.v] += t.c
	}
	var c leq
	for _, v := range order {
		if coef[v] != 0 {
			c.terms = append(c.terms, term{v, coef[v]})
		}
	}
	if len(c.terms) == 0 {
		return // printed counts only: true of the figures as of every incident
	}
	c.rhs = -d.k
	m.cons = append(m.cons, c)
}

// eq adds a = b.
func (m *model) eq(a, b expr) {
	m.le(a, b)
	m.le(b, a)
}

// atLeastOne adds a ≥ 1.
func (m *model) atLeastOne(a expr) { m.le(expr{k: 1}, a) }

// newModel reads the tables as the reader does.
func newModel(tabs []Table) *model {
	m := &model{}
	// the most a count can be: the students (or the incidents, if more), or the incidents for
	// a table of incidents
	capS := 0
	for _, t := range tabs {
		if t.Totals {
			capS = max(capS, t.Total)
		}
	}
	cells := make([][]expr, len(tabs))
	for i := range tabs {
		t := &tabs[i]
		top := capS
		if t.Totals {
			top = t.Total
		}
		cells[i] = make([]expr, len(t.Rows))
		var small []int
		for j, r := range t.Rows {
			switch {
			case t.Withheld != "":
				cells[i][j] = m.unknown(0, top, r.raw)
			case r.Count == Suppressed:
				cells[i][j] = m.unknown(1, MinCount-1, r.raw)
				v := cells[i][j].terms[0].v
				small = append(small, v)
				m.targets = append(m.targets, target{table: i, vars: []int{v}})
			case r.Count == Masked:
				cells[i][j] = m.unknown(MinCount, max(top, MinCount), r.raw)
			default:
				cells[i][j] = expr{k: r.Count}
			}
		}
		if t.Totals {
			m.eq(sumOf(cells[i]...), expr{k: t.Total})
			if t.Withheld == "" && len(small) > 1 {
				// what two "< 5", or all of them, add up to: the count of the categories together
				for a := range small {
					for b := a + 1; b < len(small); b++ {
						m.targets = append(m.targets, target{table: i, vars: []int{small[a], small[b]}, small: true})
					}
				}
				if len(small) > 2 {
					m.targets = append(m.targets, target{table: i, vars: small, small: true})
				}
			}
		}
	}
	cell := func(section, key string) (expr, bool) {
		for i := range tabs {
			if tabs[i].Section != section {
				continue
			}
			for j := range tabs[i].Rows {
				if tabs[i].Rows[j].Key == key {
					return cells[i][j], true
				}
			}
		}
		return expr{}, false
	}
	table := func(section string) *Table {
		for i := range tabs {
			if tabs[i].Section == section {
				return &tabs[i]
			}
		}
		return nil
	}
	orient := func(section string) (map[classify.Orientation]expr, bool) {
		out := map[classify.Orientation]expr{}
		for _, o := range classify.Orientations {
			e, ok := cell(section, string(o))
			if !ok {
				return nil, false
			}
			out[o] = e
		}
		return out, true
	}
	s, okS := orient("students_by_orientation")
	in, okI := orient("incidents_by_orientation")
	roles := table("students_by_role")
	rules := table("rules_fired")
	if !okS {
		return m // a table alone: its total is all there is
	}
	sU, sI, sM, sP, sW, sS := s[classify.UrgentCall], s[classify.Incomplete], s[classify.Malicious], s[classify.Impulsive], s[classify.Witness], s[classify.Support]
	acting := expr{}
	if roles != nil {
		if dep, ok := cell("students_by_role", "role.depicted"); ok {
			d, _ := findRow(tabs, "students_by_role", "role.depicted")
			sup, _ := findRow(tabs, "students_by_orientation", "support")
			x := m.unknown(0, capS, d.r.raw-sup.r.raw)
			m.eq(dep, sS.plus(x))
			m.le(x, sI)
		}
		var each []expr
		for _, k := range grid.ActingRoles {
			if e, ok := cell("students_by_role", k); ok {
				each = append(each, e)
			}
		}
		acting = sumOf(each...)
		m.le(sumOf(sU, sM, sP), acting)
		for _, e := range each {
			m.le(e, sumOf(sU, sM, sP, sS, sI))
		}
	}
	var sumU, sumM expr
	anyU := false
	if rules != nil {
		var us, ms []expr
		for _, r := range classify.Rules {
			e, ok := cell("rules_fired", r.ID)
			if !ok {
				continue
			}
			if r.Kind == classify.Urgent {
				us = append(us, e)
				m.le(e, sumOf(sU, sS, sW, sI))
				anyU = anyU || positive(m, e)
			} else {
				ms = append(ms, e)
				m.le(e, sumOf(sU, sM, sS, sI))
				if roles != nil {
					m.le(e, acting)
				}
			}
		}
		sumU, sumM = sumOf(us...), sumOf(ms...)
		m.le(sU, sumU)
		m.le(sM, sumM)
	}
	if !okI {
		return m
	}
	iU, iI, iM, iP, iW, iS := in[classify.UrgentCall], in[classify.Incomplete], in[classify.Malicious], in[classify.Impulsive], in[classify.Witness], in[classify.Support]
	if rules != nil {
		m.le(iU, sumU)
	}
	m.le(iM, sM.plus(sI))
	m.le(iP, sP.plus(sI))
	m.le(iW, sW.plus(sI))
	m.le(iS, sS.plus(sI))
	n := table("incidents_by_orientation").Total
	st := table("students_by_orientation").Total
	m.le(expr{k: n}.minus(iI), expr{k: st})
	// a student of an orientation sits in an incident of that orientation or a graver one
	if anyU || positive(m, sU) {
		m.atLeastOne(iU)
	}
	if positive(m, sM) {
		m.atLeastOne(sumOf(iU, iM))
	}
	if positive(m, sP) {
		m.atLeastOne(sumOf(iU, iM, iP))
	}
	if positive(m, sW) {
		m.atLeastOne(sumOf(iU, iM, iP, iW))
	}
	return m
}

// positive reports whether the reader knows that a count is at least 1.
func positive(m *model, e expr) bool {
	if len(e.terms) == 0 {
		return e.k > 0
	}
	return len(e.terms) == 1 && e.terms[0].c == 1 && e.k+m.lo[e.terms[0].v] > 0
}

// holds reports whether values satisfy every tie.
func (m *model) holds(x []int) bool {
	for i := range x {
		if x[i] < m.lo[i] || x[i] > m.hi[i] {
			return false
		}
	}
	return satisfies(m.cons, x)
}

// workedOut reports whether the target's value is the only one the ties allow.
func (m *model) workedOut(tg target) bool {
	a := 0
	for _, v := range tg.vars {
		a += m.val[v]
	}
	if tg.small && a >= MinCount {
		return false // a sum of 5 or more is no small count
	}
	below := leq{rhs: a - 1}
	above := leq{rhs: -a - 1}
	for _, v := range tg.vars {
		below.terms = append(below.terms, term{v, 1})
		above.terms = append(above.terms, term{v, -1})
	}
	return !m.feasible(tg.vars, below) && !m.feasible(tg.vars, above)
}

// searchBudget bounds the branches of one search; a search that runs out counts as finding
// nothing (the count is then taken as worked out).
const searchBudget = 20000

// feasible reports whether whole numbers satisfy every tie and extra. Only the unknowns tied,
// directly or not, to seed are searched: the others keep their true values, which satisfy
// their ties.
func (m *model) feasible(seed []int, extra leq) bool {
	cons := append(slices.Clone(m.cons), extra)
	in := make([]bool, len(m.lo))
	for _, v := range seed {
		in[v] = true
	}
	for grown := true; grown; {
		grown = false
		for _, c := range cons {
			touches := false
			for _, t := range c.terms {
				touches = touches || in[t.v]
			}
			if !touches {
				continue
			}
			for _, t := range c.terms {
				if !in[t.v] {
					in[t.v], grown = true, true
				}
			}
		}
	}
	lo, hi := slices.Clone(m.lo), slices.Clone(m.hi)
	for v := range lo {
		if !in[v] {
			lo[v], hi[v] = m.val[v], m.val[v]
		}
	}
	var part []leq
	for _, c := range cons {
		if len(c.terms) > 0 && in[c.terms[0].v] {
			part = append(part, c)
		}
	}
	budget := searchBudget
	return search(part, lo, hi, &budget)
}

// search looks for whole numbers within lo..hi satisfying cons: it narrows the bounds by each
// constraint in turn, then splits in two the unknown with the fewest values left.
func search(cons []leq, lo, hi []int, budget *int) bool {
	if *budget--; *budget < 0 || !narrow(cons, lo, hi) {
		return false
	}
	v := -1
	for i := range lo {
		if lo[i] < hi[i] && (v < 0 || hi[i]-lo[i] < hi[v]-lo[v]) {
			v = i
		}
	}
	if v < 0 {
		return satisfies(cons, lo) // every unknown fixed
	}
	mid := lo[v] + (hi[v]-lo[v])/2
	l, h := slices.Clone(lo), slices.Clone(hi)
	h[v] = mid
	if search(cons, l, h, budget) {
		return true
	}
	l, h = slices.Clone(lo), slices.Clone(hi)
	l[v] = mid + 1
	return search(cons, l, h, budget)
}

// narrow tightens lo and hi by every constraint until nothing changes; false when a
// constraint cannot be met.
func narrow(cons []leq, lo, hi []int) bool {
	for round := 0; round < 1000; round++ {
		changed := false
		for _, c := range cons {
			least := 0 // the smallest Σ terms can be
			for _, t := range c.terms {
				if t.c > 0 {
					least += t.c * lo[t.v]
				} else {
					least += t.c * hi[t.v]
				}
			}
			if least > c.rhs {
				return false
			}
			for _, t := range c.terms {
				// the room this term has: rhs less the least of the others
				var own int
				if t.c > 0 {
					own = t.c * lo[t.v]
				} else {
					own = t.c * hi[t.v]
				}
				room := c.rhs - (least - own)
				if t.c > 0 {
					if b := floorDiv(room, t.c); b < hi[t.v] {
						hi[t.v], changed = b, true
					}
				} else if b := ceilDiv(room, t.c); b > lo[t.v] {
					lo[t.v], changed = b, true
				}
				if lo[t.v] > hi[t.v] {
					return false
				}
			}
		}
		if !changed {
			return true
		}
	}
	return true
}

// satisfies reports whether x meets every constraint.
func satisfies(cons []leq, x []int) bool {
	for _, c := range cons {
		s := 0
		for _, t := range c.terms {
			s += t.c * x[t.v]
		}
		if s > c.rhs {
			return false
		}
	}
	return true
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) == (b < 0)) {
		q++
	}
	return q
}
