package keychain

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func fixedSecret(secret string) func() ([]byte, error) {
	return func() ([]byte, error) { return []byte(secret), nil }
}

func newTestFile(t *testing.T) *File {
	t.Helper()
	return &File{
		Path:          filepath.Join(t.TempDir(), "config", "secrets.json"),
		MachineSecret: fixedSecret("machine-a"),
	}
}

func TestFileRoundTripAcrossInstances(t *testing.T) {
	first := newTestFile(t)
	if err := first.Set("oauth.refresh_token", "refresh-value-1"); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if err := first.Set("oauth.access_token", token3000); err != nil {
		t.Fatalf("Set of 3000 bytes: %v", err)
	}

	second := &File{Path: first.Path, MachineSecret: fixedSecret("machine-a")}
	if got, err := second.Get("oauth.refresh_token"); err != nil || got != "refresh-value-1" {
		t.Errorf("Get = %q, %v; want refresh-value-1", got, err)
	}
	if got, _ := second.Get("oauth.access_token"); got != token3000 {
		t.Errorf("Get returned %d bytes, want the 3000 that were set", len(got))
	}
	if _, err := second.Get("missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a missing key: %v, want ErrNotFound", err)
	}
}

func TestFileMissingIsNotFound(t *testing.T) {
	if _, err := newTestFile(t).Get("k"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get without a file: %v, want ErrNotFound", err)
	}
}

func TestFileIsEncryptedAndPrivate(t *testing.T) {
	f := newTestFile(t)
	const secret = "sbp_0123456789abcdef0123456789abcdef01234567"
	if err := f.Set("personal_access_token", secret); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, plain := range []string{secret, "personal_access_token", "0123456789abcdef"} {
		if strings.Contains(string(data), plain) {
			t.Errorf("file contains %q in plain text", plain)
		}
	}
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("file mode = %o, want 600", mode)
	}
	dir, err := os.Stat(filepath.Dir(f.Path))
	if err != nil {
		t.Fatal(err)
	}
	if mode := dir.Mode().Perm(); mode != 0o700 {
		t.Errorf("directory mode = %o, want 700", mode)
	}
}

func TestFileFromAnotherMachineIsUnavailable(t *testing.T) {
	f := newTestFile(t)
	if err := f.Set("k", "v"); err != nil {
		t.Fatal(err)
	}

	other := &File{Path: f.Path, MachineSecret: fixedSecret("machine-b")}
	_, err := other.Get("k")
	if !errors.Is(err, ErrUnavailable) {
		t.Errorf("Get on another machine: %v, want ErrUnavailable", err)
	}
	if errors.Is(err, ErrNotFound) {
		t.Errorf("Get on another machine matches ErrNotFound, which would let a sign-in overwrite the file: %v", err)
	}
	if err := other.Set("k", "overwritten"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Set on another machine: %v, want ErrUnavailable", err)
	}
	if got, _ := f.Get("k"); got != "v" {
		t.Errorf("value after the failed Set = %q, want v kept", got)
	}
}

func TestFileDamagedIsUnavailable(t *testing.T) {
	for name, content := range map[string]string{
		"not json":      "{",
		"other version": `{"version":2}`,
		"bad cipher":    `{"version":1,"salt":"AAAA","nonce":"AAAAAAAAAAAAAAAA","ciphertext":"AAAA"}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := newTestFile(t)
			if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f.Path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := f.Get("k"); !errors.Is(err, ErrUnavailable) {
				t.Errorf("Get: %v, want ErrUnavailable", err)
			}
		})
	}
}

func TestFileWithoutMachineSecretRefuses(t *testing.T) {
	f := newTestFile(t)
	f.MachineSecret = func() ([]byte, error) { return nil, errors.New("no machine id") }
	if err := f.Set("k", "v"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Set without a machine secret: %v, want ErrUnavailable", err)
	}
	if _, err := os.Stat(f.Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("file written without a key: %v", err)
	}
}

func TestFileDeleteLastValueRemovesFile(t *testing.T) {
	f := newTestFile(t)
	for _, key := range []string{"a", "b"} {
		if err := f.Set(key, "v"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := f.Delete("b"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("file still exists after its last value was deleted: %v", err)
	}
	if err := f.Delete("b"); err != nil {
		t.Errorf("Delete of a missing key: %v, want nil", err)
	}
}

func TestMachineIDOnThisMachine(t *testing.T) {
	id, err := MachineID()
	if err != nil {
		t.Skipf("no machine ID on this machine: %v", err)
	}
	if len(id) == 0 {
		t.Error("MachineID returned an empty ID without an error")
	}
	again, _ := MachineID()
	if string(again) != string(id) {
		t.Error("MachineID changed between two calls")
	}
}
