/**
 * npm start: builds the add-in and serves it over HTTPS on https://localhost:3000 with a
 * development certificate made without questions, plus the preview (the task pane on the
 * in-memory Excel host, no Excel needed). Prints how to sideload the manifest.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import webpack from 'webpack';
import WebpackDevServer from 'webpack-dev-server';
import { ensureDevCerts } from './dev-certs';
import { PREVIEW_DIR, preparePreview } from './prepare-preview';

const ROOT = path.resolve(__dirname, '..');
const PORT = Number(process.env.PORT ?? 3000);

async function main(): Promise<void> {
  const started = Date.now();
  const certs = ensureDevCerts(path.join(ROOT, '.certs'));
  mkdirSync(PREVIEW_DIR, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, 'webpack.config.js'))({}, { mode: 'development' }) as webpack.Configuration;
  const compiler = webpack(config);
  const server = new WebpackDevServer(
    {
      host: 'localhost',
      port: PORT,
      server: { type: 'https', options: { key: certs.key, cert: certs.cert } },
      headers: { 'Access-Control-Allow-Origin': '*' },
      // The preview's demo ledgers, made after the server is up (scripts/prepare-preview.ts).
      static: { directory: PREVIEW_DIR, publicPath: '/', watch: false },
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
      devMiddleware: { stats: 'errors-warnings' },
    },
    compiler,
  );
  await server.start();
  await new Promise<void>((resolve) => compiler.hooks.done.tap('kefu-start', () => resolve()));
  const base = `https://localhost:${PORT}`;
  console.log(`
Kefu Ledger is served at ${base} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Preview, no Excel needed:  ${base}/preview.html
  Task pane:                 ${base}/taskpane.html
  Manifest:                  ${base}/manifest.xml   (file: addin/manifest.xml)

Sideload the manifest (details and how to trust the certificate ${path.relative(ROOT, certs.cert)}: docs/sideloading.md):
  Excel on the web:  Insert → Add-ins → Upload My Add-in → choose addin/manifest.xml
  Excel on Windows:  share a folder holding manifest.xml, add it under File → Options → Trust Center →
                     Trusted Add-in Catalogs, restart Excel, then Insert → My Add-ins → Shared Folder
  Excel on macOS:    copy addin/manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
Press Ctrl+C to stop.`);
  const prepared = await preparePreview();
  console.log(`Preview demo ledgers are ready${prepared.length ? ` (made ${prepared.map((f) => path.basename(f)).join(', ')})` : ''}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
