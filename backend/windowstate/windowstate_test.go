package windowstate

import (
	"os"
	"path/filepath"
	"testing"
)

var fallback = State{Width: 1024, Height: 720}

func TestSaveThenLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "window.json")
	want := State{Width: 1200, Height: 800, X: 40, Y: 60, Positioned: true}
	if err := Save(path, want); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if got := Load(path, fallback); got != want {
		t.Errorf("Load = %+v, want %+v", got, want)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("file mode = %o, want 600", perm)
	}
}

func TestLoadFallsBack(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"missing": "",
		"broken":  "{not json",
		"tiny":    `{"width":10,"height":10}`,
		"huge":    `{"width":99999,"height":800}`,
		"far":     `{"width":800,"height":800,"x":50000,"y":0,"positioned":true}`,
	}
	for name, content := range cases {
		path := filepath.Join(dir, name+".json")
		if content != "" {
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if got := Load(path, fallback); got != fallback {
			t.Errorf("%s: Load = %+v, want the fallback", name, got)
		}
	}
}

func TestSaveRejectsInvalidSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "window.json")
	if err := Save(path, State{Width: 100, Height: 100}); err == nil {
		t.Error("Save accepted a 100x100 window")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("file written for an invalid state: %v", err)
	}
}
