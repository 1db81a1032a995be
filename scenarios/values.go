package scenarios

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/sim"
)

// Value types of scenario files. Each implements encoding.TextUnmarshaler,
// so the TOML decoder reports the line of a malformed value.

// Duration is a duration with an explicit unit: "25min", "3d", "0.5h".
type Duration struct{ sim.Time }

// UnmarshalText parses a duration (see dist.ParseDuration).
func (d *Duration) UnmarshalText(b []byte) error {
	t, err := dist.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// MarshalText formats the duration in minutes.
func (d Duration) MarshalText() ([]byte, error) {
	return []byte(strconv.FormatFloat(float64(d.Time), 'g', -1, 64) + "min"), nil
}

// Dist is a distribution in scenario notation, e.g.
// "lognormal(median=25min, p90=60min)".
type Dist struct{ dist.Dist }

// UnmarshalText parses a distribution (see dist.Parse).
func (d *Dist) UnmarshalText(b []byte) error {
	v, err := dist.Parse(string(b))
	if err != nil {
		return err
	}
	d.Dist = v
	return nil
}

// MarshalText formats the distribution in scenario notation.
func (d Dist) MarshalText() ([]byte, error) {
	if d.Dist == nil {
		return nil, nil
	}
	return []byte(d.Dist.String()), nil
}

// Clock is a time of day, "7:30" or "16:00", as minutes after midnight;
// "24:00" is the end of the day.
type Clock struct{ sim.Time }

// UnmarshalText parses "H:MM".
func (c *Clock) UnmarshalText(b []byte) error {
	s := string(b)
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hh < 0 || mm < 0 || mm > 59 || hh > 24 || hh == 24 && mm > 0 {
		return fmt.Errorf("time of day %q: want H:MM between 0:00 and 24:00, e.g. \"7:30\"", s)
	}
	c.Time = sim.Time(hh)*sim.Hour + sim.Time(mm)*sim.Minute
	return nil
}

// Date is a calendar date, "2026-01-01".
type Date struct{ calendar.Date }

// UnmarshalText parses YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := calendar.ParseDate(string(b))
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD, e.g. \"2026-01-01\"", string(b))
	}
	d.Date = v
	return nil
}

// Weekday is a day of the week: "mon" … "sun".
type Weekday struct{ time.Weekday }

var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// UnmarshalText parses a weekday abbreviation.
func (w *Weekday) UnmarshalText(b []byte) error {
	for i, n := range weekdayNames {
		if strings.EqualFold(string(b), n) {
			w.Weekday = time.Weekday(i)
			return nil
		}
	}
	return fmt.Errorf("weekday %q: must be one of (%s)", string(b), strings.Join(weekdayNames, "|"))
}

// DataPath is the path of a data file, relative to the scenario file that
// names it. The loader records which file system that is, so that a
// scenario extending a bundled one reads the bundled data.
type DataPath struct {
	Path string
	fsys fs.FS  // the naming file's directory
	from string // the naming file, for messages
}

// UnmarshalText records the path.
func (p *DataPath) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		return fmt.Errorf("empty data path")
	}
	p.Path = string(b)
	return nil
}

// MarshalText returns the path as written.
func (p DataPath) MarshalText() ([]byte, error) { return []byte(p.Path), nil }
