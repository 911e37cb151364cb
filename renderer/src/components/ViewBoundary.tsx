// Views load on first use (App.tsx). If a view's code cannot be fetched (the app was updated or
// rebuilt while this page stayed open) or a view fails while rendering, say so in its place and
// offer a reload, instead of leaving the whole window blank.
import { Component, type ReactNode } from 'react';
import { currentMessages } from '../i18n';

const messages = {
  en: { failed: 'This view could not be shown:', reload: 'Reload the app' },
  de: { failed: 'Diese Ansicht konnte nicht angezeigt werden:', reload: 'App neu laden' },
};

interface Props { children: ReactNode; /** Changing it (another view) clears the error. */ resetKey: string }
interface State { error: Error | null; key: string }

export class ViewBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const t = currentMessages(messages);
    return (
      <div role="alert" className="error view-error">
        <p>{t.failed} {this.state.error.message}</p>
        <button type="button" onClick={() => window.location.reload()}>{t.reload}</button>
      </div>
    );
  }
}
