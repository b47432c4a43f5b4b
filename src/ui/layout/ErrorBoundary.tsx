import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the view is, for the message ("Cluster ring"). */
  readonly name: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** One view that throws shows its error in place; the rest of the page keeps running. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="view-error" role="alert">
        <p>
          <strong>{this.props.name}</strong>: {this.state.error.message}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          ↻<span className="visually-hidden">Retry</span>
        </button>
      </div>
    );
  }
}
