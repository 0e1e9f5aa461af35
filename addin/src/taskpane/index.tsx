import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { PaneEnvironment } from './environment';
import { excelRun } from '../ledger/office/officeLedger';

/** The task pane inside Excel: Office.js's Excel.run (waiting while the user edits a cell) and Office's display language. */
void Office.onReady(() => {
  const env: PaneEnvironment = {
    run: excelRun(Excel),
    displayLanguage: Office.context.displayLanguage,
    storage: window.localStorage,
    initialView: new URLSearchParams(window.location.search).get('view'),
  };
  createRoot(document.getElementById('root')!).render(<App env={env} />);
});
