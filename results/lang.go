package results

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Lang is the language of the report pages: English or German. The CSV
// and JSON files and the tables zsa prints are always English, with
// decimal points, for scripts.
type Lang string

// The report languages.
const (
	English Lang = "en"
	German  Lang = "de"
)

// ParseLang returns the Lang of "en" or "de"; "" is English.
func ParseLang(s string) (Lang, error) {
	switch Lang(s) {
	case "", English:
		return English, nil
	case German:
		return German, nil
	}
	return "", fmt.Errorf("%q: must be one of (de|en)", s)
}

// translator gives the report's texts in its language. The English texts
// are the keys of the German catalogue (lang_de.go): an English text
// without a German entry is recorded as missing, for the test that the
// German report is complete, and shown in English. A nil translator is
// English.
type translator struct {
	lang    Lang
	mu      sync.Mutex
	missing map[string]bool
}

func newTranslator(l Lang) *translator {
	return &translator{lang: l, missing: map[string]bool{}}
}

func (t *translator) german() bool { return t != nil && t.lang == German }

// s returns the text en in t's language.
func (t *translator) s(en string) string {
	if !t.german() {
		return en
	}
	if de, ok := catalogDE[en]; ok {
		return de
	}
	t.mu.Lock()
	t.missing[en] = true
	t.mu.Unlock()
	return en
}

// f formats args with the format en in t's language (a German format may
// take the arguments in another order, with %[n]s). Numbers stay as
// English writes them: the page is localised once when it is complete
// (num), so that no number is converted twice.
func (t *translator) f(en string, args ...any) string {
	return fmt.Sprintf(t.s(en), args...)
}

// name returns the German name of a label that may also come from the
// scenario (an arm's or a group's name): its catalogue entry if there is
// one, else the label unchanged, without recording it as missing.
func (t *translator) name(en string) string {
	if !t.german() {
		return en
	}
	if de, ok := catalogDE[en]; ok {
		return de
	}
	return en
}

// Numbers in the English texts: "11,700", "38.2", "−40.1"; an interval
// "[−40.1, −36.3]".
var (
	numberRE   = regexp.MustCompile(`[0-9][0-9,.]*[0-9]`)
	intervalRE = regexp.MustCompile(`\[([−+]?[0-9][0-9,.]*), ([−+]?[0-9][0-9,.]*)\]`)
)

// num writes the numbers of an English text s as t's language does (each
// text once: num is not idempotent): in
// German a decimal comma and a point between thousands ("11.700",
// "38,2"), and an interval's limits separated by a semicolon
// ("[−40,1; −36,3]").
func (t *translator) num(s string) string {
	if !t.german() {
		return s
	}
	s = intervalRE.ReplaceAllString(s, "[$1; $2]")
	return numberRE.ReplaceAllStringFunc(s, func(n string) string {
		return strings.Map(func(r rune) rune {
			switch r {
			case ',':
				return '.'
			case '.':
				return ','
			}
			return r
		}, n)
	})
}

// plural returns "1 thing" or "n things" in t's language (one and many
// are English catalogue keys).
func (t *translator) plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + t.s(one)
	}
	return strconv.Itoa(n) + " " + t.s(many)
}

// join joins words as "a", "a and b", "a, b and c" in t's language.
func (t *translator) join(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " " + t.s("and") + " " + ws[len(ws)-1]
}

// Missing returns the English texts asked for without a German entry,
// sorted.
func (t *translator) Missing() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, 0, len(t.missing))
	for k := range t.missing {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
