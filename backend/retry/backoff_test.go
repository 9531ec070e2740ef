package retry

import (
	"testing"
	"time"
)

func TestBackoffDoublesAndCaps(t *testing.T) {
	cases := []struct {
		attempt int
		jitter  float64
		want    time.Duration
	}{
		{1, 0, 250 * time.Millisecond},
		{1, 0.999999, 500 * time.Millisecond},
		{2, 0, 500 * time.Millisecond},
		{3, 0, time.Second},
		{5, 0, 4 * time.Second},
		{9, 0, 4 * time.Second},
		{50, 0.5, 6 * time.Second},
	}
	for _, c := range cases {
		got := Backoff(c.attempt, 500*time.Millisecond, 8*time.Second, c.jitter)
		if got.Round(time.Millisecond) != c.want {
			t.Errorf("Backoff(%d, jitter %v) = %s, want %s", c.attempt, c.jitter, got, c.want)
		}
	}
}
