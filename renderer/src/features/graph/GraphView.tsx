// Placeholder until this view is built; the shell routes here already.
export function GraphView() {
  return <section className="main-pane"><header className="pane-header"><h1>Graph</h1></header><div className="empty"><p>Not built yet.</p></div></section>;
}
