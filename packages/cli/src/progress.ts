/**
 * A dependency-free progress bar on stderr: on a terminal it redraws one
 * line; elsewhere (CI logs) it prints a line every 10%.
 */
export interface ProgressBar {
  update(fraction: number, detail?: string): void;
  finish(detail?: string): void;
}

export function createProgressBar(
  label: string,
  stream: { write(text: string): unknown; isTTY?: boolean },
): ProgressBar {
  const tty = !!stream.isTTY;
  let lastDecile = -1;
  let lastDraw = 0;
  const render = (fraction: number, detail = '') => {
    const f = Math.max(0, Math.min(1, fraction));
    const width = 30;
    const filled = Math.round(f * width);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(
      width - filled,
    )}] ${String(Math.floor(f * 100)).padStart(3)}%${
      detail ? ` ${detail}` : ''
    }`;
  };
  return {
    update(fraction, detail) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && fraction < 1) return;
        lastDraw = now;
        stream.write(`\r${render(fraction, detail)}\x1b[K`);
      } else {
        const decile = Math.floor(10 * Math.min(1, fraction));
        if (decile !== lastDecile && decile < 10) {
          lastDecile = decile;
          stream.write(`${render(fraction, detail)}\n`);
        }
      }
    },
    finish(detail) {
      const line = render(1, detail);
      stream.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}
