package pdf

import "codeberg.org/go-pdf/fpdf"

// painter is the part of the PDF library that draws. The counting pass draws nothing: it
// only needs positions and page breaks, and formatting every drawing operator twice would
// double the cost of a kit.
type painter interface {
	SetLineWidth(w float64)
	SetDrawColor(r, g, b int)
	SetFillColor(r, g, b int)
	SetTextColor(r, g, b int)
	SetDashPattern(dash []float64, phase float64)
	Line(x1, y1, x2, y2 float64)
	Rect(x, y, w, h float64, style string)
	RoundedRect(x, y, w, h, r float64, corners, style string)
	Polygon(points []fpdf.PointType, style string)
	Circle(x, y, r float64, style string)
	Text(x, y float64, s string)
	CellFormat(w, h float64, txt, border string, ln int, align string, fill bool, link int, linkStr string)
	TransformBegin()
	TransformRotate(angle, x, y float64)
	TransformScale(scaleWd, scaleHt, x, y float64)
	TransformEnd()
	ImageOptions(name string, x, y, w, h float64, flow bool, opts fpdf.ImageOptions, link int, linkStr string)
}

type nopPainter struct{}

func (nopPainter) SetLineWidth(float64)                                                    {}
func (nopPainter) SetDrawColor(int, int, int)                                              {}
func (nopPainter) SetFillColor(int, int, int)                                              {}
func (nopPainter) SetTextColor(int, int, int)                                              {}
func (nopPainter) SetDashPattern([]float64, float64)                                       {}
func (nopPainter) Line(float64, float64, float64, float64)                                 {}
func (nopPainter) Rect(float64, float64, float64, float64, string)                         {}
func (nopPainter) RoundedRect(float64, float64, float64, float64, float64, string, string) {}
func (nopPainter) Polygon([]fpdf.PointType, string)                                        {}
func (nopPainter) Circle(float64, float64, float64, string)                                {}
func (nopPainter) Text(float64, float64, string)                                           {}
func (nopPainter) CellFormat(float64, float64, string, string, int, string, bool, int, string) {
}
func (nopPainter) TransformBegin()                                   {}
func (nopPainter) TransformRotate(float64, float64, float64)         {}
func (nopPainter) TransformScale(float64, float64, float64, float64) {}
func (nopPainter) TransformEnd()                                     {}
func (nopPainter) ImageOptions(string, float64, float64, float64, float64, bool, fpdf.ImageOptions, int, string) {
}

// cachedPainter skips state changes that change nothing: the PDF library writes every call to
// the page, and a form page sets the same colour and line width hundreds of times.
type cachedPainter struct {
	*fpdf.Fpdf
	known      bool
	draw, fill [3]int
	lw         float64
	dashed     bool
}

// forget makes the next state changes write again (at each new page).
func (c *cachedPainter) forget() { c.known = false; c.Fpdf.SetDashPattern(nil, 0); c.dashed = false }

func (c *cachedPainter) sync() {
	if !c.known {
		c.draw, c.fill, c.lw = [3]int{-1}, [3]int{-1}, -1
		c.known = true
	}
}

func (c *cachedPainter) SetDrawColor(r, g, b int) {
	c.sync()
	if c.draw != [3]int{r, g, b} {
		c.draw = [3]int{r, g, b}
		c.Fpdf.SetDrawColor(r, g, b)
	}
}

func (c *cachedPainter) SetFillColor(r, g, b int) {
	c.sync()
	if c.fill != [3]int{r, g, b} {
		c.fill = [3]int{r, g, b}
		c.Fpdf.SetFillColor(r, g, b)
	}
}

func (c *cachedPainter) SetLineWidth(w float64) {
	c.sync()
	if c.lw != w {
		c.lw = w
		c.Fpdf.SetLineWidth(w)
	}
}

func (c *cachedPainter) SetDashPattern(dash []float64, phase float64) {
	if len(dash) == 0 && !c.dashed {
		return
	}
	c.dashed = len(dash) > 0
	c.Fpdf.SetDashPattern(dash, phase)
}
