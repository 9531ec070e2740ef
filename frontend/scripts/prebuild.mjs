// Runs before `npm run build`: checks that the Wails bindings exist, then
// removes the previous build from dist/ while keeping dist/.gitkeep, which
// the Go binary's go:embed needs before the first build.

import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

const BINDINGS = ['wailsjs/go/main/App.d.ts', 'wailsjs/go/models.ts', 'wailsjs/runtime/runtime.d.ts'];

const missing = BINDINGS.filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(
    `frontend build failed: the Wails bindings are missing (${missing.join(', ')}).\n` +
      'Generate them in the repository root with:\n' +
      '  go tool wails generate module -tags webkit2_41\n' +
      '(make runs this before npm run build).',
  );
  process.exit(1);
}

const dist = join(root, 'dist');
if (existsSync(dist)) {
  for (const entry of readdirSync(dist)) {
    if (entry !== '.gitkeep') {
      rmSync(join(dist, entry), { recursive: true, force: true });
    }
  }
}
writeFileSync(join(dist, '.gitkeep'), '', { flag: 'a' });
