import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The partnership includes charities and the council, so the console uses NHS.UK frontend's components
 * without the NHS identity: the Frutiger @font-face rules are dropped from the precompiled stylesheet
 * (styles.css sets a plain system font stack instead).
 */
function withoutNhsFonts(): Plugin {
  return {
    name: 'pathways:without-nhs-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('nhsuk-frontend') || !id.split('?')[0].endsWith('.css')) return null;
      const css = code
        .replace(/@font-face\s*\{[^}]*\}/g, '')
        .replace(/"Frutiger W01",\s*/g, '')
        // Icons are referenced from the site root; bundle them from the package instead.
        .replace(/url\("\/assets\/images\//g, 'url("./assets/images/');
      return { code: css, map: null };
    },
  };
}

export default defineConfig({
  root,
  plugins: [withoutNhsFonts()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/graphql': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
  test: {
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
    environment: 'node',
  },
});
