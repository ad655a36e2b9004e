package blockcodec

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// profile is a month of a large connection: a working-day shape around
// meanWh with noise of noiseWh, rounded to a multiple of stepWh.
func profile(n int, meanWh, noiseWh, stepWh int64, seed uint64) []int64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]int64, n)
	for i := range out {
		h := float64(i%96) / 4
		shape := 0.6 + 0.5*math.Max(0, math.Sin((h-6)/12*math.Pi))
		v := float64(meanWh)*shape + rng.NormFloat64()*float64(noiseWh)
		out[i] = int64(math.Round(v/float64(stepWh))) * stepWh
	}
	return out
}

func roundTrip(t *testing.T, b *Block) []byte {
	t.Helper()
	data := Encode(nil, b)
	got, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode(Encode(b)): %v", err)
	}
	if !Equal(got, b) {
		t.Fatalf("Decode(Encode(b)) = %+v, want %+v", got, b)
	}
	return data
}

func TestRoundTrip(t *testing.T) {
	n := 2976
	miss := make([]bool, n)
	miss[0], miss[17], miss[n-1] = true, true, true
	est := make([]bool, n)
	est[5] = true
	solar := make([]int64, n)
	for i := range solar {
		if h := i % 96; h > 30 && h < 70 {
			solar[i] = int64((h - 30) * (70 - h) * 10)
		}
	}
	for _, tc := range []struct {
		name string
		b    Block
	}{
		{"empty", Block{}},
		{"one", Block{Offtake: Channel{Wh: []int64{42}}}},
		{"negative", Block{Offtake: Channel{Wh: []int64{-5, 7, -9, 0, 0, 0}}}},
		{"extremes", Block{Offtake: Channel{Wh: []int64{-MaxAbsWh, MaxAbsWh, 0, -MaxAbsWh, 3}}}},
		{"dst short day", Block{Offtake: Channel{Wh: profile(92, 50000, 800, 1, 1)}}},
		{"dst long day", Block{Offtake: Channel{Wh: profile(100, 50000, 800, 1, 2)}}},
		{"missing and estimated", Block{Offtake: Channel{Wh: zeroAt(profile(n, 50000, 800, 1, 3), miss), Missing: miss}, Estimated: est}},
		{"feed-in", Block{Offtake: Channel{Wh: profile(n, 50000, 800, 1, 4)}, Feedin: &Channel{Wh: solar}}},
		{"dense flags", Block{Offtake: Channel{Wh: []int64{1, 0, 3, 0, 5, 0, 7, 0, 9, 0, 11}, Missing: []bool{false, true, false, true, false, true, false, true, false, true, false}}, Estimated: []bool{true, false, true, false, true, false, true, false, true, false, true}}},
		{"all missing", Block{Offtake: Channel{Wh: make([]int64, 9), Missing: []bool{true, true, true, true, true, true, true, true, true}}}},
	} {
		t.Run(tc.name, func(t *testing.T) { roundTrip(t, &tc.b) })
	}
}

func zeroAt(v []int64, miss []bool) []int64 {
	for i, m := range miss {
		if m {
			v[i] = 0
		}
	}
	return v
}

// TestSize guards the compactness the store's design (store/DESIGN.md)
// relies on: a month of a large connection in Wh fits in under 2 bytes per
// ISP, whole-kWh data in about one, an all-zero feed-in channel in a few.
func TestSize(t *testing.T) {
	n := 2976
	for _, tc := range []struct {
		name     string
		b        Block
		maxBytes int
	}{
		{"Wh, noise 300 Wh", Block{Offtake: Channel{Wh: profile(n, 60000, 300, 1, 7)}}, 2 * n},
		{"kWh steps", Block{Offtake: Channel{Wh: profile(n, 60000, 1000, 1000, 7)}}, n + n/4},
		{"zero feed-in", Block{Offtake: Channel{Wh: make([]int64, n)}, Feedin: &Channel{Wh: make([]int64, n)}}, 2*n/64 + 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := len(roundTrip(t, &tc.b)); got > tc.maxBytes {
				t.Errorf("len(Encode) = %d bytes, want ≤ %d", got, tc.maxBytes)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	good := Encode(nil, &Block{Offtake: Channel{Wh: []int64{1, 2, 3}}})
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrTruncated},
		{"version", []byte{9, 0, 0}, ErrVersion},
		{"truncated", good[:len(good)-1], ErrTruncated},
		{"trailing", append(append([]byte{}, good...), 0), ErrCorrupt},
		{"huge n", []byte{1, 0xff, 0xff, 0xff, 0x0f, 0}, ErrCorrupt},
		{"flags", []byte{1, 0, 0x80}, ErrCorrupt},
		{"zero scale", []byte{1, 1, 0, 0, 0, 2}, ErrCorrupt},
		{"runs short", []byte{1, 4, 2, 1, 2, 1, 1, 0, 1, 0}, ErrCorrupt},
		{"runs zero", []byte{1, 4, 2, 1, 3, 1, 0, 3, 0, 1, 0}, ErrCorrupt},
		{"bitmap mode", []byte{1, 4, 2, 7, 0}, ErrCorrupt},
		{"width", []byte{1, 1, 0, 0, 1, 64, 0, 0, 0, 0, 0, 0, 0, 0}, ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Decode(tc.data); !errors.Is(err, tc.want) {
				t.Errorf("Decode(%x) error = %v, want %v", tc.data, err, tc.want)
			}
		})
	}
}

// FuzzDecode: no input makes Decode panic, and whatever it accepts
// re-encodes to a block that decodes to the same values.
func FuzzDecode(f *testing.F) {
	f.Add(Encode(nil, &Block{Offtake: Channel{Wh: profile(96, 50000, 800, 1, 1)}}))
	f.Add(Encode(nil, &Block{Offtake: Channel{Wh: []int64{0, 0, 5}, Missing: []bool{true, false, false}}, Feedin: &Channel{Wh: []int64{1, 1, 1}}, Estimated: []bool{false, true, false}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Decode(data)
		if err != nil {
			return
		}
		again, err := Decode(Encode(nil, b))
		if err != nil {
			t.Fatalf("re-encoded block does not decode: %v", err)
		}
		if !Equal(again, b) {
			t.Fatalf("round trip changed the block: %+v → %+v", b, again)
		}
		// Decoding into a block that held other data gives the same.
		reused := dirtyBlock()
		if err := DecodeInto(reused, data); err != nil || !Equal(reused, b) {
			t.Fatalf("DecodeInto over old data: %v, %+v, want %+v", err, reused, b)
		}
	})
}

// dirtyBlock is a block with every slice and the feed-in channel set, to
// decode into.
func dirtyBlock() *Block {
	n := 200
	b := &Block{Offtake: Channel{Wh: profile(n, 900, 50, 1, 3), Missing: make([]bool, n)}, Feedin: &Channel{Wh: profile(n, 70, 5, 1, 4), Missing: make([]bool, n)}, Estimated: make([]bool, n)}
	for i := 0; i < n; i += 3 {
		b.Offtake.Missing[i], b.Feedin.Missing[i], b.Estimated[i] = true, true, true
	}
	return b
}

func TestDecodeIntoReuses(t *testing.T) {
	blocks := []*Block{
		{Offtake: Channel{Wh: profile(96, 50000, 800, 1, 1)}},
		{Offtake: Channel{Wh: []int64{0, 0, 5}, Missing: []bool{true, false, false}}, Feedin: &Channel{Wh: []int64{1, 1, 1}}, Estimated: []bool{false, true, false}},
		{Offtake: Channel{Wh: []int64{4, 8}}},
		dirtyBlock(),
		{Offtake: Channel{Wh: profile(2976, 60000, 300, 1000, 7)}, Feedin: &Channel{Wh: make([]int64, 2976)}},
	}
	into := dirtyBlock()
	for i, want := range blocks {
		if err := DecodeInto(into, Encode(nil, want)); err != nil {
			t.Fatalf("block %d: %v", i, err)
		}
		if !Equal(into, want) || (into.Feedin == nil) != (want.Feedin == nil) || (into.Estimated != nil) != anyTrue(want.Estimated) {
			t.Errorf("block %d: DecodeInto gave %+v, want %+v", i, into, want)
		}
	}
}

// FuzzRoundTrip: every block of int64 values survives Encode and Decode.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, uint8(3))
	f.Fuzz(func(t *testing.T, raw []byte, mask uint8) {
		n := len(raw) / 8
		b := &Block{Offtake: Channel{Wh: make([]int64, n), Missing: make([]bool, n)}, Estimated: make([]bool, n)}
		for i := range n {
			var v int64
			for k := range 8 {
				v = v<<8 | int64(raw[i*8+k])
			}
			b.Offtake.Missing[i] = mask>>(i%8)&1 == 1
			b.Estimated[i] = i%3 == int(mask%3)
			if !b.Offtake.Missing[i] {
				b.Offtake.Wh[i] = v >> 3 // within ±MaxAbsWh
			}
		}
		got, err := Decode(Encode(nil, b))
		if err != nil || !Equal(got, b) {
			t.Fatalf("round trip of %+v = %+v, %v", b, got, err)
		}
	})
}

func BenchmarkEncodeMonth(b *testing.B) {
	blk := &Block{Offtake: Channel{Wh: profile(2976, 60000, 300, 1, 7)}}
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		buf = Encode(buf[:0], blk)
	}
	b.ReportMetric(float64(b.N)*2976/b.Elapsed().Seconds(), "ISPs/s")
	b.ReportMetric(float64(len(buf))/2976, "bytes/ISP")
}

func BenchmarkDecodeMonth(b *testing.B) {
	data := Encode(nil, &Block{Offtake: Channel{Wh: profile(2976, 60000, 300, 1, 7)}})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*2976/b.Elapsed().Seconds(), "ISPs/s")
}
