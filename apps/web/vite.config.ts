import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, parseAst } from 'vite';

const apiTarget = 'http://127.0.0.1:3000';

interface Span {
  start: number;
  end: number;
}

/**
 * The shared contracts declare zod schemas at module level. Building a schema has no side effects,
 * but a bundler cannot prove it, so every schema — and all of zod — would ship to the citizen
 * portal, which only needs the Chinese error texts. Wrapping each top-level `export const X = z…`
 * in a pure-annotated arrow call lets unused schemas (and then zod itself) be dropped.
 */
function pureContractSchemas(): Plugin {
  return {
    name: 'lianxin:pure-contract-schemas',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]packages[\\/]contracts[\\/]src[\\/][^/\\]+\.ts$/.test(id)) return null;
      const inits: Span[] = [];
      for (const node of parseAst(code).body) {
        if (node.type !== 'ExportNamedDeclaration' || node.declaration?.type !== 'VariableDeclaration')
          continue;
        for (const declarator of node.declaration.declarations) {
          const init = declarator.init as Span | null;
          if (init && code.startsWith('z.', init.start)) inits.push(init);
        }
      }
      let out = code;
      for (const { start, end } of inits.reverse()) {
        out = `${out.slice(0, start)}/* @__PURE__ */ (() => ${out.slice(start, end)})()${out.slice(end)}`;
      }
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [pureContractSchemas(), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The console's shared antd chunk is larger than the default threshold; the portal entry is
    // what must stay small, and it is checked by hand (see the report in docs).
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/docs': apiTarget,
      '/openapi.json': apiTarget,
    },
  },
});
