package projects

import (
	"slices"
	"time"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// Defaults of WaitOptions.
const (
	DefaultReadyTimeout    = 10 * time.Minute
	DefaultPollInterval    = 2 * time.Second
	DefaultMaxPollInterval = 15 * time.Second
)

// DefaultReadyServices are the services that must be healthy before a
// project counts as ready: the database, Auth and the REST API, which
// every app built on Supabase uses.
var DefaultReadyServices = []string{supabase.ServiceDB, supabase.ServiceAuth, supabase.ServiceREST}

// WaitOptions configures WaitUntilReady. Zero fields take the defaults.
type WaitOptions struct {
	// Timeout bounds the whole wait. DefaultReadyTimeout when zero. New
	// projects usually take one to three minutes.
	Timeout time.Duration

	// PollInterval is the first pause between two polls. It doubles after
	// each poll up to MaxPollInterval.
	PollInterval    time.Duration
	MaxPollInterval time.Duration

	// Services are the services whose health is checked.
	Services []string
}

func (o WaitOptions) withDefaults() WaitOptions {
	if o.Timeout <= 0 {
		o.Timeout = DefaultReadyTimeout
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.MaxPollInterval < o.PollInterval {
		o.MaxPollInterval = max(DefaultMaxPollInterval, o.PollInterval)
	}
	if len(o.Services) == 0 {
		o.Services = DefaultReadyServices
	}
	o.Services = slices.Clone(o.Services)
	return o
}

// Stage is how far a new project has come.
type Stage string

// Stages of WaitUntilReady, in order.
const (
	// StageStarting means the project is being set up (COMING_UP and
	// similar statuses).
	StageStarting Stage = "starting"

	// StageServices means the project is up but some of its services are
	// not healthy yet.
	StageServices Stage = "services"

	// StageReady means the project and all checked services are healthy.
	StageReady Stage = "ready"

	// StageFailed means the project reached a status from which it will
	// not become ready, or the API returned an error that waiting does
	// not fix.
	StageFailed Stage = "failed"

	// StageTimedOut means the time limit passed first.
	StageTimedOut Stage = "timed_out"
)

// Progress is one report of WaitUntilReady.
type Progress struct {
	Ref   string `json:"ref"`
	Stage Stage  `json:"stage"`

	// Status is the last project status that the API returned, such as
	// COMING_UP, or empty before the first response.
	Status string `json:"status"`

	// Services is the last health of the checked services. It is empty
	// until the API reports health.
	Services []supabase.ServiceHealth `json:"services"`

	// ElapsedMillis is the time since the wait began, in milliseconds.
	ElapsedMillis int64 `json:"elapsedMillis"`

	// Attempt counts the polls, starting at 1.
	Attempt int `json:"attempt"`

	// RetryError is the text of the error of this poll, when waiting
	// continues despite it, such as a network error or a 503.
	RetryError string `json:"retryError,omitempty"`
}
