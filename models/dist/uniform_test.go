package dist

import (
	"math"
	"testing"
)

// TestUMoments checks mean 1/2 and variance 1/12 of U over 10⁶ consecutive
// keys, and the lag-1 correlation of consecutive keys, each within 5
// standard errors: SE(mean) = √(1/12)/√n; SE(variance) = √(1/180)/√n
// (Var[(U − ½)²] = 1/80 − 1/144 = 1/180); SE(r₁) = 1/√n.
func TestUMoments(t *testing.T) {
	t.Parallel()
	const n = 1000000
	for _, seed := range []uint64{0, 1, 20260401} {
		var sum, sumSq, sumLag float64
		prev := 0.0
		for i := range uint64(n) {
			u := U(seed, i, 0)
			if !(u > 0 && u < 1) {
				t.Fatalf("seed %d: U(…, %d, 0) = %v, not in (0, 1)", seed, i, u)
			}
			c := u - 0.5
			sum += c
			sumSq += c * c
			if i > 0 {
				sumLag += c * prev
			}
			prev = c
		}
		mean := sum/n + 0.5
		variance := sumSq/n - (mean-0.5)*(mean-0.5)
		r1 := (sumLag / (n - 1)) / (1.0 / 12)
		if z := (mean - 0.5) / math.Sqrt(1.0/12/n); math.Abs(z) > 5 {
			t.Errorf("seed %d: mean %v, z = %.2f", seed, mean, z)
		}
		if z := (variance - 1.0/12) / math.Sqrt(1.0/180/n); math.Abs(z) > 5 {
			t.Errorf("seed %d: variance %v, want 1/12, z = %.2f", seed, variance, z)
		}
		if z := r1 * math.Sqrt(n); math.Abs(z) > 5 {
			t.Errorf("seed %d: lag-1 correlation %v, z = %.2f", seed, r1, z)
		}
	}
}

// TestUDiffers: changing any one word changes u; visits and seeds are not
// interchangeable with keys.
func TestUDiffers(t *testing.T) {
	t.Parallel()
	base := U(7, Key("intake"), 0)
	for _, c := range []struct {
		name string
		u    float64
	}{
		{"visit 1", U(7, Key("intake"), 1)},
		{"seed 8", U(8, Key("intake"), 0)},
		{"other key", U(7, Key("decision"), 0)},
		{"words swapped", U(Key("intake"), 7, 0)},
		{"seed as visit", U(0, Key("intake"), 7)},
	} {
		if c.u == base {
			t.Errorf("%s: U = %v, same as the base", c.name, c.u)
		}
	}
	if U(7, Key("intake"), 0) != base {
		t.Error("U is not a function of its inputs")
	}
	// Over many visits and seeds, no two values coincide (2⁵² cells).
	seen := map[float64]bool{}
	for s := range uint64(300) {
		for v := range uint64(300) {
			u := U(s, 1, v)
			if seen[u] {
				t.Fatalf("U(%d, 1, %d) = %v repeats an earlier value", s, v, u)
			}
			seen[u] = true
		}
	}
}

// TestUExtremes: the mapping of the hash to (0, 1) never gives 0 or 1; its
// extreme cells are 2⁻⁵³ and 1 − 2⁻⁵³, both exactly representable.
func TestUExtremes(t *testing.T) {
	t.Parallel()
	lo := (float64(uint64(0)>>12) + 0.5) * 0x1p-52
	hi := (float64(^uint64(0)>>12) + 0.5) * 0x1p-52
	if lo != 0x1p-53 || hi != 1-0x1p-53 || hi >= 1 {
		t.Errorf("extreme cells %v and %v, want 2⁻⁵³ and 1 − 2⁻⁵³", lo, hi)
	}
}

// TestUPinned pins the first values for fixed inputs: changing U changes
// every simulation's draws, so it must be deliberate.
func TestUPinned(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		seed, key, visit uint64
		want             float64
	}{
		{0, 0, 0, 0.13870941014555427},
		{1, 0, 0, 0.6935121390102293},
		{1, Key("intake"), 0, 0.8080203320039708},
		{1, Key("intake"), 1, 0.3426904049030387},
	} {
		if got := U(c.seed, c.key, c.visit); got != c.want {
			t.Errorf("U(%d, %d, %d) = %v, want %v", c.seed, c.key, c.visit, got, c.want)
		}
	}
	// FNV-1a 64 test vectors (draft-eastlake-fnv, appendix): "" and "a".
	if got := Key(""); got != 0xcbf29ce484222325 {
		t.Errorf(`Key("") = %#x, want 0xcbf29ce484222325`, got)
	}
	if got := Key("a"); got != 0xaf63dc4c8601ec8c {
		t.Errorf(`Key("a") = %#x, want 0xaf63dc4c8601ec8c`, got)
	}
}
