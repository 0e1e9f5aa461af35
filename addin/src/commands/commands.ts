/**
 * The ribbon's function file (commands.html). Every Kefu Ledger button opens the task pane at a
 * view through the manifest's ShowTaskpane actions (taskpane.html?view=…), so the function file
 * only has to be ready when Office loads it.
 */
void Office.onReady(() => {
  document.body.dataset.ready = 'true';
});
