package main

import (
	"context"
	"sync"
)

// screenScope hands out the context of the screen the user is on. Reads
// made for a screen use it, so leaving the screen cancels them; requests
// that change something use the app's context and finish anyway.
type screenScope struct {
	mu     sync.Mutex
	base   context.Context
	ctx    context.Context
	cancel context.CancelFunc
}

// start sets the app's context, which ends when the window closes.
func (s *screenScope) start(base context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.base = base
	s.ctx, s.cancel = context.WithCancel(base)
}

// current returns the context of the current screen.
func (s *screenScope) current() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.ctx == nil {
		return context.Background()
	}
	return s.ctx
}

// leave cancels the reads of the screen the user left.
func (s *screenScope) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.cancel == nil {
		return
	}
	s.cancel()
	s.ctx, s.cancel = context.WithCancel(s.base)
}
