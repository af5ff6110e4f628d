/** The text of each cell of a table row, its row header included, in order. */
export function rowTexts(row: HTMLElement): Array<string | null> {
  return Array.from(row.querySelectorAll('th, td')).map(c => c.textContent);
}
