package keychain

import (
	"errors"
	"strings"
	"testing"
)

// token3000 is a 3000-byte value, larger than one Windows entry.
var token3000 = strings.Repeat("abcdefghij", 300)

func TestChunkedRoundTripUnderPlatformLimits(t *testing.T) {
	limits := map[string]int{
		"windows": MaxValueSize("windows", "Supaconnect", "oauth.access_token"),
		"darwin":  MaxValueSize("darwin", "Supaconnect", "oauth.access_token"),
	}
	for platform, limit := range limits {
		t.Run(platform, func(t *testing.T) {
			mem := &Memory{MaxValueSize: limit}
			if err := mem.Set("k", token3000); !errors.Is(err, ErrTooLarge) {
				t.Fatalf("plain Set of 3000 bytes with limit %d: %v, want ErrTooLarge", limit, err)
			}

			store := &Chunked{Store: mem}
			if err := store.Set("k", token3000); err != nil {
				t.Fatalf("Chunked Set: %v", err)
			}
			got, err := store.Get("k")
			if err != nil {
				t.Fatalf("Chunked Get: %v", err)
			}
			if got != token3000 {
				t.Errorf("Get returned %d bytes, want the 3000 that were set", len(got))
			}
		})
	}
}

func TestChunkedShrinkDeletesOldParts(t *testing.T) {
	mem := &Memory{MaxValueSize: 2560}
	store := &Chunked{Store: mem}
	if err := store.Set("k", token3000+token3000); err != nil {
		t.Fatal(err)
	}
	if err := store.Set("k", "short"); err != nil {
		t.Fatal(err)
	}
	if got, _ := store.Get("k"); got != "short" {
		t.Errorf("Get = %q, want short", got)
	}
	if n := mem.Len(); n != 1 {
		t.Errorf("%d entries left, want 1", n)
	}
}

func TestChunkedDeleteRemovesParts(t *testing.T) {
	mem := &Memory{}
	store := &Chunked{Store: mem, ChunkSize: 500}
	if err := store.Set("k", token3000); err != nil {
		t.Fatal(err)
	}
	if err := store.Delete("k"); err != nil {
		t.Fatal(err)
	}
	if n := mem.Len(); n != 0 {
		t.Errorf("%d entries left after Delete, want 0", n)
	}
	if _, err := store.Get("k"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
}

func TestChunkedValueLookingLikeHeader(t *testing.T) {
	store := &Chunked{Store: &Memory{}}
	value := chunkHeader + "3"
	if err := store.Set("k", value); err != nil {
		t.Fatal(err)
	}
	if got, err := store.Get("k"); err != nil || got != value {
		t.Errorf("Get = %q, %v; want %q", got, err, value)
	}
}

func TestChunkedRejectsHugeValue(t *testing.T) {
	store := &Chunked{Store: &Memory{}, ChunkSize: 10}
	err := store.Set("k", strings.Repeat("x", 10*maxChunks+1))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("Set: %v, want ErrTooLarge", err)
	}
}

func TestChunkedMissingPartIsAnError(t *testing.T) {
	mem := &Memory{}
	store := &Chunked{Store: mem, ChunkSize: 1000}
	if err := store.Set("k", token3000); err != nil {
		t.Fatal(err)
	}
	_ = mem.Delete("k#2")
	if _, err := store.Get("k"); err == nil {
		t.Error("Get with a missing part succeeded")
	}
}

func TestMaxValueSize(t *testing.T) {
	if got := MaxValueSize("windows", "s", "k"); got != 2560 {
		t.Errorf("windows limit = %d, want 2560", got)
	}
	darwin := MaxValueSize("darwin", "Supaconnect", "oauth.refresh_token")
	if darwin < 2800 || darwin > 3000 {
		t.Errorf("darwin limit = %d, want about 3000", darwin)
	}
	if DefaultChunkSize > darwin || DefaultChunkSize > 2560 {
		t.Errorf("DefaultChunkSize %d exceeds a platform limit", DefaultChunkSize)
	}
}
