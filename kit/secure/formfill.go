package secure

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// FillForm returns the form doc with values (fully qualified field name → text, or a radio
// group's code) set, as a PDF reader's "save" would, appended as an incremental update. It
// leaves the looks to the reader (/NeedAppearances): it is for tests and tools that prepare
// forms, not for printing. Unknown names are an error.
func FillForm(doc []byte, values map[string]string) (out []byte, err error) {
	defer catch(&err)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(doc), conf)
	if err != nil {
		return nil, fmt.Errorf("secure: fill: %w", err)
	}
	prev, ok := lastXRef(doc)
	if !ok || ctx.Root == nil || ctx.Size == nil {
		return nil, fmt.Errorf("secure: fill: no cross-reference table")
	}
	catalog, err := ctx.DereferenceDict(*ctx.Root)
	if err != nil || catalog == nil {
		return nil, fmt.Errorf("secure: fill: no catalog")
	}
	acro, err := ctx.DereferenceDict(catalog["AcroForm"])
	if err != nil || acro == nil {
		return nil, fmt.Errorf("secure: fill: no form")
	}
	top, err := ctx.DereferenceArray(acro["Fields"])
	if err != nil {
		return nil, fmt.Errorf("secure: fill: %w", err)
	}
	w := &formWriter{ctx: ctx, next: *ctx.Size, objs: map[int]string{}}
	done := map[string]bool{}
	var walk func(o types.Object, parent string) error
	walk = func(o types.Object, parent string) error {
		r, ok := o.(types.IndirectRef)
		if !ok {
			return nil
		}
		d, err := ctx.DereferenceDict(r)
		if err != nil || d == nil {
			return err
		}
		name := parent
		if t, ok := d["T"].(types.StringLiteral); ok {
			if name != "" {
				name += "."
			}
			name += t.Value()
		}
		kids, _ := ctx.DereferenceArray(d["Kids"])
		leaf := true
		for _, k := range kids {
			kd, _ := ctx.DereferenceDict(k)
			if _, isField := kd["T"]; isField {
				leaf = false
				if err := walk(k, name); err != nil {
					return err
				}
			}
		}
		v, want := values[name]
		if !leaf || !want {
			return nil
		}
		done[name] = true
		d = d.Clone().(types.Dict)
		if ft, _ := d["FT"].(types.Name); ft == "Btn" {
			state := types.Name(v)
			if v == "" {
				state = "Off"
			}
			d["V"] = state
			for _, k := range kids {
				kr, ok := k.(types.IndirectRef)
				kd, err := ctx.DereferenceDict(k)
				if !ok || err != nil || kd == nil {
					continue
				}
				kd = kd.Clone().(types.Dict)
				kd["AS"] = types.Name("Off")
				if ap, ok := kd["AP"].(types.Dict); ok {
					if n, ok := ap["N"].(types.Dict); ok {
						if _, on := n[v]; on {
							kd["AS"] = state
						}
					}
				}
				w.set(kr, kd)
			}
		} else {
			d["V"] = textString(v)
		}
		w.set(r, d)
		return nil
	}
	for _, o := range top {
		if err := walk(o, ""); err != nil {
			return nil, fmt.Errorf("secure: fill: %w", err)
		}
	}
	var unknown []string
	for name := range values {
		if !done[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("secure: fill: no field %s", strings.Join(unknown, ", "))
	}
	return w.write(doc, prev), nil
}
