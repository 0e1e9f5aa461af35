/**
 * Builds the add-in: the task pane (taskpane.html), the ribbon's function file (commands.html),
 * the preview (preview.html: the task pane on the in-memory Excel host, no Excel needed) and the
 * support page. `npm start` serves it over HTTPS on localhost:3000 (scripts/start.ts);
 * `npm run build` writes dist/ for a base URL (BASE_URL=https://…).
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const ROOT = __dirname;
/** Files the preview loads at run time: demo ledgers and templates (made by scripts/prepare-preview.ts). */
const PREVIEW_FILES = path.join(ROOT, '.preview');

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    context: ROOT,
    entry: {
      taskpane: './addin/src/taskpane/index.tsx',
      commands: './addin/src/commands/commands.ts',
      preview: './addin/src/preview/index.tsx',
    },
    output: {
      path: path.join(ROOT, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: '',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // The exceljs fix-ups are for Node (the command line); the browser only writes files.
      alias: { [path.join(ROOT, 'addin/src/ledger/xlsx/exceljsPatch.ts')]: false },
      fallback: { fs: false, path: false, crypto: false, stream: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'esbuild-loader',
          options: { target: 'es2020', jsx: 'automatic', tsconfig: path.join(ROOT, 'tsconfig.json') },
        },
      ],
    },
    performance: { hints: false },
    optimization: {
      splitChunks: { chunks: 'async' },
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './addin/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './addin/commands.html', chunks: ['commands'] }),
      new HtmlWebpackPlugin({ filename: 'preview.html', template: './addin/preview.html', chunks: ['preview'] }),
      new HtmlWebpackPlugin({ filename: 'support.html', template: './addin/support.html', chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/assets', to: 'assets' },
          { from: 'templates', to: 'templates' },
          ...(production ? [] : [{ from: 'addin/manifest.xml', to: 'manifest.xml' }]),
          // The production build carries the preview's demo ledgers (the dev server serves them live).
          ...(production ? [{ from: PREVIEW_FILES, to: '.', noErrorOnMissing: true }] : []),
        ],
      }),
    ],
  };
};
