// Placeholder until this view is built; the shell routes here already.
export function DocumentsView() {
  return <section className="main-pane"><header className="pane-header"><h1>Documents</h1></header><div className="empty"><p>Not built yet.</p></div></section>;
}
