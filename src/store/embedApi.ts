import { BUILTIN_SCENARIOS } from '../scenarios/builtins.ts';
import {
  checkCommand,
  EMBED_COMMANDS,
  EMBED_PROTOCOL_VERSION,
  type EmbedEvent,
  embedState,
  Refused,
  runCommand,
} from './embedCommands.ts';
import { usePlayer } from './scenarioPlayer.ts';
import { simReady } from './simController.ts';
import { useSim } from './simStore.ts';

/**
 * The embed's postMessage API (docs/EMBED.md): a host page that frames the playground sends
 * commands and receives events. Only origins listed in the `origins=` URL parameter are
 * heard (`*` explicitly allows any); every command is checked against a schema
 * (embedCommands.ts), and a bad one is answered with `distro:error` naming the field and
 * what was expected. Nothing a host sends can throw in the page.
 */

/** `distro:frame` events go out at most this often (4 a second). */
export const FRAME_EVENT_INTERVAL_MS = 250;

// ---------------------------------------------------------------------------------------
// The window's side.

/** The origin of the page that frames this one, when the browser tells. */
function parentOrigin(): string | null {
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0] ?? null;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

export interface EmbedApiOptions {
  /** Accepted origins; `*` accepts any. */
  readonly origins: readonly string[];
  /** The window events go to (the framing page). Default: `window.parent`. */
  readonly host?: Window;
}

/**
 * Listens for commands and sends events to the framing page. Returns the uninstaller.
 * Events go to the parent only when its origin is allowed: known from the browser
 * (`location.ancestorOrigins` or the referrer), or learnt from the first accepted command.
 */
export function installEmbedApi(options: EmbedApiOptions): () => void {
  const allowAll = options.origins.includes('*');
  const allowed = (origin: string) => allowAll || options.origins.includes(origin);
  const host = options.host ?? (window.parent !== window ? window.parent : null);
  const known = parentOrigin();
  let target: string | null = known !== null && allowed(known) ? known : allowAll ? '*' : null;
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();

  const send = (event: EmbedEvent) => {
    if (stopped || host === null || target === null) return;
    try {
      host.postMessage(event, target);
    } catch (error) {
      console.warn('distro embed: could not post an event to the host page', error);
    }
  };

  const reply = (source: MessageEventSource | null, origin: string, event: EmbedEvent) => {
    if (stopped || source === null) return;
    try {
      (source as Window).postMessage(event, { targetOrigin: origin });
    } catch (error) {
      console.warn('distro embed: could not answer the host page', error);
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source === window) return;
    const data: unknown = event.data;
    if (!allowed(event.origin)) {
      // Other scripts (extensions, devtools) post messages too: only ours are worth a word.
      const type = data !== null && typeof data === 'object' ? (data as { type?: unknown }).type : undefined;
      if (typeof type === 'string' && type.startsWith('distro:')) {
        const listed = options.origins.length > 0 ? options.origins.join(', ') : 'none';
        console.warn(
          `distro embed: ignored ${type} from ${event.origin}: that origin is not in the page's origins= parameter (allowed: ${listed}).`,
        );
      }
      return;
    }
    if (host !== null && event.source === host && target === null) {
      // The browser did not say who frames the page; an accepted command from it does.
      target = event.origin;
      if (ready) sendReady();
    }
    const checked = checkCommand(data);
    if (!checked.ok) {
      reply(event.source, event.origin, {
        type: 'distro:error',
        ...(checked.id === undefined ? {} : { id: checked.id }),
        ...(checked.command === undefined ? {} : { command: checked.command }),
        message: checked.errors.join('\n'),
        errors: checked.errors,
      });
      return;
    }
    const { command } = checked;
    // One command at a time, in the order they came, so replies come in that order too.
    chain = chain.then(async () => {
      try {
        await simReady;
        await runCommand(command);
        if (command.id !== undefined)
          reply(event.source, event.origin, {
            type: 'distro:result',
            id: command.id,
            command: command.type,
            ...embedState(),
          });
      } catch (error) {
        const errors =
          error instanceof Refused
            ? [...error.errors]
            : [String(error instanceof Error ? error.message : error)];
        reply(event.source, event.origin, {
          type: 'distro:error',
          ...(command.id === undefined ? {} : { id: command.id }),
          command: command.type,
          message: errors.join('\n'),
          errors,
        });
      }
    });
  };

  window.addEventListener('message', onMessage);

  // Frames: what changed, at most every FRAME_EVENT_INTERVAL_MS, the latest state last.
  let lastSent = '';
  let lastAtMs = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const state = embedState();
    const key = JSON.stringify(state);
    if (key === lastSent) return;
    lastSent = key;
    lastAtMs = performance.now();
    send({ type: 'distro:frame', ...state });
  };
  const schedule = () => {
    if (timer !== null || stopped) return;
    timer = setTimeout(flush, Math.max(0, lastAtMs + FRAME_EVENT_INTERVAL_MS - performance.now()));
  };
  let unsubscribe = () => {};
  let ready = false;
  const sendReady = () => {
    const state = embedState();
    lastSent = JSON.stringify(state);
    lastAtMs = performance.now();
    send({
      type: 'distro:ready',
      version: EMBED_PROTOCOL_VERSION,
      commands: EMBED_COMMANDS,
      scenarios: BUILTIN_SCENARIOS.map((entry) => entry.id),
      ...state,
    });
  };
  void simReady.then(() => {
    if (stopped) return;
    ready = true;
    sendReady();
    const unsubscribeSim = useSim.subscribe(schedule);
    const unsubscribePlayer = usePlayer.subscribe(schedule);
    unsubscribe = () => {
      unsubscribeSim();
      unsubscribePlayer();
    };
  });

  return () => {
    stopped = true;
    window.removeEventListener('message', onMessage);
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
