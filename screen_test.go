package main

import (
	"context"
	"testing"
)

func TestScreenScopeLeaveCancelsReads(t *testing.T) {
	var scope screenScope
	base, cancelApp := context.WithCancel(context.Background())
	defer cancelApp()
	scope.start(base)

	first := scope.current()
	scope.leave()
	if first.Err() == nil {
		t.Error("leaving the screen did not cancel its context")
	}
	second := scope.current()
	if second.Err() != nil {
		t.Errorf("the next screen's context is already done: %v", second.Err())
	}

	cancelApp()
	if second.Err() == nil {
		t.Error("closing the app did not cancel the screen's context")
	}
}

func TestScreenScopeBeforeStart(t *testing.T) {
	var scope screenScope
	scope.leave()
	if scope.current() == nil {
		t.Fatal("current() = nil before start")
	}
}
