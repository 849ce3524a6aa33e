package pdf

// WritingLines prints an item to be written at length by hand (a student's own words): the
// pending band, its label, then n ruled lines the width of the frame, which continue on the
// next page when this one is full. The band and the label are kept with three lines at least.
func (d *Doc) WritingLines(label string, n int) {
	runs := Plain(label)
	d.Ensure(d.bandHeight() + d.ParagraphHeight(runs) + 3*7.5 + 1)
	d.drawBand()
	d.Paragraph(runs)
	d.BlankLines(n)
}
