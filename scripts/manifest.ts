/**
 * Writes the Office add-in manifest (XML manifest 1.1, TaskPaneApp, VersionOverrides 1.0) for a
 * base URL. Every string, URL and ribbon control is declared once here; addin/manifest.xml is the
 * output for the development server and is committed.
 *
 *   npx tsx scripts/manifest.ts                                    # addin/manifest.xml (https://localhost:3000)
 *   npx tsx scripts/manifest.ts --base-url https://ledger.example.com   # dist/manifest.xml
 *   npx tsx scripts/manifest.ts --base-url https://… --out path/manifest.xml
 *   npx tsx scripts/manifest.ts --check                            # exit 1 if addin/manifest.xml is stale
 *
 * The XSDs these manifests validate against predate <Runtimes> and VersionOverridesV1_1: stay
 * within TaskPaneAppVersionOverrides 1.0 (see ../shared/schemas/office-addin-manifest/README.md).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { DEFAULT_LOCALE, LOCALES, type Text } from '../addin/src/i18n/locale';
import { RIBBON_ICON_SIZES, VIEWS, appIconFile, ribbonIconFile, type View } from './make-icons';

/**
 * The ExcelApi requirement set the add-in needs: the newest API it uses is Range.find (ExcelApi
 * 1.9; getRowsBelow is 1.2). Written into <Requirements> and enforced by scripts/manifest-lint.ts.
 */
export const EXCEL_API_MIN_VERSION = '1.9';
/** The only permission the add-in asks for: it reads and writes the workbook, nothing broader. */
export const REQUIRED_PERMISSION = 'ReadWriteDocument';
export const DEV_BASE_URL = 'https://localhost:3000';

const REPO_ROOT = resolve(__dirname, '..');
export const MANIFEST_PATH = resolve(REPO_ROOT, 'addin', 'manifest.xml');
/** Where a manifest for another base URL goes unless --out says otherwise (dist/ is not committed). */
export const PRODUCTION_MANIFEST_PATH = resolve(REPO_ROOT, 'dist', 'manifest.xml');

/** Stable add-in id: changing it makes Office treat the add-in as a different one. */
const ADDIN_ID = '204f8bc4-ccf2-4702-b974-0cfaec08587c';
const PROVIDER = 'Kefu Ledger';

const t = (zhCN: string, zhTW: string, enUS: string): Text => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, 'en-US': enUS });

const DISPLAY_NAME = t('客服台账', '客服臺賬', 'Kefu Ledger');
const DESCRIPTION = t(
  '把客服台的纸质表单变成 Excel 表格：接待登记、投诉处理、联单打印、装订归档、统计报表和绩效考核。',
  '把客服台的紙本表單變成 Excel 表格：接待登記、投訴處理、聯單列印、裝訂歸檔、統計報表和績效考核。',
  'Turns service-desk paper forms into Excel tables: reception register, complaints, printed copies, binding, statistics and performance.',
);

interface ButtonDecl {
  readonly view: View;
  readonly label: Text;
  readonly tip: Text;
}
interface GroupDecl {
  readonly id: string;
  readonly label: Text;
  readonly buttons: readonly ButtonDecl[];
}

/** The ribbon tab: groups of buttons, each opening the task pane at one view. */
export const RIBBON: { readonly tabId: string; readonly label: Text; readonly groups: readonly GroupDecl[] } = {
  tabId: 'KefuLedger.Tab',
  label: DISPLAY_NAME,
  groups: [
    {
      id: 'KefuLedger.ServiceDesk',
      label: t('服务台', '服務台', 'Service desk'),
      buttons: [
        {
          view: 'reception',
          label: t('接待登记', '接待登記', 'Reception'),
          tip: t('登记来访、来电和来信，自动编号并分类。', '登記來訪、來電和來信，自動編號並分類。', 'Register visits, calls and letters with automatic numbers and categories.'),
        },
        {
          view: 'complaints',
          label: t('投诉处理', '投訴處理', 'Complaints'),
          tip: t('受理投诉、跟踪处理并安排回访，全程留痕。', '受理投訴、追蹤處理並安排回訪，全程留痕。', 'Receive complaints, track their handling and return visits, with a full audit trail.'),
        },
      ],
    },
    {
      id: 'KefuLedger.Archive',
      label: t('打印归档', '列印歸檔', 'Print and archive'),
      buttons: [
        {
          view: 'print',
          label: t('打印联单', '列印聯單', 'Print forms'),
          tip: t('按纸质表单和各联的版式打印记录。', '按紙本表單和各聯的版式列印紀錄。', 'Print records in the layout of the paper forms and their copies.'),
        },
        {
          view: 'binding',
          label: t('装订成册', '裝訂成冊', 'Binding'),
          tip: t(
            '把记录装订成册，分配连续的档案号，列出作废记录。',
            '把紀錄裝訂成冊，分配連續的檔案號，列出作廢紀錄。',
            'Bind records into volumes with consecutive archive numbers; voided records are listed.',
          ),
        },
      ],
    },
    {
      id: 'KefuLedger.Reports',
      label: t('统计考核', '統計考核', 'Reports'),
      buttons: [
        {
          view: 'statistics',
          label: t('统计报表', '統計報表', 'Statistics'),
          tip: t('生成投诉年度统计和各类汇总表。', '產生投訴年度統計和各類彙總表。', 'Compute yearly complaint statistics and summary tables.'),
        },
        {
          view: 'performance',
          label: t('绩效考核', '績效考核', 'Performance'),
          tip: t('按考核规则表计算每月的绩效奖励和扣分。', '按考核規則表計算每月的績效獎勵和扣分。', 'Compute monthly performance rewards and deductions from the rules table.'),
        },
      ],
    },
  ],
};

const GET_STARTED = {
  title: t('客服台账已就绪', '客服臺賬已就緒', 'Kefu Ledger is ready'),
  description: t('在“客服台账”选项卡上选择一项工作，打开对应的任务窗格。', '在「客服臺賬」索引標籤上選擇一項工作，開啟對應的工作窗格。', 'Pick a task on the Kefu Ledger tab to open its task pane.'),
};

/** The URL of the task pane at one view; the task pane reads `view` from its query string. */
export const viewUrl = (baseUrl: string, view: View): string => `${baseUrl}/taskpane.html?view=${view}`;

// ---------------------------------------------------------------------------------------------
// A tiny XML writer

type Attrs = Readonly<Record<string, string | number>>;
interface XmlNode {
  readonly name: string;
  readonly attrs: Attrs;
  readonly children: readonly (XmlNode | string)[];
}
const el = (name: string, attrs: Attrs = {}, ...children: (XmlNode | string | readonly XmlNode[])[]): XmlNode => ({
  name,
  attrs,
  children: children.flat(),
});

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function serialise(node: XmlNode, indent = ''): string {
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  if (node.children.length === 0) return `${indent}<${node.name}${attrs}/>`;
  if (node.children.every((c) => typeof c === 'string')) {
    return `${indent}<${node.name}${attrs}>${escapeXml(node.children.join(''))}</${node.name}>`;
  }
  const inner = node.children.map((c) => (typeof c === 'string' ? `${indent}  ${escapeXml(c)}` : serialise(c, `${indent}  `))).join('\n');
  return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
}

// ---------------------------------------------------------------------------------------------

const OTHER_LOCALES = LOCALES.filter((l) => l !== DEFAULT_LOCALE);

/** A locale-aware setting: DefaultValue in the default locale, one Override for each other locale. */
const localised = (name: string, text: Text, attrs: Attrs = {}, overrideName = 'Override'): XmlNode =>
  el(
    name,
    { ...attrs, DefaultValue: text[DEFAULT_LOCALE] },
    OTHER_LOCALES.map((locale) => el(overrideName, { Locale: locale, Value: text[locale] })),
  );

const capitalise = (s: string): string => s[0].toUpperCase() + s.slice(1);

/** Checks a base URL and returns it without a trailing slash. */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`--base-url must be an absolute URL, got "${baseUrl}"`);
  }
  if (url.protocol !== 'https:') throw new Error(`--base-url must use https (Office loads add-ins over HTTPS only), got "${baseUrl}"`);
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`--base-url must not carry a query, fragment or credentials, got "${baseUrl}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The manifest for a deployment at `baseUrl` (e.g. https://ledger.example.com or https://host/kefu). */
export function buildManifest(baseUrl: string = DEV_BASE_URL): string {
  const base = normaliseBaseUrl(baseUrl);
  const origin = new URL(base).origin;
  const asset = (file: string): string => `${base}/assets/${file}`;

  // Resources, collected while building the ribbon so every id is defined exactly once.
  const images: XmlNode[] = [];
  const urls: XmlNode[] = [];
  const shortStrings: XmlNode[] = [];
  const longStrings: XmlNode[] = [];
  const image = (id: string, url: string): string => (images.push(el('bt:Image', { id, DefaultValue: url })), id);
  const url = (id: string, value: string): string => (urls.push(el('bt:Url', { id, DefaultValue: value })), id);
  const short = (id: string, text: Text): string => (shortStrings.push(localised('bt:String', text, { id }, 'bt:Override')), id);
  const long = (id: string, text: Text): string => (longStrings.push(localised('bt:String', text, { id }, 'bt:Override')), id);

  const supportUrl = `${base}/support.html`;
  const iconSet = (view: View): XmlNode =>
    el(
      'Icon',
      {},
      RIBBON_ICON_SIZES.map((size) => el('bt:Image', { size, resid: `${capitalise(view)}.Icon${size}` })),
    );

  const getStarted = el(
    'GetStarted',
    {},
    el('Title', { resid: short('GetStarted.Title', GET_STARTED.title) }),
    el('Description', { resid: long('GetStarted.Description', GET_STARTED.description) }),
    el('LearnMoreUrl', { resid: url('Support.Url', supportUrl) }),
  );
  const functionFile = el('FunctionFile', { resid: url('Commands.Url', `${base}/commands.html`) });

  for (const view of VIEWS) {
    for (const size of RIBBON_ICON_SIZES) image(`${capitalise(view)}.Icon${size}`, asset(ribbonIconFile(view, size)));
  }

  const groups = RIBBON.groups.map((group) => {
    const groupKey = group.id.split('.').pop()!;
    return el(
      'Group',
      { id: group.id },
      el('Label', { resid: short(`${groupKey}.Label`, group.label) }),
      iconSet(group.buttons[0].view),
      group.buttons.map(({ view, label, tip }) => {
        const key = capitalise(view);
        return el(
          'Control',
          { 'xsi:type': 'Button', id: `KefuLedger.${key}` },
          el('Label', { resid: short(`${key}.Label`, label) }),
          el('Supertip', {}, el('Title', { resid: `${key}.Label` }), el('Description', { resid: long(`${key}.Tip`, tip) })),
          iconSet(view),
          el(
            'Action',
            { 'xsi:type': 'ShowTaskpane' },
            // One pane per view: sharing a TaskpaneId between actions with different URLs has
            // misbehaved in Excel on the web and on Mac (OfficeDev/office-js#2918, #175).
            el('TaskpaneId', {}, `KefuLedger.${key}`),
            el('SourceLocation', { resid: url(`${key}.Url`, viewUrl(base, view)) }),
            el('Title', { resid: `${key}.Label` }),
          ),
        );
      }),
    );
  });
  const tab = el('CustomTab', { id: RIBBON.tabId }, groups, el('Label', { resid: short('Tab.Label', RIBBON.label) }));

  const versionOverrides = el(
    'VersionOverrides',
    {
      xmlns: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
      'xmlns:bt': 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
      'xsi:type': 'VersionOverridesV1_0',
    },
    el('Hosts', {}, el('Host', { 'xsi:type': 'Workbook' }, el('DesktopFormFactor', {}, getStarted, functionFile, el('ExtensionPoint', { 'xsi:type': 'PrimaryCommandSurface' }, tab)))),
    el('Resources', {}, el('bt:Images', {}, images), el('bt:Urls', {}, urls), el('bt:ShortStrings', {}, shortStrings), el('bt:LongStrings', {}, longStrings)),
  );

  const root = el(
    'OfficeApp',
    {
      xmlns: 'http://schemas.microsoft.com/office/appforoffice/1.1',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:type': 'TaskPaneApp',
    },
    el('Id', {}, ADDIN_ID),
    el('Version', {}, manifestVersion()),
    el('ProviderName', {}, PROVIDER),
    el('DefaultLocale', {}, DEFAULT_LOCALE),
    localised('DisplayName', DISPLAY_NAME),
    localised('Description', DESCRIPTION),
    el('IconUrl', { DefaultValue: asset(appIconFile(32)) }),
    el('HighResolutionIconUrl', { DefaultValue: asset(appIconFile(64)) }),
    el('SupportUrl', { DefaultValue: supportUrl }),
    el('AppDomains', {}, el('AppDomain', {}, origin)),
    el('Hosts', {}, el('Host', { Name: 'Workbook' })),
    el('Requirements', {}, el('Sets', {}, el('Set', { Name: 'ExcelApi', MinVersion: EXCEL_API_MIN_VERSION }))),
    el('DefaultSettings', {}, el('SourceLocation', { DefaultValue: `${base}/taskpane.html` })),
    el('Permissions', {}, REQUIRED_PERMISSION),
    versionOverrides,
  );

  const header = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // (An XML comment must not contain a double hyphen.)
    '<!-- Generated by scripts/manifest.ts: edit that file, then run "npx tsx scripts/manifest.ts". -->',
  ];
  return `${header.join('\n')}\n${serialise(root)}\n`;
}

/** The package version as a manifest version (major.minor.patch.0). */
function manifestVersion(): string {
  const { version } = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`package.json version "${version}" is not major.minor.patch`);
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

function main(argv: readonly string[]): number {
  const options: { '--base-url'?: string; '--out'?: string } = {};
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--base-url' || arg === '--out') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      options[arg] = v;
    } else throw new Error(`unknown argument "${arg}" (expected --base-url URL, --out FILE, --check)`);
  }

  const baseUrl = options['--base-url'] ?? DEV_BASE_URL;
  const xml = buildManifest(baseUrl);
  // Imported here, not at the top: manifest-lint imports this module's constants.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy import breaks the circle (see above)
  const { lintManifest, formatIssues } = require('./manifest-lint') as typeof import('./manifest-lint');
  const issues = lintManifest(xml);
  if (issues.length > 0) {
    console.error(`The generated manifest fails our checks:\n${formatIssues(issues)}`);
    return 1;
  }

  const isDev = normaliseBaseUrl(baseUrl) === DEV_BASE_URL;
  const out = resolve(options['--out'] ?? (isDev ? MANIFEST_PATH : PRODUCTION_MANIFEST_PATH));
  if (check) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      // missing: reported as stale below
    }
    if (current.replace(/\r\n/g, '\n') !== xml) {
      console.error(`${relative(process.cwd(), out)} is out of date: run npx tsx scripts/manifest.ts`);
      return 1;
    }
    console.log(`${relative(process.cwd(), out)} is up to date.`);
    return 0;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  console.log(`Wrote ${relative(process.cwd(), out)} for ${normaliseBaseUrl(baseUrl)}`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
