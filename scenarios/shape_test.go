package scenarios

import (
	"strings"
	"testing"
)

// TestShapeLimits checks that checkShape counts only TOML structure:
// brackets, braces and dots in strings, multi-line strings and comments
// do not count, while structure one level past a limit does. Breaking
// skipString (counting inside strings) or the key-part count fails the
// first or the last rows.
func TestShapeLimits(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) }
	arrays := func(n int) string { return strings.Repeat("[", n) + "1" + strings.Repeat("]", n) }
	dotted := func(n int) string { return strings.Repeat("a.", n-1) + "a" }
	many := strings.Repeat("{[", 40)
	for _, c := range []struct {
		text string
		want string // "" for no error
	}{
		{"x = " + deep(maxNesting) + "\n", ""},
		{"x = " + deep(maxNesting+1) + "\n", ":1: inline tables and arrays nested more than 32 deep"},
		{"x = " + arrays(maxNesting+1) + "\n", ":1: inline tables and arrays nested more than 32 deep"},
		{"x = [\n" + deep(maxNesting) + ",\n]\n", ":2: inline tables and arrays nested more than 32 deep"},
		{"x = \"" + many + "\"\n", ""},
		{"x = '" + many + "'\n", ""},
		{"x = \"\"\"\n" + many + "\n\\\"\"\"\n\"\"\"\ny = " + deep(maxNesting+1) + "\n", ":5: inline tables"},
		{"x = '''\n" + many + "\n'''\n", ""},
		{"# " + many + "\nx = 1\n", ""},
		{"x = \"a\\\"" + many + "\"\n", ""},
		{dotted(maxKeyParts) + " = 1\n", ""},
		{dotted(maxKeyParts+1) + " = 1\n", ":1: a key or table header of more than 32 dotted parts"},
		{"[" + dotted(maxKeyParts+1) + "]\n", ":1: a key or table header of more than 32 dotted parts"},
		{"[[" + dotted(maxKeyParts+1) + "]]\n", ":1: a key or table header of more than 32 dotted parts"},
		{"x = { " + dotted(maxKeyParts+1) + " = 1 }\n", ":1: a key or table header"},
		{"x = { b = 1, " + dotted(maxKeyParts+1) + " = 1 }\n", ":1: a key or table header"},
		{"x = [ 1.5, 2.5 ]\ny = 0.25\n\"" + dotted(maxKeyParts+1) + "\" = 1\n", ""},
		{"x = { b = [1.5, " + strings.Repeat("2.5, ", 40) + "] }\n", ""},
	} {
		err := checkShape(&source{name: "s.toml", text: c.text})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%.60q: %v", c.text, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%.60q: got %v, want %q", c.text, err, c.want)
		}
	}
}
