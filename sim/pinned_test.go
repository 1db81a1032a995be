package sim

// pinned holds the first three Uint64 draws of the streams listed in
// TestStreamFirstDrawsArePinned, recorded when the stream derivation was
// written (NewSource: SplitMix64-mixed PCG-DXSM state; StreamID: FNV-1a).
var pinned = [4][3]uint64{
	{0xe7c3e6247c90f3c9, 0x3eaf6d2f2d4cea72, 0xef5a263d925b6cb9},
	{0x343fce0c4b75775a, 0x125999e4e946780f, 0x4a945b8787291146},
	{0x4fd1308c718db414, 0x1a8ce5bde67a0645, 0x78703ff16ea16d2c},
	{0x657efc60c9bbdea9, 0x1c38626475df7c77, 0xf96297b66422090a},
}
