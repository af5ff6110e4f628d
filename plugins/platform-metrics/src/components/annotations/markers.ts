import type { Annotation } from '@platform-metrics/plugin-platform-metrics-common';

/** One annotation drawn on a chart: a vertical line at the data point `x`. */
export interface ChartMarker {
  id: string;
  /** The x value (a data point's key) the line stands at. */
  x: string;
  label: string;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The markers of `annotations` on a weekly chart whose points are keyed by
 * `weekStart` (ISO Monday 00:00 UTC): each annotation stands at the week
 * holding it; those outside the chart's weeks are left out.
 */
export function weeklyMarkers(
  annotations: Annotation[],
  weeks: Array<{ weekStart?: string | number | null }>,
  label: (a: Annotation) => string = a => a.title,
): ChartMarker[] {
  const starts = weeks
    .map(w => String(w.weekStart ?? ''))
    .filter(Boolean)
    .map(iso => ({ iso, t: Date.parse(iso) }))
    .filter(w => Number.isFinite(w.t));
  return annotations.flatMap(a => {
    const at = Date.parse(a.at);
    const week = starts.find(w => at >= w.t && at < w.t + WEEK_MS);
    return week ? [{ id: a.id, x: week.iso, label: label(a) }] : [];
  });
}
