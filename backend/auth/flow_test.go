package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// tokenServer is a fake token endpoint that records the last request.
type tokenServer struct {
	*httptest.Server
	status int
	body   string

	mu       sync.Mutex
	form     url.Values
	user     string
	password string
	basic    bool
	ctype    string
}

func newTokenServer(t *testing.T, status int, body string) *tokenServer {
	ts := &tokenServer{status: status, body: body}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/oauth/token" {
			http.NotFound(w, r)
			return
		}
		_ = r.ParseForm()
		ts.mu.Lock()
		ts.form = r.PostForm
		ts.user, ts.password, ts.basic = r.BasicAuth()
		ts.ctype = r.Header.Get("Content-Type")
		ts.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(ts.status)
		_, _ = w.Write([]byte(ts.body))
	}))
	t.Cleanup(ts.Close)
	return ts
}

// recordingOpener replaces the browser: it stores the URL it was
// asked to open and returns err.
type recordingOpener struct {
	mu   sync.Mutex
	urls []string
	err  error
}

func (o *recordingOpener) open(_ context.Context, link string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.urls = append(o.urls, link)
	return o.err
}

const tokenBody = `{"access_token":"sbp_oauth_0123456789abcdef0123456789abcdef01234567",` +
	`"refresh_token":"refresh-1","expires_in":3600,"token_type":"Bearer"}`

func newFlow(ts *tokenServer, opener *recordingOpener) *Flow {
	return &Flow{
		ClientID:     "client-id",
		ClientSecret: "client-secret",
		APIBaseURL:   ts.URL,
		Ports:        []int{0},
		Open:         opener.open,
		Timeout:      5 * time.Second,
	}
}

// follow acts as the browser after consent: it calls the redirect URI with
// a code and the state from the authorize URL. It runs in its own
// goroutine, so it reports failures with t.Errorf.
func follow(t *testing.T, authorizeURL, code string) {
	u, err := url.Parse(authorizeURL)
	if err != nil {
		t.Errorf("parsing the authorize URL: %v", err)
		return
	}
	q := u.Query()
	callback := q.Get("redirect_uri") + "?code=" + url.QueryEscape(code) + "&state=" + url.QueryEscape(q.Get("state"))
	resp, err := http.Get(callback)
	if err != nil {
		t.Errorf("callback: %v", err)
		return
	}
	resp.Body.Close()
}

func TestFlowExchangesCodeWithPKCE(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusCreated} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			ts := newTokenServer(t, status, tokenBody)
			opener := &recordingOpener{}
			attempt, err := newFlow(ts, opener).Begin(context.Background(), "")
			if err != nil {
				t.Fatalf("Begin: %v", err)
			}
			if len(opener.urls) != 1 || opener.urls[0] != attempt.URL {
				t.Fatalf("opener got %v, want [%s]", opener.urls, attempt.URL)
			}
			go follow(t, attempt.URL, "code-1")

			tok, err := attempt.Wait(context.Background())
			if err != nil {
				t.Fatalf("Wait: %v", err)
			}
			if tok.RefreshToken != "refresh-1" {
				t.Errorf("refresh token = %q, want refresh-1", tok.RefreshToken)
			}
			if until := time.Until(tok.Expiry); until < 59*time.Minute || until > 61*time.Minute {
				t.Errorf("expiry in %s, want about 1h", until)
			}

			ts.mu.Lock()
			defer ts.mu.Unlock()
			if !ts.basic || ts.user != "client-id" || ts.password != "client-secret" {
				t.Errorf("Basic auth = %v %q %q, want client-id:client-secret", ts.basic, ts.user, ts.password)
			}
			if ts.form.Has("client_secret") {
				t.Error("client_secret sent in the form as well as the header")
			}
			if !strings.HasPrefix(ts.ctype, "application/x-www-form-urlencoded") {
				t.Errorf("Content-Type = %q, want form-encoded", ts.ctype)
			}
			authorize, _ := url.Parse(attempt.URL)
			wantChallenge := authorize.Query().Get("code_challenge")
			if got := oauth2.S256ChallengeFromVerifier(ts.form.Get("code_verifier")); got != wantChallenge {
				t.Errorf("S256(code_verifier) = %q, want challenge %q", got, wantChallenge)
			}
			if ts.form.Get("redirect_uri") != attempt.RedirectURI() {
				t.Errorf("redirect_uri = %q, want %q", ts.form.Get("redirect_uri"), attempt.RedirectURI())
			}
			if ts.form.Get("grant_type") != "authorization_code" || ts.form.Get("code") != "code-1" {
				t.Errorf("form = %v, want grant_type=authorization_code and code=code-1", ts.form)
			}
		})
	}
}

func TestFlowTokenErrorKeepsFieldsOnly(t *testing.T) {
	ts := newTokenServer(t, http.StatusBadRequest,
		`{"error":"invalid_grant","error_description":"code expired","access_token":"leaked-value"}`)
	attempt, err := newFlow(ts, &recordingOpener{}).Begin(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	go follow(t, attempt.URL, "code-1")

	_, err = attempt.Wait(context.Background())
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("Wait error = %v, want *TokenError", err)
	}
	if te.Status != 400 || te.Code != "invalid_grant" || te.Description != "code expired" {
		t.Errorf("TokenError = %+v, want 400 invalid_grant \"code expired\"", te)
	}
	if strings.Contains(err.Error(), "leaked-value") {
		t.Errorf("error %q contains the response body", err)
	}
}

func TestFlowTokenErrorWithSupabaseMessage(t *testing.T) {
	ts := newTokenServer(t, http.StatusNotFound, `{"message":"Refresh token not found"}`)
	err := TokenErrorFrom(fetchError(t, ts))
	var te *TokenError
	if !errors.As(err, &te) || te.Status != 404 || te.Description != "Refresh token not found" {
		t.Errorf("TokenErrorFrom = %#v, want status 404 with the message", err)
	}
}

func fetchError(t *testing.T, ts *tokenServer) error {
	config := &oauth2.Config{ClientID: "c", ClientSecret: "s", Endpoint: Endpoint(ts.URL)}
	_, err := config.TokenSource(context.Background(), &oauth2.Token{RefreshToken: "r"}).Token()
	if err == nil {
		t.Fatal("refresh succeeded, want an error")
	}
	return err
}

func TestFlowBrowserFailureIsReported(t *testing.T) {
	ts := newTokenServer(t, http.StatusCreated, tokenBody)
	opener := &recordingOpener{err: errors.New("xdg-open: not found")}
	attempt, err := newFlow(ts, opener).Begin(context.Background(), "")
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	if attempt.BrowserErr == nil {
		t.Fatal("BrowserErr = nil, want the opener's error")
	}
	go follow(t, attempt.URL, "code-1")
	if _, err := attempt.Wait(context.Background()); err != nil {
		t.Errorf("Wait after a failed browser: %v, want the sign-in to finish", err)
	}
}

func TestFlowTimeout(t *testing.T) {
	ts := newTokenServer(t, http.StatusCreated, tokenBody)
	flow := newFlow(ts, &recordingOpener{})
	flow.Timeout = 30 * time.Millisecond
	attempt, err := flow.Begin(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := attempt.Wait(context.Background()); !errors.Is(err, ErrTimeout) {
		t.Errorf("Wait error = %v, want ErrTimeout", err)
	}
	assertClosed(t, attempt)
}

func TestFlowCancel(t *testing.T) {
	ts := newTokenServer(t, http.StatusCreated, tokenBody)
	attempt, err := newFlow(ts, &recordingOpener{}).Begin(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(10 * time.Millisecond)
		attempt.Cancel()
		attempt.Cancel()
	}()
	if _, err := attempt.Wait(context.Background()); !errors.Is(err, ErrCancelled) {
		t.Errorf("Wait error = %v, want ErrCancelled", err)
	}
	assertClosed(t, attempt)
}

func assertClosed(t *testing.T, a *Attempt) {
	t.Helper()
	if resp, err := http.Get(a.RedirectURI()); err == nil {
		resp.Body.Close()
		t.Error("listener still serving after Wait returned")
	}
}
