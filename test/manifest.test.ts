import { strict as assert } from 'node:assert';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ensureDevCerts } from '../scripts/dev-certs';
import { ASSETS_DIR, VIEWS, decodePng, staleIcons } from '../scripts/make-icons';
import { DEV_BASE_URL, EXCEL_API_MIN_VERSION, MANIFEST_PATH, buildManifest } from '../scripts/manifest';
import { type Check, lintManifest, validateAgainstSchema } from '../scripts/manifest-lint';

/** The committed manifest (line endings normalised, in case a checkout turned them into CRLF). */
const committed = readFileSync(MANIFEST_PATH, 'utf8').replace(/\r\n/g, '\n');

/** Replaces exactly one occurrence, so a variant cannot silently leave the manifest unchanged. */
function variant(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  assert.ok(at >= 0, `the manifest no longer contains ${from}: update this test`);
  assert.equal(xml.indexOf(from, at + 1), -1, `${from} occurs more than once: make the test's anchor unique`);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

function assertValid(xml: string): void {
  const schema = validateAgainstSchema(xml);
  assert.ok(schema.valid, `xmllint rejects the manifest:\n${schema.output}`);
  assert.deepEqual(lintManifest(xml), []);
}

/** The lint fails exactly these checks (nothing else), each issue pointing at `where` when given. */
function assertFails(xml: string, checks: readonly Check[], where?: RegExp): void {
  const issues = lintManifest(xml);
  assert.deepEqual([...new Set(issues.map((i) => i.check))].sort(), [...checks].sort(), JSON.stringify(issues, null, 2));
  if (where)
    assert.ok(
      issues.every((i) => where.test(i.where)),
      JSON.stringify(issues, null, 2),
    );
}

type Ordered = Record<string, unknown>;
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}
function tree(xml: string): Node {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, removeNSPrefix: true });
  const convert = (nodes: Ordered[]): Node[] =>
    nodes
      .filter((n) => !('#text' in n) && !Object.keys(n)[0].startsWith('?'))
      .map((n) => {
        const name = Object.keys(n).find((k) => k !== ':@')!;
        const raw = n[name] as Ordered[];
        return {
          name,
          attrs: (n[':@'] ?? {}) as Record<string, string>,
          children: convert(raw),
          text: raw
            .filter((c) => '#text' in c)
            .map((c) => String(c['#text']))
            .join(''),
        };
      });
  return convert(parser.parse(xml) as Ordered[])[0];
}
const find = (node: Node, name: string): Node[] => [...node.children.filter((c) => c.name === name), ...node.children.flatMap((c) => find(c, name))];
const one = (node: Node, name: string): Node => {
  const found = find(node, name);
  assert.equal(found.length, 1, `expected one ${name}`);
  return found[0];
};

describe('add-in manifest', () => {
  describe('the committed manifest (https://localhost:3000)', () => {
    it('is what scripts/manifest.ts generates (run "npx tsx scripts/manifest.ts" after editing it)', () => {
      assert.equal(committed, buildManifest(DEV_BASE_URL));
    });

    it('validates against the Office add-in manifest XSD (xmllint) and passes our lint', () => {
      assertValid(committed);
    });

    it('is an Excel task pane add-in asking for ReadWriteDocument and ExcelApi 1.9, in zh-CN by default', () => {
      const root = tree(committed);
      assert.equal(root.attrs.type, 'TaskPaneApp');
      const hosts = root.children.find((c) => c.name === 'Hosts')!;
      assert.deepEqual(
        hosts.children.map((h) => h.attrs.Name),
        ['Workbook'],
      );
      assert.equal(one(root, 'Permissions').text, 'ReadWriteDocument');
      assert.equal(EXCEL_API_MIN_VERSION, '1.9');
      assert.deepEqual(one(root, 'Set').attrs, { Name: 'ExcelApi', MinVersion: '1.9' });
      assert.equal(one(root, 'DefaultLocale').text, 'zh-CN');
      const name = root.children.find((c) => c.name === 'DisplayName')!;
      assert.deepEqual([name.attrs.DefaultValue, ...name.children.map((o) => `${o.attrs.Locale}=${o.attrs.Value}`)], ['客服台账', 'zh-TW=客服臺賬', 'en-US=Kefu Ledger']);
      assert.equal(one(root, 'DefaultSettings').children[0].attrs.DefaultValue, 'https://localhost:3000/taskpane.html');
    });

    it('has a 客服台账 ribbon tab whose buttons open the task pane at each view, and a commands.html function file', () => {
      const root = tree(committed);
      const strings = new Map([...find(root, 'ShortStrings'), ...find(root, 'LongStrings')].flatMap((s) => s.children).map((s) => [s.attrs.id, s.attrs.DefaultValue]));
      const urls = new Map(find(one(root, 'Urls'), 'Url').map((u) => [u.attrs.id, u.attrs.DefaultValue]));
      const tab = one(root, 'CustomTab');
      assert.equal(strings.get(tab.children.at(-1)!.attrs.resid), '客服台账');

      const buttons = find(tab, 'Control').map((control) => {
        assert.equal(control.attrs.type, 'Button');
        const action = one(control, 'Action');
        assert.equal(action.attrs.type, 'ShowTaskpane');
        return { id: control.attrs.id, resid: one(action, 'SourceLocation').attrs.resid, url: urls.get(one(action, 'SourceLocation').attrs.resid) };
      });
      assert.deepEqual(
        buttons.map((b) => b.url),
        VIEWS.map((view) => `https://localhost:3000/taskpane.html?view=${view}`),
      );
      assert.equal(new Set(buttons.map((b) => b.resid)).size, VIEWS.length, 'each view has its own Url resource');
      assert.equal(urls.get(one(root, 'FunctionFile').attrs.resid), 'https://localhost:3000/commands.html');
    });

    it('refers only to icons that exist in addin/assets at the size it declares', () => {
      const root = tree(committed);
      const images = new Map(find(one(root, 'Images'), 'Image').map((i) => [i.attrs.id, i.attrs.DefaultValue]));
      const declared: [string, number][] = [
        [one(root, 'IconUrl').attrs.DefaultValue, 32],
        [one(root, 'HighResolutionIconUrl').attrs.DefaultValue, 64],
        ...find(root, 'Icon').flatMap((icon) => icon.children.map((img): [string, number] => [images.get(img.attrs.resid)!, Number(img.attrs.size)])),
      ];
      for (const [url, size] of declared) {
        assert.match(url, /^https:\/\/localhost:3000\/assets\/[\w-]+\.png$/);
        const png = decodePng(readFileSync(join(ASSETS_DIR, url.split('/').pop()!)));
        assert.deepEqual([png.width, png.height], [size, size], url);
      }
      for (const size of [16, 32, 80]) {
        assert.ok(
          find(root, 'Icon').every((icon) => icon.children.some((i) => i.attrs.size === String(size))),
          `every Icon has a ${size}px image`,
        );
      }
    });

    it('icons in addin/assets are exactly what scripts/make-icons.ts draws', () => {
      assert.deepEqual(staleIcons(), [], 'run: npx tsx scripts/make-icons.ts');
    });
  });

  describe('a manifest for production (https://ledger.example.com)', () => {
    const production = buildManifest('https://ledger.example.com');

    it('validates against the XSD and our lint, and does not mention localhost', () => {
      assertValid(production);
      assert.doesNotMatch(production, /localhost/);
      const urls = [...production.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1]);
      assert.ok(urls.length > 20);
      assert.deepEqual(
        urls.filter((u) => !u.startsWith('https://ledger.example.com/')),
        [],
      );
      assert.match(production, /<AppDomain>https:\/\/ledger\.example\.com<\/AppDomain>/);
    });

    it('can live under a path, and refuses a base URL that is not https', () => {
      assertValid(buildManifest('https://intranet.example.cn/kefu/'));
      assert.match(buildManifest('https://intranet.example.cn/kefu/'), /"https:\/\/intranet\.example\.cn\/kefu\/taskpane\.html\?view=reception"/);
      assert.throws(() => buildManifest('http://ledger.example.com'), /https/);
      assert.throws(() => buildManifest('ledger.example.com'), /absolute URL/);
    });
  });

  describe('broken manifests fail the right check', () => {
    it('an undefined resid', () => {
      const xml = variant(committed, '<Supertip>\n                    <Title resid="Complaints.Label"/>', '<Supertip>\n                    <Title resid="Complaints.Lable"/>');
      assertFails(xml, ['resid-undefined'], /Supertip\/Title$/);
    });

    it('a resid that points at the wrong kind of resource', () => {
      assertFails(variant(committed, '<FunctionFile resid="Commands.Url"/>', '<FunctionFile resid="Tab.Label"/>'), ['resid-kind', 'resource-unused']);
    });

    it('an http:// URL', () => {
      assertFails(
        variant(committed, 'DefaultValue="https://localhost:3000/taskpane.html?view=print"', 'DefaultValue="http://localhost:3000/taskpane.html?view=print"'),
        ['url-https'],
        /Url\[id=Print\.Url\]@DefaultValue$/,
      );
      assertFails(variant(committed, '<IconUrl DefaultValue="https://', '<IconUrl DefaultValue="http://'), ['url-https']);
    });

    it('a URL outside AppDomains (and the same URL passes once its domain is listed)', () => {
      const outside = variant(committed, '"https://localhost:3000/commands.html"', '"https://cdn.example.net/commands.html"');
      assertFails(outside, ['url-domain'], /Url\[id=Commands\.Url\]@DefaultValue$/);
      const listed = variant(outside, '<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://localhost:3000</AppDomain>\n    <AppDomain>https://cdn.example.net</AppDomain>');
      assertValid(listed);
      assertFails(variant(committed, '<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>http://localhost:3000</AppDomain>'), ['url-https']);
    });

    it('a missing zh-TW override', () => {
      assertFails(variant(committed, '\n          <bt:Override Locale="zh-TW" Value="投訴處理"/>', ''), ['locale-override'], /String\[id=Complaints\.Label\]$/);
      assertFails(variant(committed, '\n    <Override Locale="zh-TW" Value="客服臺賬"/>', ''), ['locale-override'], /^OfficeApp\/DisplayName$/);
      assertFails(variant(committed, 'Locale="en-US" Value="Complaints"', 'Locale="en-US" Value="投诉处理"'), ['locale-override']);
    });

    it('ReadWriteDocument replaced by ReadDocument or by a broader permission', () => {
      const narrower = variant(committed, '<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadDocument</Permissions>');
      assert.ok(validateAgainstSchema(narrower).valid, 'ReadDocument is schema-valid: only our lint can catch it');
      assertFails(narrower, ['permissions']);
      // Task pane add-ins have nothing broader than ReadWriteDocument; the mailbox-wide permission
      // is the broadest there is, and both the XSD and our lint reject it.
      const broader = variant(committed, '<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteMailbox</Permissions>');
      assertFails(broader, ['permissions']);
      assert.equal(validateAgainstSchema(broader).valid, false);
    });

    it('another ExcelApi version, another default locale, another host', () => {
      assertFails(variant(committed, 'MinVersion="1.9"', 'MinVersion="1.8"'), ['excel-api']);
      assertFails(variant(committed, '<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="ExcelApi"/>'), ['excel-api']);
      assertFails(variant(committed, '<DefaultLocale>zh-CN</DefaultLocale>', '<DefaultLocale>en-US</DefaultLocale>'), ['default-locale']);
      assertFails(variant(committed, '<Host Name="Workbook"/>', '<Host Name="Document"/>'), ['host']);
    });

    it('a schema-invalid element fails xmllint', () => {
      const misplaced = variant(
        variant(committed, '\n              <Label resid="Tab.Label"/>', ''),
        '<CustomTab id="KefuLedger.Tab">',
        '<CustomTab id="KefuLedger.Tab">\n              <Label resid="Tab.Label"/>',
      );
      assert.deepEqual(lintManifest(misplaced), [], 'the element order is for the XSD to catch');
      const result = validateAgainstSchema(misplaced);
      assert.equal(result.valid, false);
      assert.match(result.output, /Label.*not expected/);

      const unknown = variant(committed, '<Permissions>', '<Colour>teal</Colour>\n  <Permissions>');
      assert.equal(validateAgainstSchema(unknown).valid, false);
      assert.equal(validateAgainstSchema(variant(committed, '</OfficeApp>', '')).valid, false, 'not well-formed');
      assertFails(variant(committed, '</OfficeApp>', ''), ['xml']);
    });

    it('a missing xmllint is a failure that says to install libxml2-utils, never a pass', () => {
      assert.throws(() => validateAgainstSchema(committed, '/nonexistent/xmllint'), /install libxml2-utils/);
    });
  });
});

describe('development HTTPS certificate', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-certs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is an RSA 2048 self-signed server certificate for localhost and 127.0.0.1, valid for a year', () => {
    const paths = ensureDevCerts(dir);
    assert.equal(paths.key, resolve(dir, 'localhost.key'));
    assert.equal(paths.ca, undefined);
    const cert = new X509Certificate(readFileSync(paths.cert));
    assert.equal(cert.publicKey.asymmetricKeyType, 'rsa');
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(cert.ca, false);
    assert.ok(cert.verify(cert.publicKey), 'self-signed');
    assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
    assert.match(cert.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    assert.ok(days >= 364 && days <= 366, `valid for ${days} days`);
  });

  it('serves HTTPS that a client trusting it accepts at localhost and at 127.0.0.1', async () => {
    const { key, cert } = ensureDevCerts(dir);
    const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('ok'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const fetch = (servername: string | undefined): Promise<string> =>
      new Promise((done, fail) => {
        const options = { host: '127.0.0.1', port, ca: readFileSync(cert), ...(servername ? { servername } : {}) };
        get(options, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => done(text));
        }).on('error', fail);
      });
    try {
      assert.equal(await fetch('localhost'), 'ok');
      assert.equal(await fetch(undefined), 'ok', 'by IP address');
      await assert.rejects(fetch('example.com'), /altnames|does not match/i, 'another host name is refused');
    } finally {
      server.close();
    }
  });

  it('is kept while valid and made again when expired or when the key does not match', () => {
    const first = ensureDevCerts(dir);
    const pem = readFileSync(first.cert, 'utf8');
    ensureDevCerts(dir);
    assert.equal(readFileSync(first.cert, 'utf8'), pem, 'a valid certificate is reused');

    ensureDevCerts(dir, { now: new Date(Date.now() + 366 * 86_400_000) });
    const renewed = readFileSync(first.cert, 'utf8');
    assert.notEqual(renewed, pem, 'an expired certificate is replaced');

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(first.key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    ensureDevCerts(dir);
    assert.notEqual(readFileSync(first.cert, 'utf8'), renewed, 'a certificate whose key is lost is replaced');
  });
});
