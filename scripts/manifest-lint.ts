/**
 * Our own checks on the add-in manifest, on top of the XSD (which cannot see resource ids, URLs or
 * our policy). `lintManifest(xml)` returns the problems found; an empty list means it passes.
 *
 *   npx tsx scripts/manifest-lint.ts [manifest.xml …]   # default: addin/manifest.xml
 *
 * The CLI also validates each file against the Office add-in manifest XSD with xmllint
 * (libxml2-utils), using the offline schemas in ../shared/schemas/office-addin-manifest/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEFAULT_LOCALE, LOCALES } from '../addin/src/i18n/locale';
import { EXCEL_API_MIN_VERSION, MANIFEST_PATH, REQUIRED_PERMISSION } from './manifest';

export type Check =
  | 'xml' // not well-formed, or not a TaskPaneApp manifest
  | 'resid-undefined' // a resid that no resource defines
  | 'resid-kind' // a resid pointing at the wrong kind of resource (a Label at a URL…)
  | 'resource-duplicate' // two resources (or two ribbon controls) with one id
  | 'resource-unused' // a resource nothing refers to
  | 'locale-override' // a string without an Override for one of our non-default locales
  | 'url-https' // a URL that is not https
  | 'url-domain' // a URL whose host is neither the SourceLocation host nor in AppDomains
  | 'excel-api' // ExcelApi MinVersion differs from EXCEL_API_MIN_VERSION
  | 'permissions' // Permissions is not exactly ReadWriteDocument
  | 'default-locale' // DefaultLocale is not zh-CN
  | 'host'; // not an Excel (Workbook) add-in

export interface Issue {
  readonly check: Check;
  /** Where in the manifest, as an element path such as `Resources/Urls/Url[id=Commands.Url]`. */
  readonly where: string;
  readonly message: string;
}

const REPO_ROOT = resolve(__dirname, '..');
/** Relative to the repository root: CI checks out shared/ beside the repository. */
export const SCHEMA_PATH = '../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd';

const NON_DEFAULT_LOCALES = LOCALES.filter((l) => l !== DEFAULT_LOCALE);

// ---------------------------------------------------------------------------------------------
// A plain element tree (namespace prefixes dropped: bt:String → String, xsi:type → type)

interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Element[];
  readonly text: string;
  readonly path: string;
}

type Ordered = Record<string, unknown>;

function toElements(nodes: readonly Ordered[], parentPath: string): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    const key = ['id', 'Locale', 'Name'].find((k) => attrs[k] !== undefined);
    const path = `${parentPath ? `${parentPath}/` : ''}${name}${key ? `[${key}=${attrs[key]}]` : ''}`;
    const raw = node[name] as Ordered[];
    const text = raw
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('');
    out.push({ name, attrs, children: toElements(raw, path), text, path });
  }
  return out;
}

/** Every element below and including `el`, each with its parent. */
function* walk(el: Element, parent?: Element): Generator<[Element, Element | undefined]> {
  yield [el, parent];
  for (const c of el.children) yield* walk(c, el);
}

const child = (el: Element | undefined, name: string): Element | undefined => el?.children.find((c) => c.name === name);
const childrenNamed = (el: Element | undefined, name: string): Element[] => el?.children.filter((c) => c.name === name) ?? [];

// ---------------------------------------------------------------------------------------------

type ResourceKind = 'image' | 'url' | 'short' | 'long';
const RESOURCE_GROUPS: Readonly<Record<string, ResourceKind>> = {
  Images: 'image',
  Urls: 'url',
  ShortStrings: 'short',
  LongStrings: 'long',
};

/** The resource kind a resid must point at, by the referring element. */
function expectedKind(el: Element): ResourceKind | undefined {
  switch (el.name) {
    case 'Image':
      return 'image';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'LearnMoreUrl':
      return 'url';
    case 'Label':
    case 'Title':
      return 'short';
    case 'Description':
      return 'long';
    default:
      return undefined;
  }
}

/** Elements whose DefaultValue and Override values are URLs. */
const URL_SETTINGS = new Set(['Image', 'Url', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']);

function parse(xml: string): Element | Issue {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { check: 'xml', where: `line ${valid.err.line}, column ${valid.err.col}`, message: `not well-formed XML: ${valid.err.msg}` };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const roots = toElements(parser.parse(xml) as Ordered[], '');
  const root = roots.find((r) => r.name === 'OfficeApp');
  if (!root) return { check: 'xml', where: '/', message: 'the root element must be OfficeApp' };
  if (root.attrs.type !== 'TaskPaneApp') {
    return { check: 'xml', where: 'OfficeApp', message: `xsi:type must be TaskPaneApp, found "${root.attrs.type ?? ''}"` };
  }
  return root;
}

export function lintManifest(xml: string): Issue[] {
  const parsed = parse(xml);
  if ('check' in parsed) return [parsed];
  const root = parsed;
  const issues: Issue[] = [];
  const report = (check: Check, where: string, message: string): void => {
    issues.push({ check, where, message });
  };

  // --- DefaultLocale, Permissions, Hosts, Requirements ---------------------------------------
  const defaultLocale = child(root, 'DefaultLocale');
  if (defaultLocale?.text !== DEFAULT_LOCALE) {
    report('default-locale', 'OfficeApp/DefaultLocale', `DefaultLocale must be ${DEFAULT_LOCALE}, found "${defaultLocale?.text ?? '(missing)'}"`);
  }

  const permissions = childrenNamed(root, 'Permissions');
  if (permissions.length !== 1 || permissions[0].text !== REQUIRED_PERMISSION) {
    const found = permissions.map((p) => p.text).join(', ') || '(missing)';
    report('permissions', 'OfficeApp/Permissions', `Permissions must be exactly ${REQUIRED_PERMISSION} (the add-in reads and writes the workbook, nothing narrower or broader), found ${found}`);
  }

  const hosts = childrenNamed(child(root, 'Hosts'), 'Host').map((h) => h.attrs.Name);
  if (hosts.length !== 1 || hosts[0] !== 'Workbook') {
    report('host', 'OfficeApp/Hosts', `the add-in runs in Excel only: Hosts must be exactly Workbook, found ${hosts.join(', ') || '(none)'}`);
  }
  const versionOverrides = child(root, 'VersionOverrides');
  for (const host of childrenNamed(child(versionOverrides, 'Hosts'), 'Host')) {
    if (host.attrs.type !== 'Workbook') {
      report('host', host.path, `VersionOverrides declares commands for host "${host.attrs.type ?? ''}", expected Workbook`);
    }
  }

  let rootListsExcelApi = false;
  for (const owner of [root, versionOverrides]) {
    const sets = child(child(owner, 'Requirements'), 'Sets');
    for (const set of childrenNamed(sets, 'Set').filter((s) => s.attrs.Name === 'ExcelApi')) {
      rootListsExcelApi ||= owner === root;
      const version = set.attrs.MinVersion ?? sets?.attrs.DefaultMinVersion ?? '1.1';
      if (version !== EXCEL_API_MIN_VERSION) {
        report('excel-api', set.path, `ExcelApi MinVersion is ${version}, but the add-in needs exactly ${EXCEL_API_MIN_VERSION} (EXCEL_API_MIN_VERSION in scripts/manifest.ts)`);
      }
    }
  }
  if (!rootListsExcelApi) {
    report('excel-api', 'OfficeApp/Requirements', `Requirements must list the ExcelApi set with MinVersion ${EXCEL_API_MIN_VERSION}`);
  }

  // --- Resources and resid references ----------------------------------------------------------
  const resources = new Map<string, { kind: ResourceKind; el: Element }>();
  for (const group of child(versionOverrides, 'Resources')?.children ?? []) {
    const kind = RESOURCE_GROUPS[group.name];
    if (!kind) continue;
    for (const res of group.children) {
      const id = res.attrs.id ?? '';
      if (resources.has(id)) report('resource-duplicate', res.path, `resource id "${id}" is defined more than once`);
      else resources.set(id, { kind, el: res });
    }
  }

  const used = new Set<string>();
  for (const [el] of walk(root)) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const res = resources.get(resid);
    const want = expectedKind(el);
    if (!res) report('resid-undefined', el.path, `resid "${resid}" is not defined in Resources`);
    else if (want && res.kind !== want) {
      report('resid-kind', el.path, `${el.name} needs a ${want} resource, but "${resid}" is a ${res.kind} resource`);
    }
  }
  for (const [id, { el }] of resources) {
    if (!used.has(id)) report('resource-unused', el.path, `resource "${id}" is defined but nothing refers to it`);
  }

  const controlIds = new Set<string>();
  for (const [el] of walk(root)) {
    if (!['CustomTab', 'Group', 'Control'].includes(el.name) || el.attrs.id === undefined) continue;
    if (controlIds.has(el.attrs.id)) report('resource-duplicate', el.path, `ribbon id "${el.attrs.id}" is used more than once`);
    controlIds.add(el.attrs.id);
  }

  // --- Every user-visible string in every locale ---------------------------------------------
  const localised = [child(root, 'DisplayName'), child(root, 'Description'), ...[...resources.values()].filter((r) => r.kind === 'short' || r.kind === 'long').map((r) => r.el)].filter(
    (el): el is Element => el !== undefined,
  );
  for (const el of localised) {
    const overrides = childrenNamed(el, 'Override');
    for (const locale of NON_DEFAULT_LOCALES) {
      const found = overrides.filter((o) => o.attrs.Locale === locale);
      if (found.length === 0) report('locale-override', el.path, `no Override for ${locale}`);
      if (found.length > 1) report('locale-override', el.path, `more than one Override for ${locale}`);
    }
    for (const o of overrides) {
      if (o.attrs.Locale === DEFAULT_LOCALE) {
        report('locale-override', o.path, `an Override for the default locale ${DEFAULT_LOCALE} is redundant: use DefaultValue`);
      }
      if (o.attrs.Locale?.startsWith('en') && /\p{Script=Han}/u.test(o.attrs.Value ?? '')) {
        report('locale-override', o.path, `the ${o.attrs.Locale} text contains Chinese characters: "${o.attrs.Value}"`);
      }
    }
  }

  // --- URLs: https, and on a host the add-in may load ---------------------------------------
  const sourceLocation = child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs.DefaultValue;
  let sourceHost: string | undefined;
  try {
    sourceHost = sourceLocation ? new URL(sourceLocation).host : undefined;
  } catch {
    // reported with the other URLs below
  }
  const appDomains: string[] = [];
  for (const d of childrenNamed(child(root, 'AppDomains'), 'AppDomain')) {
    let url: URL | undefined;
    try {
      url = new URL(d.text);
    } catch {
      // not a URL
    }
    if (!url || url.protocol !== 'https:') {
      report('url-https', d.path, `AppDomain "${d.text}" must be an https:// origin`);
    } else {
      appDomains.push(url.host);
    }
  }
  const allowedHost = (host: string): boolean => host === sourceHost || appDomains.some((d) => d === host || (d.startsWith('*.') && host.endsWith(d.slice(1))));

  // URL settings, and any other value that looks like an absolute URL, wherever it is.
  for (const [el, parent] of walk(root)) {
    if (el.name === 'AppDomain') continue;
    const urlSetting = URL_SETTINGS.has(el.name === 'Override' ? (parent?.name ?? '') : el.name);
    const values: [string, string][] = Object.entries(el.attrs).filter(([k]) => k === 'DefaultValue' || k === 'Value');
    if (el.text) values.push(['text', el.text]);
    for (const [attr, value] of values) {
      if (!urlSetting && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
      const where = attr === 'text' ? el.path : `${el.path}@${attr}`;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        report('url-https', where, `"${value}" is not an absolute URL`);
        continue;
      }
      if (url.protocol !== 'https:') {
        report('url-https', where, `${value} must use https (Office loads add-in content over HTTPS only)`);
      } else if (!allowedHost(url.host)) {
        report('url-domain', where, `${value}: host ${url.host} is neither the SourceLocation host (${sourceHost ?? 'none'}) nor listed in AppDomains (${appDomains.join(', ') || 'none'})`);
      }
    }
  }
  if (!sourceLocation) report('url-https', 'OfficeApp/DefaultSettings/SourceLocation', 'DefaultSettings has no SourceLocation');

  return issues;
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `  [${i.check}] ${i.where}: ${i.message}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// XSD validation with xmllint

export interface SchemaResult {
  readonly valid: boolean;
  /** xmllint's messages (stderr). */
  readonly output: string;
}

/**
 * Validates manifest XML against the Office add-in manifest XSD (v1.1) with xmllint. Throws if
 * xmllint or the schemas are missing: a validation that cannot run must not pass.
 */
export function validateAgainstSchema(xml: string, xmllint = 'xmllint'): SchemaResult {
  const schema = resolve(REPO_ROOT, SCHEMA_PATH);
  if (!existsSync(schema)) {
    throw new Error(`Office manifest schema not found at ${schema}: check out the shared/ folder beside the repository`);
  }
  const run = spawnSync(xmllint, ['--noout', '--nonet', '--schema', SCHEMA_PATH, '-'], {
    cwd: REPO_ROOT,
    input: xml,
    encoding: 'utf8',
  });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'xmllint is not installed: install libxml2-utils (apt-get install libxml2-utils; on macOS it ships with the system) to validate the manifest'
        : `xmllint failed to run: ${run.error.message}`,
    );
  }
  // 0: valid; 1: not well-formed; 3/4: invalid. Anything else (5: the schema does not compile…)
  // means xmllint could not judge the document.
  if (run.status !== 0 && run.status !== 1 && run.status !== 3 && run.status !== 4) {
    throw new Error(`xmllint could not validate (exit ${run.status}): ${run.stderr}`);
  }
  return { valid: run.status === 0, output: run.stderr };
}

function main(argv: readonly string[]): number {
  const files = argv.length > 0 ? argv.map((f) => resolve(f)) : [MANIFEST_PATH];
  let failed = false;
  for (const file of files) {
    const name = relative(process.cwd(), file);
    const xml = readFileSync(file, 'utf8');
    const schema = validateAgainstSchema(xml);
    const issues = lintManifest(xml);
    if (!schema.valid) console.error(`${name}: does not validate against ${SCHEMA_PATH}\n${schema.output}`);
    if (issues.length > 0) console.error(`${name}: ${issues.length} issue(s)\n${formatIssues(issues)}`);
    if (schema.valid && issues.length === 0) console.log(`${name}: valid against the XSD and our checks`);
    failed ||= !schema.valid || issues.length > 0;
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
