package uftp

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/uftp/uftptest"
)

func xmllint(t *testing.T, version string, files []string) map[string]string {
	t.Helper()
	return uftptest.Xmllint(t, version, files)
}

// TestEmittedMessagesValidateAgainstXSD: every message type gridflex
// emits, in both versions, passes Validate, round-trips, and validates
// against the official XSD with xmllint; so does a SignedMessage.
func TestEmittedMessagesValidateAgainstXSD(t *testing.T) {
	for _, version := range []string{V300, V310} {
		t.Run(version, func(t *testing.T) {
			docs := map[string][]byte{}
			for i, m := range samples(version) {
				if err := Validate(m); err != nil {
					t.Errorf("Validate(%s) = %v", m.Name(), err)
				}
				data := mustEncode(t, m)
				back, err := Decode(data)
				if err != nil {
					t.Fatalf("Decode(Encode(%s)) = %v\n%s", m.Name(), err, data)
				}
				if again := mustEncode(t, back); !bytes.Equal(again, data) {
					t.Errorf("%s does not round-trip:\n%s\n%s", m.Name(), data, again)
				}
				docs[fmt.Sprintf("%02d-%s", i, m.Name())] = data
			}
			env, err := Sign(docs["00-FlexRequest"], "dso.example.nl", RoleDSO, ed25519.NewKeyFromSeed(make([]byte, 32))).Encode()
			if err != nil {
				t.Fatal(err)
			}
			docs["SignedMessage"] = env
			uftptest.Valid(t, version, docs)
		})
	}
}

// TestVersionDifferences: the 3.1.0 additions (unsolicited offers and
// orders, FlexOrder.ServiceType) are refused by the 3.0.0 XSD and by
// Validate alike when the message says Version="3.0.0".
func TestVersionDifferences(t *testing.T) {
	all := samples(V310)
	extra := all[len(all)-2:]
	dir := t.TempDir()
	var files []string
	for i, m := range extra {
		m.Head().Version = V300
		if err := Validate(m); err == nil || !strings.Contains(err.Error(), "not part of UFTP 3.0.0") {
			t.Errorf("Validate(3.0.0 %s with 3.1.0 attributes) = %v", m.Name(), err)
		}
		data, _ := Encode(m)
		f := filepath.Join(dir, fmt.Sprintf("%d-%s.xml", i, m.Name()))
		os.WriteFile(f, data, 0o644)
		files = append(files, f)
	}
	for f, complaint := range xmllint(t, V300, files) {
		if complaint == "" {
			t.Errorf("xsd-3.0.0 accepts %s", filepath.Base(f))
		}
	}
}

// TestFixtureLabelsAgreeWithXmllint: the peer suite's labels are the XSD's
// verdicts (positive fixtures validate, version-less ones do not), so our
// pass/fail per fixture is the schema's.
func TestFixtureLabelsAgreeWithXmllint(t *testing.T) {
	pos := append(specFiles(t, "java-3.0.0"), filepath.Join(specDir(t), "samples", "handmade", "FlexSettlement-valid.xml"))
	neg := append(specFiles(t, "java-3.0.0-noversion"),
		filepath.Join(specDir(t), "samples", "handmade", "FlexSettlement-invalid-noResult.xml"),
		filepath.Join(specDir(t), "samples", "handmade", "FlexSettlement-invalid-noContractSettlement.xml"))
	for _, version := range []string{V300, V310} {
		res := xmllint(t, version, append(pos, neg...))
		for _, f := range pos {
			if res[f] != "" {
				t.Errorf("xsd-%s rejects positive fixture %s: %s", version, filepath.Base(f), res[f])
			}
		}
		for _, f := range neg {
			if res[f] == "" {
				t.Errorf("xsd-%s accepts negative fixture %s", version, filepath.Base(f))
			}
		}
	}
}
