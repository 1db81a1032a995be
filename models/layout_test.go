package models

import (
	"testing"
	"unsafe"
)

// TestCaseLayout pins the cache-line layout of a case (see kase): 192
// bytes, whose first two lines hold every field a work item touches.
// Adding a field means deciding where it goes, not just appending it.
func TestCaseLayout(t *testing.T) {
	var k kase
	if s := unsafe.Sizeof(k); s != 192 {
		t.Errorf("a case takes %d bytes, want 192 (three cache lines; adjust its padding)", s)
	}
	hot := []struct {
		name string
		end  uintptr
	}{
		{"e", unsafe.Offsetof(k.e) + unsafe.Sizeof(k.e)},
		{"touch", unsafe.Offsetof(k.touch) + unsafe.Sizeof(k.touch)},
		{"errStep", unsafe.Offsetof(k.errStep) + unsafe.Sizeof(k.errStep)},
		{"ev", unsafe.Offsetof(k.ev) + unsafe.Sizeof(k.ev)},
		{"vis", unsafe.Offsetof(k.vis) + unsafe.Sizeof(k.vis)},
	}
	for _, f := range hot {
		if f.end > 128 {
			t.Errorf("hot field %s ends at byte %d, beyond the first two cache lines", f.name, f.end)
		}
	}
}
