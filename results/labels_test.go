package results

import "testing"

func TestKeyLabel(t *testing.T) {
	for path, want := range map[string]string{
		"arms.zsa.zsa.clerks.Hundehaltung":                 "ZSA clerks, Hundehaltung",
		"arms.zsa.zsa.prior":                               "ZSA prior experience (items)",
		"arms.zsa.services.Wohngeld.it_savings.entry":      "Wohngeld: IT factor of entry",
		"arms.zsa.services.Wohngeld.process_savings.check": "Wohngeld: process factor of check",
		"arms.zsa.services.Wohngeld.hand_over":             "Wohngeld: hand-over time",
		"services.Wohngeld.learning.rate":                  "Wohngeld: learning rate",
		"services.Hundehaltung.per_thousand":               "Hundehaltung: cases per 1,000 inhabitants",
		"services.Hundehaltung.types: Anmeldung.share, …":  "Hundehaltung: case mix",
		"services.Hundehaltung.types.Anmeldung.share":      "Hundehaltung: share of Anmeldung",
		"staffing.Wohngeld.utilisation":                    "Wohngeld: local staffing target utilisation",
		"services.Wohngeld.learning.unknown":               "services.Wohngeld.learning.unknown",
		"horizon":                                          "horizon",
	} {
		if got := KeyLabel(path); got != want {
			t.Errorf("KeyLabel(%q) = %q, want %q", path, got, want)
		}
	}
}
