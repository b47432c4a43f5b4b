import { type KeyboardEvent, type PointerEvent, useRef, useState } from 'react';
import { seek, setScrubbing } from '../../store/simController.ts';
import { useSim } from '../../store/simStore.ts';
import type { RecordedStep } from '../../workers/simService.ts';
import { useT } from '../i18n/index.ts';
import { describeStep, seconds, stepCategory } from './format.ts';

const MIN_EXTENT_MS = 30_000;
const TICK_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** The visible span: a little room ahead of the furthest point reached, in round numbers. */
function extentOf(maxMs: number): number {
  const padded = Math.max(MIN_EXTENT_MS, maxMs * 1.12);
  const unit = padded > 600_000 ? 60_000 : 10_000;
  return Math.ceil(padded / unit) * unit;
}

function ticksOf(extentMs: number): number[] {
  const stepS = TICK_STEPS_S.find((step) => extentMs / 1000 / step <= 8) ?? 3600;
  const ticks: number[] = [];
  for (let s = 0; s * 1000 <= extentMs; s += stepS) ticks.push(s * 1000);
  return ticks;
}

function tickLabel(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` : `${s}s`;
}

interface MarkerProps {
  readonly step: RecordedStep;
  readonly extentMs: number;
  readonly undone: boolean;
  readonly label: string;
}

function Marker({ step, extentMs, undone, label }: MarkerProps) {
  const left = `${Math.min(100, (step.atMs / extentMs) * 100)}%`;
  return (
    <span
      className={`marker ${stepCategory(step)}${undone ? ' undone' : ''}`}
      style={{ left }}
      title={`${seconds(step.atMs)} s · ${label}`}
      data-testid="timeline-marker"
      data-do={step.do}
    />
  );
}

/**
 * The run's timeline: a marker per user action and fault, the playhead, and scrubbing.
 * Dragging backwards replays from the seed (time travel); forwards runs until the point.
 */
export function Timeline() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const nowMs = useSim((state) => state.frame?.nowMs ?? 0);
  const horizonMs = useSim((state) => state.horizonMs);
  const steps = useSim((state) => state.steps);
  const future = useSim((state) => state.future);
  const track = useRef<HTMLDivElement>(null);
  const [dragMs, setDragMs] = useState<number | null>(null);
  const dragging = useRef(false);

  const lastFuture = future.at(-1)?.atMs ?? 0;
  const extentMs = extentOf(Math.max(horizonMs, nowMs, lastFuture));
  const shownMs = dragMs ?? nowMs;

  const msAt = (clientX: number): number => {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return nowMs;
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return Math.round(fraction * extentMs);
  };

  const travel = (ms: number) => {
    setDragMs(ms);
    void seek(ms).then(() => {
      if (!dragging.current) setDragMs(null);
    });
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!ready || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    dragging.current = true;
    setScrubbing(true);
    travel(msAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) travel(msAt(event.clientX));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    dragging.current = false;
    setScrubbing(false);
    travel(msAt(event.clientX));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!ready) return;
    const big = event.shiftKey ? 10_000 : 1000;
    let target: number | null = null;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') target = shownMs - big;
    else if (event.key === 'ArrowRight' || event.key === 'ArrowUp') target = shownMs + big;
    else if (event.key === 'PageDown') target = shownMs - 10_000;
    else if (event.key === 'PageUp') target = shownMs + 10_000;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = Math.max(horizonMs, nowMs);
    if (target === null) return;
    event.preventDefault();
    travel(Math.max(0, Math.round(target / 100) * 100));
  };

  const percent = (ms: number) => `${Math.min(100, (ms / extentMs) * 100)}%`;

  return (
    <div className="timeline">
      <div
        ref={track}
        className="timeline-track"
        role="slider"
        tabIndex={ready ? 0 : -1}
        aria-label={t('time.timelineLabel')}
        aria-valuemin={0}
        aria-valuemax={Math.round(extentMs / 1000)}
        aria-valuenow={Math.round(shownMs / 100) / 10}
        aria-valuetext={`${seconds(shownMs)} s`}
        aria-disabled={!ready}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        data-testid="timeline"
      >
        <div className="timeline-rail">
          <div className="timeline-explored" style={{ width: percent(Math.max(horizonMs, nowMs)) }} />
          <div className="timeline-elapsed" style={{ width: percent(shownMs) }} />
        </div>
        {steps.map((step, index) => (
          <Marker
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are append-only; the index is their identity.
            key={`s${index}`}
            step={step}
            extentMs={extentMs}
            undone={false}
            label={describeStep(step, t)}
          />
        ))}
        {future.map((step, index) => (
          <Marker
            // biome-ignore lint/suspicious/noArrayIndexKey: the undone list only shrinks from the front.
            key={`f${index}-${step.atMs}`}
            step={step}
            extentMs={extentMs}
            undone
            label={describeStep(step, t)}
          />
        ))}
        <div className="playhead" style={{ left: percent(shownMs) }} data-testid="playhead" />
      </div>
      <div className="timeline-ticks" aria-hidden="true">
        {ticksOf(extentMs).map((ms) => (
          <span key={ms} style={{ left: percent(ms) }}>
            {tickLabel(ms)}
          </span>
        ))}
      </div>
      {future.length > 0 ? (
        <p className="timeline-note">{t('time.undone', { count: future.length })}</p>
      ) : null}
    </div>
  );
}
