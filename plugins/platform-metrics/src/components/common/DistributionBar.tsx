import Box from '@material-ui/core/Box';

/** From 1 (strongly disagree, red) to 5 (strongly agree, green); each at least 3:1 against white. */
export const AGREEMENT_COLOURS = ['#b71c1c', '#e65100', '#757575', '#2e7d32', '#1b5e20'];

/**
 * A bar split by the share of each answer from 1 to 5, whose accessible
 * name (`label`) gives the counts; nothing when there are none.
 */
export function DistributionBar(props: { counts: readonly number[] | null; label: string }) {
  const counts = props.counts ?? [];
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) return null;
  return (
    <Box display="flex" height={14} minWidth={120} borderRadius={2} overflow="hidden" role="img" aria-label={props.label}>
      {counts.map((c, i) =>
        c > 0 ? <Box key={i} width={`${(100 * c) / n}%`} style={{ backgroundColor: AGREEMENT_COLOURS[i] }} /> : null,
      )}
    </Box>
  );
}
