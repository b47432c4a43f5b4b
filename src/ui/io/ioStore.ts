import { create } from 'zustand';
import { parseScenario } from '../../scenarios/parse.ts';
import { startScenario } from '../../store/simController.ts';

/**
 * Opening a scenario file (picker or drop): the file is parsed with the scenario parser;
 * an invalid one leaves the run as it is and its error lines are shown next to the picker.
 */

/** A scenario file is a few kilobytes; anything this large is not one. */
export const MAX_FILE_BYTES = 2_000_000;

export type ImportState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly file: string }
  | {
      readonly status: 'loaded';
      readonly file: string;
      /** The scenario's name. */
      readonly name: string;
      /** Several files were dropped and only this one was opened. */
      readonly onlyFirst: boolean;
    }
  | {
      readonly status: 'failed';
      readonly file: string;
      /** One line per problem, each naming the file (`x.json: steps[3].port: …`). */
      readonly errors: readonly string[];
      /** Set when the file itself could not be used (too large, unreadable). */
      readonly reason?: 'tooLarge' | 'unreadable';
      readonly sizeMb?: number;
    };

export interface IoState {
  readonly importState: ImportState;
  /** The Files dialog is open (a drop opens it to show what happened). */
  readonly filesOpen: boolean;
  /** A file is being dragged over the page. */
  readonly dragging: boolean;
  /** The last file saved, for the dialog's confirmation. */
  readonly saved: string | null;
}

export const useIo = create<IoState>(() => ({
  importState: { status: 'idle' },
  filesOpen: false,
  dragging: false,
  saved: null,
}));

export function setFilesOpen(open: boolean): void {
  useIo.setState(open ? { filesOpen: true } : { filesOpen: false, saved: null });
}

/** Opens a scenario file and starts it guided; an invalid file changes nothing but the message. */
export async function importScenarioFile(file: File, onlyFirst = false): Promise<boolean> {
  const name = file.name || 'scenario.json';
  if (file.size > MAX_FILE_BYTES) {
    useIo.setState({
      importState: {
        status: 'failed',
        file: name,
        errors: [],
        reason: 'tooLarge',
        sizeMb: Math.round((file.size / 1e6) * 10) / 10,
      },
    });
    return false;
  }
  useIo.setState({ importState: { status: 'loading', file: name } });
  let text: string;
  try {
    text = await file.text();
  } catch {
    useIo.setState({ importState: { status: 'failed', file: name, errors: [], reason: 'unreadable' } });
    return false;
  }
  const parsed = parseScenario(text, name);
  if (!parsed.ok) {
    useIo.setState({ importState: { status: 'failed', file: name, errors: parsed.errors } });
    return false;
  }
  await startScenario(parsed.scenario, null);
  useIo.setState({
    importState: { status: 'loaded', file: name, name: parsed.scenario.name, onlyFirst },
  });
  return true;
}
