package dist

import "testing"

// BenchmarkQuantile measures Quantile through the Dist interface at
// uniform numbers from U, one sub-benchmark per distribution.
func BenchmarkQuantile(b *testing.B) {
	var us [1024]float64
	for i := range us {
		us[i] = U(1, uint64(i), 0)
	}
	for _, c := range testDists() {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			d := c.d
			var sum float64
			i := 0
			for b.Loop() {
				sum += d.Quantile(us[i&1023])
				i++
			}
			if sum < 0 {
				b.Fatal("negative sum")
			}
		})
	}
}

// BenchmarkU measures the counter-based uniform.
func BenchmarkU(b *testing.B) {
	b.ReportAllocs()
	var sum float64
	var i uint64
	for b.Loop() {
		sum += U(1, i, 0)
		i++
	}
	if sum < 0 {
		b.Fatal("negative sum")
	}
}

// BenchmarkGammaMeanCV measures building the gamma quantile table.
func BenchmarkGammaMeanCV(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GammaMeanCV(120, 0.5); err != nil {
			b.Fatal(err)
		}
	}
}
