import * as React from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, Spinner } from '@fluentui/react-components';
import { ui } from '../i18n/ui';
import { message } from '../i18n/messages';
import { TEMPLATE_VERSION } from '../ledger/layout';
import { upgradeWorkbook, upgradedAnything } from '../upgrade/officeUpgrade';
import { errorText, useSession } from './session';

/**
 * What the views that write show about a ledger of another template version: the add-in writes
 * only its own (ledger/office/officeLedger.ts). An older ledger gets the Upgrade workbook button
 * (upgrade/officeUpgrade.ts), and then a word on what was added; a newer one, a word to
 * update the add-in. Views that only read (the to-do list) work with either.
 */
/** A message as the pane shows it: a sentence (the command line's start in lower case). */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function UpgradeBar({ writes }: { readonly writes: boolean }) {
  const session = useSession();
  const { locale, opened } = session;
  const [outcome, setOutcome] = React.useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);

  const upgrade = () =>
    session.act(async () => {
      if (!session.settings.clerk) {
        setOutcome({ kind: 'error', text: ui('clerkMissing', locale) });
        return;
      }
      const path = opened?.name ?? '';
      try {
        const summary = await upgradeWorkbook(session.env.run, {
          clock: session.clock,
          clerk: session.settings.clerk,
          templateSheets: async (names, options) => (await import(/* webpackChunkName: "xlsx" */ '../workbooks/templateSheets')).templateSheetCopies(names, options),
          onProgress: (done, total) => setProgress({ done, total }),
        });
        const counts = {
          path,
          from: summary.from,
          to: summary.to,
          tables: summary.tablesAdded.length,
          columns: summary.columnsAdded.length,
          sheets: summary.sheetsAdded.length,
          rows: summary.rowsAdded,
          sealed: summary.auditRowsSealed,
        };
        const text = upgradedAnything(summary) ? message('workbookUpgraded', locale, counts) : message('upgradeNothing', locale, { path, version: summary.to });
        setOutcome({ kind: 'ok', text: sentence(text) });
        session.reopen();
      } catch (error) {
        setOutcome({ kind: 'error', text: sentence(errorText(error, locale)) });
      } finally {
        setProgress(null);
      }
    });

  const result = outcome && (
    <MessageBar intent={outcome.kind === 'ok' ? 'success' : 'error'} role={outcome.kind === 'ok' ? 'status' : 'alert'} data-testid="upgrade-outcome">
      <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{outcome.text}</MessageBarBody>
    </MessageBar>
  );
  if (!opened || opened.version === TEMPLATE_VERSION || !writes) return result || null;
  const params = { path: opened.name, version: opened.version, ours: TEMPLATE_VERSION };
  if (opened.version > TEMPLATE_VERSION) {
    return (
      <MessageBar intent="error" role="alert" data-testid="ledger-version">
        <MessageBarBody>{sentence(message('workbookTooNew', locale, params))}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <>
      {result}
      <MessageBar intent="warning" layout="multiline" data-testid="ledger-version">
        <MessageBarBody>{sentence(message('workbookNeedsUpgrade', locale, params))}</MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" onClick={() => void upgrade()} disabled={session.busy}>
            {session.busy ? ui('upgrading', locale) : ui('upgradeWorkbook', locale)}
          </Button>
          {session.busy && <Spinner size="tiny" aria-label={ui('upgrading', locale)} />}
        </MessageBarActions>
      </MessageBar>
      {progress && progress.total > 0 && <ProgressBar value={progress.done / progress.total} aria-label={ui('statsReading', locale, { done: progress.done, total: progress.total })} />}
    </>
  );
}
