// Package clock is sexto's one notion of time: the zone in which Quebec schools live, and the
// "now" that SOURCE_DATE_EPOCH fixes for reproducible outputs.
package clock

import (
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Quebec time on every system, Windows included

	"sexto/kit/i18n"
)

// Zone is the time zone of dates written and read by sexto (Eastern Time, as in most of
// Quebec). Spreadsheet dates carry no zone; they are read as wall-clock times here.
var Zone = func() *time.Location {
	z, err := time.LoadLocation("America/Toronto")
	if err != nil {
		return time.UTC
	}
	return z
}()

// Now returns the time to stamp outputs with: SOURCE_DATE_EPOCH (seconds since 1970) when
// set, so that the same inputs give the same bytes, else the current time.
func Now(getenv func(string) string) (time.Time, error) {
	s := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH"))
	if s == "" {
		return time.Now(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, i18n.Errorf(i18n.T("SOURCE_DATE_EPOCH : « %s » n'est pas un nombre de secondes depuis 1970",
			"SOURCE_DATE_EPOCH: “%s” is not a number of seconds since 1970"), s)
	}
	return time.Unix(n, 0).UTC(), nil
}
