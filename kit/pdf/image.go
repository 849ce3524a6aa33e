package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
)

// MaxImageSide bounds each side of an embedded picture, in pixels. The PDF library decodes
// some pictures whole (a PNG with transparency) and sizes its buffers from the header, so a
// small file that declares 20,000 × 20,000 pixels would take gigabytes. The profile refuses
// such a logo with a message for the user; this is the last line, for any other caller.
const MaxImageSide = 4000

// checkImage reads only the header of a PNG or JPEG picture.
func checkImage(b []byte, typ string) error {
	var cfg image.Config
	var err error
	switch typ {
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
		if err == nil && len(b) > 28 && b[28] != 0 {
			return fmt.Errorf("pdf: interlaced PNG pictures cannot be embedded")
		}
	case "jpg", "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
	default:
		return fmt.Errorf("pdf: unknown picture type %q", typ)
	}
	if err != nil {
		return fmt.Errorf("pdf: picture: %w", err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxImageSide || cfg.Height > MaxImageSide {
		return fmt.Errorf("pdf: the picture is %d × %d pixels; at most %d × %d can be embedded", cfg.Width, cfg.Height, MaxImageSide, MaxImageSide)
	}
	return nil
}
