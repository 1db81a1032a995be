package scenarios

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Bundled holds the scenarios shipped with the program and their data.
//
//go:embed *.toml data/*.csv
var Bundled embed.FS

// Default is the name of the scenario zsa runs without arguments.
const Default = "sachsen-anhalt"

// source is one loaded file: where it came from and what it defined.
type source struct {
	name string // as shown in messages: a path, or "bundled:NAME.toml"
	fsys fs.FS  // the file's directory
	text string
	md   toml.MetaData
	// extendedBy is the file whose extends named this one, nil for the
	// file loaded: the chain that a cycle would close.
	extendedBy *source
}

// loaded is a scenario file merged with its bases, with the sources that
// defined it, child first.
type loaded struct {
	file    File
	sources []*source
}

// List returns the names of the bundled scenarios, sorted.
func List() []string {
	entries, _ := fs.ReadDir(Bundled, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	return names
}

// Describe returns the first description line of a bundled scenario.
func Describe(name string) string {
	b, err := fs.ReadFile(Bundled, name+".toml")
	if err != nil {
		return ""
	}
	var f struct {
		Description string `toml:"description"`
	}
	toml.Decode(string(b), &f) //nolint:errcheck // a description is optional
	d, _, _ := strings.Cut(f.Description, "\n")
	return d
}

// Text returns the text of a bundled scenario, for copying.
func Text(name string) (string, error) {
	b, err := fs.ReadFile(Bundled, strings.TrimSuffix(name, ".toml")+".toml")
	if err != nil {
		return "", fmt.Errorf("no bundled scenario %q (bundled: %s)", name, strings.Join(List(), ", "))
	}
	return string(b), nil
}

// Load reads a scenario: a file path, or the name of a bundled scenario
// (see List). Every problem in the file, its bases and its data is reported
// at once, each as "file:line: key: message".
func Load(name string) (*Scenario, error) {
	l, err := open(name, nil)
	if err != nil {
		return nil, err
	}
	return checked(l)
}

// Read reads a scenario from r (at most 4 MiB), named shown in messages
// (e.g. "stdin"). Its extends and data files are paths relative to the
// working directory, or bundled scenarios.
func Read(r io.Reader, shown string) (*Scenario, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxScenarioBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	if len(b) > maxScenarioBytes {
		return nil, fmt.Errorf("%s: larger than the %d MiB a scenario may have", shown, maxScenarioBytes>>20)
	}
	l, err := decode(&source{name: shown, fsys: os.DirFS("."), text: string(b)}, nil)
	if err != nil {
		return nil, err
	}
	return checked(l)
}

// checked builds the scenario of l and checks that every sweep point, join
// set and mechanism applies.
func checked(l *loaded) (*Scenario, error) {
	l.file.Data = snapshotData(l.file.Data)
	sc, err := build(l)
	if err != nil {
		return nil, err
	}
	if len(sc.Sweep) > 0 {
		// Every point must load: report bad keys and values now, not in
		// the middle of a sweep.
		src := l.sources[0]
		for _, s := range l.sources {
			if s.md.IsDefined("sweep", "params") {
				src = s
				break
			}
		}
		for _, pt := range sc.checkedPoints() {
			at, err := sc.At(pt)
			if err == nil && len(at.Arms) != len(sc.Arms) {
				err = fmt.Errorf("%d arms instead of %d: a sweep cannot add or remove arms", len(at.Arms), len(sc.Arms))
			}
			if err != nil {
				var labels []string
				for i, v := range pt {
					if v != nil {
						labels = append(labels, sc.Sweep[i].Path+" = "+FormatValue(v))
					}
				}
				return nil, fmt.Errorf("%s:%d: sweep.params: at the point %s: %w", src.name, lineOf(src, []string{"sweep", "params"}), strings.Join(labels, ", "), err)
			}
		}
	}
	if sc.Plan != nil {
		// Every join set must apply.
		for j, set := range sc.Plan.Join {
			if _, err := sc.JoinScenario(j); err != nil {
				src := l.sources[0]
				return nil, fmt.Errorf("%s:%d: plan.join[%d].members: set %q: %w", src.name, nthTableLine(src, "plan.join", j), j, set.Name, err)
			}
		}
	}
	if len(sc.Mechanisms) > 0 {
		// Every mechanism's patch must apply.
		for _, m := range sc.Mechanisms {
			off, err := sc.Without(m)
			if err == nil && len(off.Arms) != len(sc.Arms) {
				err = fmt.Errorf("%d arms instead of %d: a mechanism cannot add or remove arms", len(off.Arms), len(sc.Arms))
			}
			if err != nil {
				src := l.sources[0]
				return nil, fmt.Errorf("%s:%d: decomposition.off.%s: %w", src.name, lineOf(src, []string{"decomposition", "off", m}), m, err)
			}
		}
	}
	return sc, nil
}

// isPatchValue reports whether key k lies inside a value of a sweep
// parameter or a decomposition patch (a table that sets several keys
// together, such as a case mix). Those keys are checked when the patch is
// applied, which Load does for every point and mechanism.
func isPatchValue(k toml.Key) bool {
	return len(k) > 3 && k[0] == "sweep" && k[1] == "params" ||
		len(k) > 4 && k[0] == "decomposition" && k[1] == "off"
}

// open resolves name (relative to the directory of the file that names
// it, if any) to a file on disk or a bundled scenario, and reads it with
// its bases. chain lists the files already opened, to catch cycles.
func open(name string, from *source) (*loaded, error) {
	var src *source
	var err error
	switch {
	case from != nil && from.fsys != Bundled && fileExists(from.fsys, name):
		src, err = read(from.fsys, name, path.Join(dirOf(from.name), name))
	case from != nil && from.fsys != Bundled && !filepath.IsAbs(name) && fileExistsOS(filepath.Join(filepath.Dir(from.name), name)):
		// A path that leaves the folder of the file naming it ("../x").
		p := filepath.Join(filepath.Dir(from.name), name)
		src, err = read(os.DirFS(filepath.Dir(p)), filepath.Base(p), p)
	case from != nil && from.fsys != Bundled && filepath.IsAbs(name) && fileExistsOS(name):
		src, err = read(os.DirFS(filepath.Dir(name)), filepath.Base(name), name)
	case from == nil && fileExistsOS(name):
		// A path as the user gave it, relative (also with "..") or
		// absolute.
		src, err = read(os.DirFS(filepath.Dir(name)), filepath.Base(name), name)
	case fileExists(Bundled, strings.TrimSuffix(name, ".toml")+".toml"):
		n := strings.TrimSuffix(name, ".toml") + ".toml"
		src, err = read(Bundled, n, "bundled:"+n)
	default:
		where := "no such file"
		if from != nil {
			where = fmt.Sprintf("no such file next to %s", from.name)
		}
		return nil, fmt.Errorf("scenario %q: %s and no bundled scenario of that name (bundled: %s)", name, where, strings.Join(List(), ", "))
	}
	if err != nil {
		return nil, err
	}
	return decode(src, from)
}

// decode parses src, extended by from (nil for the file loaded), and the
// files it extends.
func decode(src *source, from *source) (*loaded, error) {
	// A cycle or a chain too long, before reading on: each file of the
	// chain is opened once.
	src.extendedBy = from
	depth := 0
	for s := from; s != nil; s = s.extendedBy {
		depth++
		if s.name == src.name {
			return nil, extendsError{fmt.Errorf("%s:%d: extends: a cycle: %s", from.name, lineOf(from, []string{"extends"}), cycleText(src))}
		}
	}
	if depth > maxExtends {
		return nil, extendsError{fmt.Errorf("%s:%d: extends: more than %d files extend one another", from.name, lineOf(from, []string{"extends"}), maxExtends)}
	}
	if err := checkShape(src); err != nil {
		return nil, err
	}
	var f File
	md, err := toml.Decode(src.text, &f)
	if err != nil {
		return nil, decodeError(src, err)
	}
	src.md = md
	var errs []error
	unknown := map[string]bool{} // the unknown keys reported, as k.String()
	var firstOmitted toml.Key
	for _, k := range md.Undecoded() {
		if isPatchValue(k) {
			continue
		}
		// An unknown table once, not again for every key inside it: a
		// look at each shorter prefix, not at every key reported, so that
		// many unknown keys cost linear time.
		inside := false
		for n := 1; n < len(k) && !inside; n++ {
			inside = unknown[k[:n].String()]
		}
		if inside {
			continue
		}
		unknown[k.String()] = true
		if len(unknown) > maxUnknownKeys {
			if firstOmitted == nil {
				firstOmitted = k
			}
			continue // counted below
		}
		errs = append(errs, unknownKey(src, k))
	}
	if n := len(unknown) - maxUnknownKeys; n > 0 {
		errs = append(errs, fmt.Errorf("%s:%d: %s: and %d more unknown keys from here on (the first %d are listed)",
			src.name, lineOf(src, firstOmitted), firstOmitted, n, maxUnknownKeys))
	}
	errs = append(errs, inlineExtensions(src, md)...)
	var raw map[string]any
	if _, err := toml.Decode(src.text, &raw); err == nil {
		errs = append(errs, typeErrors(src, raw)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	setDataFS(&f, src)
	l := &loaded{file: f, sources: []*source{src}}
	if f.Extends == "" {
		return l, nil
	}
	base, err := open(f.Extends, src)
	if errors.As(err, new(extendsError)) {
		return nil, err // said at the file that closes the chain, once
	}
	if err != nil {
		return nil, fmt.Errorf("%s:%d: extends: %w", src.name, lineOf(src, []string{"extends"}), err)
	}
	merged := base.file
	overlay(&merged, &f, md)
	merged.Extends = ""
	return &loaded{file: merged, sources: append([]*source{src}, base.sources...)}, nil
}

// Limits on the files a scenario reads: far above any real scenario or
// data table, far below what would exhaust memory. maxUnknownKeys bounds
// the unknown keys listed one by one (each is looked up in the text).
const (
	maxUnknownKeys   = 20
	maxScenarioBytes = 4 << 20
	maxDataBytes     = 64 << 20
)

// readLimited reads the regular file name of fsys, refusing anything else
// (a FIFO would block, /dev/zero never end) and files over limit bytes.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%v)", st.Mode().Type())
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%d bytes: larger than the %d MiB a file may have", st.Size(), limit>>20)
	}
	return fs.ReadFile(fsys, name)
}

// maxExtends bounds a chain of files that extend one another.
const maxExtends = 8

// extendsError is a chain of extends that is a cycle or too long: it is
// reported at the file whose extends closes the cycle or makes the chain too long, not
// again by every file of the chain.
type extendsError struct{ error }

// cycleText names the files of a cycle of extends that src closes:
// "a.toml → b.toml → a.toml".
func cycleText(src *source) string {
	names := []string{src.name}
	for s := src.extendedBy; s != nil; s = s.extendedBy {
		names = append(names, s.name)
		if s.name == src.name {
			break
		}
	}
	slices.Reverse(names)
	return strings.Join(names, " → ")
}

func read(fsys fs.FS, name, shown string) (*source, error) {
	b, err := readLimited(fsys, name, maxScenarioBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	return &source{name: shown, fsys: fsys, text: string(b)}, nil
}

func fileExists(fsys fs.FS, name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}

func fileExistsOS(name string) bool {
	st, err := os.Stat(name)
	return err == nil && !st.IsDir()
}

func dirOf(shown string) string {
	if d, ok := strings.CutPrefix(shown, "bundled:"); ok {
		return path.Dir(d)
	}
	return path.Dir(filepath.ToSlash(shown))
}

// setDataFS records, for the data paths a file names, where they are.
func setDataFS(f *File, src *source) {
	if f.Data == nil {
		return
	}
	for _, p := range []*DataPath{f.Data.Communes, f.Data.Administrations} {
		if p != nil {
			p.fsys, p.from = src.fsys, src.name
		}
	}
}

// decodeError turns a TOML decoding error into "file:line: key: message".
func decodeError(src *source, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := strings.TrimPrefix(pe.Message, "toml: ")
		// The library quotes what it read with plain quotes, a line break
		// included ("not a hexadecimal number: '0x\n'"): one line per
		// problem, control characters escaped.
		msg = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, strings.ReplaceAll(msg, "\n", `\n`))
		if m := definedTwice.FindStringSubmatch(msg); m != nil {
			msg = fmt.Sprintf("%s is already defined above: a key or table is given once in a file, and a value has no keys below it", m[1])
		}
		if pe.LastKey != "" {
			return fmt.Errorf("%s:%d: %s: %s", src.name, pe.Position.Line, pe.LastKey, msg)
		}
		return fmt.Errorf("%s:%d: %s", src.name, pe.Position.Line, msg)
	}
	// A value of the wrong type (e.g. holidays = "no"): the decoder's
	// plain error "toml: line L (last key "K"): incompatible types: TOML
	// value has type X; destination has type Y".
	if m := typeError.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s:%s: %s: %s where %s is expected", src.name, m[1], m[2], goTypeWords(m[3]), goTypeWords(m[4]))
	}
	// A table expected, another value found (zsa = 5): "toml: line L
	// (last key "K"): type mismatch for T: expected table but found X".
	if m := tableError.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s:%s: %s: %s where a table is expected", src.name, m[1], m[2], goTypeWords(m[3]))
	}
	if m := anyLineError.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s:%s: %s: %s", src.name, m[1], m[2], m[3])
	}
	return fmt.Errorf("%s: %v", src.name, err)
}

// definedTwice matches the TOML library's message for a key or table
// given twice: "Key 'services.Hundehaltung' has already been defined.".
var definedTwice = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)

// goTypeWords says in words what a value of a Go type the TOML decoder
// names is.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "string" || t == "String":
		return "a string"
	case t == "bool" || t == "boolean":
		return "true or false"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map[") || strings.HasPrefix(t, "scenarios."):
		return "a table"
	}
	return t
}

// tableError and anyLineError match the TOML decoder's other errors that
// name a line and a key.
var (
	tableError   = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): type mismatch for [^:]+: expected table but found (.+)$`)
	anyLineError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.+)$`)
)

// typeError matches the TOML decoder's type mismatch: line, key, the
// value's type and the wanted type.
var typeError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): incompatible types: TOML value has type (.+); destination has type (.+)$`)

// hashOf returns the hex SHA-256 of the texts of a scenario's files and
// data, in a fixed order: what makes a run what it is.
func hashOf(l *loaded, data ...[]byte) string {
	h := sha256.New()
	for _, s := range l.sources {
		// The file's base name, not the path it was named by: the same
		// files named from another folder (zsa merge loads a shard's
		// scenario by its absolute path) are the same scenario.
		fmt.Fprintf(h, "%s\x00%s\x00", path.Base(filepath.ToSlash(s.name)), s.text)
	}
	for _, d := range data {
		h.Write(d)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
