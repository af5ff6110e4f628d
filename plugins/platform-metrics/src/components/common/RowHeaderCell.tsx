import TableCell, { TableCellProps } from '@material-ui/core/TableCell';

/**
 * The header cell of a table row. MUI renders a `th` in a table body with
 * the role `cell`; this one says what it is, so that assistive technology
 * reads each value with its row's name.
 */
export function RowHeaderCell(props: TableCellProps) {
  return <TableCell component="th" scope="row" role="rowheader" {...props} />;
}
