import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { platformMetricsTranslationRef } from '../../translation';

/** A metric card's title (the card's accessible name, by `id`) and the button whose tooltip defines the number. */
export function CardHeading(props: { id: string; title: string; definition: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return (
    <Box display="flex" alignItems="center" justifyContent="space-between">
      <Typography variant="h6" component="h3" id={props.id}>
        {props.title}
      </Typography>
      <Tooltip title={props.definition} arrow>
        <IconButton size="small" aria-label={t('metricCard.definitionButton', { title: props.title })}>
          <InfoOutlinedIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
