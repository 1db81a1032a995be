package scenarios

import "fmt"

// Limits on a scenario file's shape, checked before the TOML library reads
// it: the library's memory and time grow with the square of the nesting
// depth and of a key's length (100,000 nested inline tables took over
// 20 GB and three minutes before the kernel stopped it; a table header of
// 20,000 dotted parts, likewise). Real scenarios nest three or four levels
// deep and use keys of up to six parts.
const (
	maxNesting  = 32 // inline tables and arrays within one another
	maxKeyParts = 32 // parts of one dotted key or table header
)

// checkShape returns an error at the first place where src nests inline
// tables and arrays more than maxNesting deep or writes a key or table
// header of more than maxKeyParts parts. It reads the text as TOML's
// lexer does, so brackets, braces and dots inside strings and comments do
// not count; anything it cannot read is left to the TOML library, which
// reports it.
func checkShape(src *source) error {
	s := src.text
	line := 1
	var open []byte // the inline tables ('{') and arrays ('[') open here
	parts := 0      // dots in the key being read
	inKey := true   // whether a key (or a table header's) is being read
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			line++
			if len(open) == 0 {
				inKey, parts = true, 0
			}
		case c == '#':
			for i+1 < len(s) && s[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			end, lines := skipString(s, i)
			i, line = end, line+lines
		case inKey && c == '.':
			parts++
			if parts >= maxKeyParts {
				return fmt.Errorf("%s:%d: a key or table header of more than %d dotted parts", src.name, line, maxKeyParts)
			}
		case inKey && c == '=':
			inKey = false
		case len(open) == 0 && inKey && c == '[':
			// A table header, [a.b] or [[a.b]]: its key follows.
		case len(open) == 0 && c == ']':
			inKey = false // the end of a table header
		case c == '{' || c == '[':
			if len(open) == maxNesting {
				return fmt.Errorf("%s:%d: inline tables and arrays nested more than %d deep", src.name, line, maxNesting)
			}
			open = append(open, c)
			inKey, parts = c == '{', 0
		case c == '}' || c == ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			inKey = false
		case c == ',' && len(open) > 0:
			inKey, parts = open[len(open)-1] == '{', 0
		}
	}
	return nil
}

// skipString returns the index of the last byte of the string that starts
// at s[i] (a quote) and the number of line breaks inside it: basic and
// literal strings, single- or multi-line. An unterminated string ends
// with the text.
func skipString(s string, i int) (end, lines int) {
	q := s[i]
	multi := i+2 < len(s) && s[i+1] == q && s[i+2] == q
	j := i + 1
	if multi {
		j = i + 3
	}
	for ; j < len(s); j++ {
		switch c := s[j]; {
		case c == '\\' && q == '"':
			j++ // an escape: the next byte is not a quote
			if j < len(s) && s[j] == '\n' {
				lines++
			}
		case c == '\n':
			if !multi {
				return j - 1, lines // unterminated: the library reports it
			}
			lines++
		case c == q && !multi:
			return j, lines
		case c == q && j+2 < len(s) && s[j+1] == q && s[j+2] == q:
			return j + 2, lines
		}
	}
	return len(s) - 1, lines
}
