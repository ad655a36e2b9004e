package uftp

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: Decode never panics; whatever it accepts decodeStd (the same
// refusals over encoding/xml) accepts too, with the same result — the
// scanner may only be stricter, as where encoding/xml lets attributes run
// together without white space, which XML forbids; and
// whatever it accepts and Validate passes encodes to XML that decodes to
// the same message again.
func FuzzDecode(f *testing.F) {
	for _, m := range append(samples(V300), samples(V310)...) {
		f.Add(mustEncode(f, m))
	}
	dir := filepath.Join("..", "..", "shared", "spec", "uftp", "samples")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if sm, err := DecodeSigned(data); err == nil {
			_ = sm.Validate()
		}
		m, err := Decode(data)
		ref, refErr := decodeStd(data)
		if err != nil {
			return
		}
		if refErr != nil {
			t.Fatalf("Decode accepts what encoding/xml refuses: %v", refErr)
		}
		a, errA := Encode(m)
		b, errB := Encode(ref)
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Fatalf("Decode and encoding/xml differ:\n%s\n%s", a, b)
		}
		if Validate(m) != nil {
			return
		}
		out, err := Encode(m)
		if err != nil {
			t.Fatalf("Encode of an accepted message: %v", err)
		}
		back, err := Decode(out)
		if err != nil {
			t.Fatalf("Decode(Encode) = %v\n%s", err, out)
		}
		again, _ := Encode(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("round trip changed the message:\n%s\n%s", out, again)
		}
	})
}

// dayRequest is a FlexRequest with one element per ISP of a 96-ISP day, the
// shape GOPACS sends.
func dayRequest() *FlexRequest {
	m := samples(V300)[0].(*FlexRequest)
	m.ISPs = m.ISPs[:0]
	for i := 1; i <= 96; i++ {
		isp := FlexRequestISP{Disposition: Available, Start: i, Duration: 1}
		if i >= 69 && i < 77 {
			isp = FlexRequestISP{Disposition: Requested, MinPower: -300000, MaxPower: -300000, Start: i, Duration: 1}
		}
		m.ISPs = append(m.ISPs, isp)
	}
	return m
}

// BenchmarkSignVerifyValidate is the receive path of one message plus the
// signing of one: Seal, Open (Ed25519 verify), Decode and Validate of a
// 96-ISP FlexRequest. Target: ≥ 5,000 messages/s on one core.
func BenchmarkSignVerifyValidate(b *testing.B) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	pub := key.Public().(ed25519.PublicKey)
	payload := mustEncode(b, dayRequest())
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		body := Seal(payload, key)
		got, err := Open(body, pub)
		if err != nil {
			b.Fatal(err)
		}
		m, err := Decode(got)
		if err != nil {
			b.Fatal(err)
		}
		if err := Validate(m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}

// BenchmarkDecodeValidate isolates the XML part of the receive path.
func BenchmarkDecodeValidate(b *testing.B) {
	payload := mustEncode(b, dayRequest())
	b.ReportAllocs()
	for b.Loop() {
		m, err := Decode(payload)
		if err != nil {
			b.Fatal(err)
		}
		if err := Validate(m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}
