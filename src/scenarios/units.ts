/** Virtual milliseconds as people read them in reports: seconds with one decimal, "36.2 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
