import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  AdoptionStatus,
  DEFAULT_ELIGIBLE_TYPES,
} from '@platform-metrics/plugin-platform-metrics-common';
import type { EntityScorecard } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { metricDefinitions } from '../common/definitions';

const STATUS = {
  adopted: { label: 'scorecard.goldenPath.adopted', color: '#1b7f3b' },
  exception: { label: 'scorecard.goldenPath.exception', color: '#8a5300' },
  'not-adopted': { label: 'scorecard.goldenPath.notAdopted', color: '#c62828' },
  'not-eligible': {
    label: 'scorecard.goldenPath.notEligible',
    color: '#616161',
  },
} as const satisfies Record<AdoptionStatus, unknown>;

/**
 * The golden-path status of the entity and why: the rule that adopted it, or
 * the configured rules any of which would, as the backend words them.
 */
export function GoldenPathCard(props: {
  adoption: EntityScorecard['adoption'] | null | undefined;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const rulesId = useId();
  const adoption = props.adoption;
  const status: AdoptionStatus = adoption?.status ?? 'not-eligible';
  const rules = adoption?.rules ?? [];
  let explanation: JSX.Element;
  switch (status) {
    case 'adopted':
      explanation = (
        <>
          <Typography variant="body2">
            {t('scorecard.goldenPath.adoptedText')}
          </Typography>
          {adoption?.rule && (
            <Typography variant="body2" data-testid="adoption-rule">
              {t('scorecard.goldenPath.matchedRule', { rule: adoption.rule })}
            </Typography>
          )}
        </>
      );
      break;
    case 'exception':
      explanation = (
        <Typography variant="body2">
          {t('scorecard.goldenPath.exceptionText', {
            reason: adoption?.reason || t('scorecard.goldenPath.noReason'),
          })}
        </Typography>
      );
      break;
    case 'not-adopted':
      explanation =
        rules.length > 0 ? (
          <>
            <Typography variant="body2" id={rulesId}>
              {t('scorecard.goldenPath.anyRuleAdopts')}
            </Typography>
            <ul
              aria-labelledby={rulesId}
              style={{ margin: '4px 0 0', paddingLeft: 20 }}
            >
              {rules.map(rule => (
                <li key={rule}>
                  <Typography variant="body2" component="span">
                    {rule}
                  </Typography>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Typography variant="body2">
            {t('scorecard.goldenPath.noRuleMatches')}
          </Typography>
        );
      break;
    default:
      explanation = (
        <Typography variant="body2">
          {t('scorecard.goldenPath.notEligibleText', {
            eligibleTypes: DEFAULT_ELIGIBLE_TYPES.join(
              t('scorecard.goldenPath.typesConjunction'),
            ),
          })}
        </Typography>
      );
  }
  return (
    <Card
      component="section"
      aria-label={t('scorecard.goldenPath.title')}
      variant="outlined"
      style={{ height: '100%' }}
    >
      <CardContent>
        <Typography
          variant="h6"
          component="h3"
          title={metricDefinitions(t).adoption}
        >
          {t('scorecard.goldenPath.title')}
        </Typography>
        <Box my={1}>
          <Chip
            label={t(STATUS[status].label)}
            data-status={status}
            style={{
              backgroundColor: STATUS[status].color,
              color: '#fff',
              fontWeight: 600,
            }}
          />
        </Box>
        {explanation}
      </CardContent>
    </Card>
  );
}
