/**
 * A dependency-free progress bar on stderr. On a terminal it redraws one
 * line; otherwise it prints a line every 10%.
 */
export interface ProgressBar {
  update(done: number, detail?: string): void;
  finish(detail?: string): void;
}

export function createProgressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const started = Date.now();
  const tty = !!stream.isTTY;
  let lastDecile = -1;
  let lastDraw = 0;
  const render = (done: number, detail = '') => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds >= 0.5 ? ` ${Math.round(done / seconds)}/s` : '';
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    return `${label.padEnd(18)} [${bar}] ${String(
      Math.floor(fraction * 100),
    ).padStart(3)}% ${done}/${total}${rate}${detail ? ` ${detail}` : ''}`;
  };
  return {
    update(done, detail) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(`\r${render(done, detail)}\x1b[K`);
      } else {
        const decile = total > 0 ? Math.floor((10 * done) / total) : 10;
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${render(done, detail)}\n`);
        }
      }
    },
    finish(detail) {
      const line = render(total, detail);
      stream.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}
