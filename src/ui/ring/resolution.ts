/**
 * Dynamic resolution for the particle canvas. Without a GPU (headless Chromium, weak
 * machines) every frame's canvas is copied to the compositor pixel by pixel, so on a slow
 * machine the canvas, not the drawing, costs the frame. When more than one frame in twenty
 * comes late the canvas drops to fewer pixels, then to every other frame, and climbs back
 * once frames are on time again.
 */
const WINDOW_FRAMES = 40;
const LATE_MS = 20;
const STEPS = [
  { scale: 1, stride: 1 },
  { scale: 0.75, stride: 1 },
  { scale: 0.5, stride: 1 },
  { scale: 0.5, stride: 2 },
] as const;
/** Clean windows needed before a step back up, so the quality does not flap. */
const CLEAN_WINDOWS_TO_RISE = 4;

export class AdaptiveResolution {
  private step = 0;
  private lastMs = 0;
  private frames = 0;
  private late = 0;
  private cleanWindows = 0;
  private count = 0;

  /** Canvas pixels per CSS pixel (before the device pixel ratio). */
  get scale(): number {
    return STEPS[this.step]!.scale;
  }

  /** Whether this frame may be skipped: at the lowest step the particles move every other frame. */
  skip(): boolean {
    return STEPS[this.step]!.stride > 1 && ++this.count % 2 === 0;
  }

  /** `0.5` or `0.5/2` (every other frame): for tests and measurements. */
  get label(): string {
    const { scale, stride } = STEPS[this.step]!;
    return stride > 1 ? `${scale}/${stride}` : String(scale);
  }

  /** Call once per animation frame with its time; returns true when the quality changed. */
  note(nowMs: number): boolean {
    const gapMs = nowMs - this.lastMs;
    this.lastMs = nowMs;
    // A pause, a hidden tab or a first frame says nothing about the machine; a still picture
    // (the run paused) deserves every pixel.
    if (gapMs > 250) {
      this.frames = 0;
      this.late = 0;
      if (this.step === 0) return false;
      this.step = 0;
      return true;
    }
    this.frames++;
    if (gapMs > LATE_MS) this.late++;
    if (this.frames < WINDOW_FRAMES) return false;
    const lateShare = this.late / this.frames;
    this.frames = 0;
    this.late = 0;
    const before = this.step;
    if (lateShare > 0.04 && this.step < STEPS.length - 1) {
      this.step++;
      this.cleanWindows = 0;
    } else {
      this.cleanWindows = lateShare === 0 ? this.cleanWindows + 1 : 0;
      if (this.cleanWindows >= CLEAN_WINDOWS_TO_RISE && this.step > 0) {
        this.step--;
        this.cleanWindows = 0;
      }
    }
    return this.step !== before;
  }
}
