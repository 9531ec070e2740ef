/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

const generatedBindings = fileURLToPath(new URL('./wailsjs/', import.meta.url));

const BINDINGS_PREFIX = '$wails/';
const STUB_PREFIX = '\0wails-stub:';

/**
 * Resolves each $wails/... import to a module of its own that throws when it
 * is loaded. Vitest uses it, so tests run before `wails generate module` and
 * must replace every bindings module they reach with vi.mock.
 */
function stubBindings(): Plugin {
  return {
    name: 'supaconnect:stub-wails-bindings',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(BINDINGS_PREFIX) ? STUB_PREFIX + id : null;
    },
    load(id) {
      if (!id.startsWith(STUB_PREFIX)) {
        return null;
      }
      const name = JSON.stringify(id.slice(STUB_PREFIX.length));
      return `throw new Error('a test imported ' + ${name} + ' without vi.mock');`;
    },
  };
}

// The Go binary embeds frontend/dist, which must keep its .gitkeep so that
// go:embed compiles before the first frontend build. Vite therefore leaves
// the folder alone, and scripts/prebuild.mjs removes the previous build.
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [svelte(), svelteTesting(), mode === 'test' && stubBindings()],
  resolve: {
    // Sources import the generated Wails bindings as $wails/... Vite applies
    // aliases before any plugin, so under vitest the alias must be absent for
    // stubBindings to see the import.
    alias: mode === 'test' ? [] : [{ find: /^\$wails\//, replacement: generatedBindings }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
}));
