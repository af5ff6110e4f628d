/** The id of the review's content: what prints, and a stable hook for end-to-end tests. */
export const REVIEW_ELEMENT_ID = 'platform-metrics-review';

const R = `#${REVIEW_ELEMENT_ID}`;
const PAGE = 'main[data-backstage-core-page]';

/**
 * How the Quarter in review prints: on A4 and Letter alike (the page size is
 * the printer's, with 12 mm margins), black on white and full width, without
 * the app's sidebar, the page header's banner or the review's controls
 * (`data-print="hide"`), and without page breaks inside a section, a table
 * row, a chart or a list item. Elements marked `data-print="only"` show on
 * paper only.
 *
 * The selectors hold in production builds, where class names are
 * minified: the sidebar is a `nav`, Backstage's page is
 * `main[data-backstage-core-page]` (its banner the `header` in it), and the
 * ancestors that pad the page for the sidebar are found with `:has()`.
 */
export const PRINT_CSS = `
@page { size: auto; margin: 12mm; }
@media screen {
  [data-print="only"] { display: none !important; }
}
@media print {
  html, body { background: #fff !important; }
  nav, [data-testid="sidebar-root"], [data-print="hide"] { display: none !important; }
  *:has(${PAGE}) {
    padding: 0 !important; margin: 0 !important; width: auto !important;
    max-width: none !important; height: auto !important; min-height: 0 !important;
    overflow: visible !important; background: #fff !important;
  }
  ${PAGE} { display: block !important; height: auto !important; overflow: visible !important; }
  ${PAGE} > header {
    background: none !important; box-shadow: none !important;
    padding: 0 0 4mm !important; border-bottom: 1px solid #000;
  }
  ${PAGE} > article { padding: 4mm 0 0 !important; }
  ${PAGE}, ${PAGE} * { color: #000 !important; }
  ${R} [class*="MuiPaper-root"] {
    background: #fff !important; box-shadow: none !important; border: 1px solid #777 !important;
  }
  ${R} [data-print="keep"], ${R} tr, ${R} figure, ${R} li {
    break-inside: avoid; page-break-inside: avoid;
  }
  ${R} h2, ${R} h3 { break-after: avoid; page-break-after: avoid; }
  ${R} div:has(> table) { overflow: visible !important; }
  ${R} th, ${R} td {
    padding: 3px 5px !important; font-size: 8.5pt !important; word-break: normal !important;
  }
  ${R} td span { font-size: inherit !important; }
  ${R} .recharts-wrapper, ${R} .recharts-surface { max-width: 100% !important; }
  ${R} .recharts-surface { height: auto !important; }
  ${R} .recharts-tooltip-wrapper { display: none !important; }
  ${R} [role="progressbar"], ${R} [role="progressbar"] * {
    print-color-adjust: exact; -webkit-print-color-adjust: exact;
  }
}
`;

/** The review's print stylesheet, in force while the review is shown. */
export function PrintStyles() {
  return <style data-testid="platform-metrics-review-print">{PRINT_CSS}</style>;
}
