package scenarios

import "testing"

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
