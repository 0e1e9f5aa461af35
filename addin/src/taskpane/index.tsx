import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { PaneEnvironment } from './environment';

/** The task pane inside Excel: Office.js's Excel.run and Office's display language. */
void Office.onReady(() => {
  const env: PaneEnvironment = {
    run: (batch) => Excel.run(batch),
    displayLanguage: Office.context.displayLanguage,
    storage: window.localStorage,
    initialView: new URLSearchParams(window.location.search).get('view'),
  };
  createRoot(document.getElementById('root')!).render(<App env={env} />);
});
