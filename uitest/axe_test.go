//go:build uitest

package uitest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core, a development dependency of the frontend.
var axePath = filepath.Join("..", "frontend", "node_modules", "axe-core", "axe.min.js")

// violation is one failed axe-core rule with the elements that fail it.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// checkAccessibility runs axe-core on the current page and fails on every
// serious or critical violation.
func (h *harness) checkAccessibility(t *testing.T, screen string) {
	t.Helper()
	source, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("reading axe-core from %s: %v (run npm ci in frontend/)", axePath, err)
	}

	ctx, cancel := context.WithTimeout(h.browser, 60*time.Second)
	defer cancel()
	script := string(source) + `;
axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(
  r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: running axe-core: %v", screen, err)
	}

	var violations []violation
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		t.Fatalf("%s: decoding axe-core results: %v", screen, err)
	}
	for _, v := range violations {
		t.Errorf("%s: %s accessibility violation %s (%s) on %s", screen, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, ", "))
	}
}
