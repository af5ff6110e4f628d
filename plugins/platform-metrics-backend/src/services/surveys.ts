import { CommentCategory } from '../options';

/** The id of the survey running at `t`: `2026-Q4` (quarterly) or `2026-M11` (monthly). */
export function surveyIdAt(t: number, cadence: 'quarterly' | 'monthly'): string {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  return cadence === 'quarterly'
    ? `${year}-Q${Math.floor(month / 3) + 1}`
    : `${year}-M${String(month + 1).padStart(2, '0')}`;
}

/** The categories whose keywords occur in a comment (case-insensitive). */
export function categorise(comment: string, categories: CommentCategory[]): string[] {
  const text = comment.toLocaleLowerCase('en-US');
  return categories
    .filter(c =>
      c.keywords.some(k => {
        const kw = k.toLocaleLowerCase('en-US');
        // short keywords (e.g. "ci") must stand as a word of their own
        return kw.length <= 3
          ? new RegExp(`(^|[^a-z0-9])${kw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`).test(text)
          : text.includes(kw);
      }),
    )
    .map(c => c.name);
}

/** Categories by how many comments fall into them, most first (ties by name). */
export function rankCategories(
  commentCategories: string[][],
): Array<{ category: string; count: number }> {
  const counts = new Map<string, number>();
  for (const cats of commentCategories) {
    for (const c of cats) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}
