import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderDataDictionary } from '../scripts/data-dictionary';
import { renderWorkflowDocs } from '../scripts/workflow-docs';
import { WORKFLOWS } from '../addin/src/domain/workflows';
import { COMMANDS } from '../scripts/kefu';

const ROOT = path.resolve(__dirname, '..');

describe('documentation users and finance integrate through', () => {
  it('docs/data-dictionary.md is what the form declarations say (npx tsx scripts/data-dictionary.ts)', () => {
    assert.equal(readFileSync(path.join(ROOT, 'docs', 'data-dictionary.md'), 'utf8'), renderDataDictionary());
  });

  it('docs/workflows.md is what the workflow declarations say (npx tsx scripts/workflow-docs.ts)', () => {
    assert.equal(readFileSync(path.join(ROOT, 'docs', 'workflows.md'), 'utf8'), renderWorkflowDocs(WORKFLOWS));
  });

  it('the README names every command of kefu --help', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const command of COMMANDS) assert.ok(readme.includes(`kefu ${command.words[0]}`), `README lacks kefu ${command.words.join(' ')}`);
  });
});
