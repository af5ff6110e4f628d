import { CommentCategory } from '../config';
import { lower } from '../lib/refs';

/** The categories whose keywords occur in a comment (case-insensitive). */
export function categorise(comment: string, categories: CommentCategory[]): string[] {
  const text = lower(comment);
  return categories
    .filter(c =>
      c.keywords.some(k => {
        const kw = lower(k);
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
