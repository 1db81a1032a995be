package scenarios

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBundledScenariosLoad(t *testing.T) {
	for _, name := range List() {
		sc, err := Load(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if sc.Name == "" || len(sc.Arms) < 1 || sc.Hash == "" {
			t.Errorf("%s: incomplete scenario %+v", name, sc)
		}
	}
}

func TestExtendsAcrossFolders(t *testing.T) {
	t.Parallel()
	// A base in a sibling folder, named with "..", from the command line
	// and from extends.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.MkdirAll(filepath.Join(dir, "b"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "base.toml"), []byte("extends = \"sachsen-anhalt\"\nname = \"base\"\nreplications = 3\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b", "child.toml"), []byte("extends = \"../a/base.toml\"\nname = \"child\"\n"), 0o644)
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, filepath.Join(dir, "b", "child.toml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Load(rel) // a relative path with ".." in it
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "child" || sc.Replications != 3 {
		t.Errorf("loaded %q with %d replications, want child with the base's 3", sc.Name, sc.Replications)
	}
}
