package testenv

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestClockSleepAdvances(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := NewClock(start)
	if err := c.Sleep(context.Background(), 2*time.Second); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	if got := c.Now().Sub(start); got != time.Minute+2*time.Second {
		t.Errorf("clock moved %s, want 1m2s", got)
	}
	if got := fmt.Sprint(c.Sleeps()); got != "[2s]" {
		t.Errorf("Sleeps() = %s, want [2s]", got)
	}
}

func TestClockSleepHonoursContext(t *testing.T) {
	c := NewClock(time.Unix(0, 0))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Sleep(ctx, time.Second); err == nil {
		t.Error("Sleep on an ended context returned nil")
	}
	if len(c.Sleeps()) != 0 {
		t.Errorf("Sleeps() = %v after a refused sleep, want none", c.Sleeps())
	}
}
