package auth

import (
	"fmt"
	"html"
	"net/http"
)

// page is the HTML the browser shows after it returns to the app.
type page struct {
	title string
	body  string
}

var (
	pageSuccess = page{
		title: "Signed in to Supaconnect",
		body:  "You are signed in. You can close this tab and return to Supaconnect.",
	}
	pageDenied = page{
		title: "Sign-in cancelled",
		body:  "You did not allow Supaconnect to access your Supabase account. Return to Supaconnect to try again.",
	}
	pageStateMismatch = page{
		title: "Sign-in link expired",
		body: "This response belongs to another sign-in attempt, so Supaconnect rejected it. " +
			"Return to Supaconnect and click Connect Supabase again.",
	}
	pageFailed = page{
		title: "Sign-in failed",
		body:  "Supabase could not complete the sign-in. Return to Supaconnect to see what happened and try again.",
	}
	pageAlreadyUsed = page{
		title: "Sign-in already finished",
		body:  "This sign-in was already completed. You can close this tab and return to Supaconnect.",
	}
)

const pageTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>%[1]s</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1c1c1c;background:#fff}
@media (prefers-color-scheme:dark){body{color:#ededed;background:#1c1c1c}}
h1{font-size:1.4rem}
</style></head>
<body><main><h1>%[1]s</h1><p>%[2]s</p></main></body></html>
`

// writePage sends p without caching, and without a Referer on any link the
// user follows from it, because the page's own URL carries the code.
func writePage(w http.ResponseWriter, status int, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(status)
	fmt.Fprintf(w, pageTemplate, html.EscapeString(p.title), html.EscapeString(p.body))
}
