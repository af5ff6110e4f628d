import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { errorMessage } from './format';

/** Hands a downloaded file to the browser under its name. */
function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Downloads the per-entity metrics of the window and scope as CSV (`GET /export/entities.csv`). */
export function ExportButton(props: { windowDays: number; group?: string; system?: string; domain?: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const download = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const { blob, fileName } = await api.exportEntitiesCsv(props);
      save(blob, fileName);
    } catch (e) {
      setFailure(errorMessage(e) ?? String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="outlined" size="small" onClick={download} disabled={busy}>
        {busy ? t('export.downloading') : t('export.button')}
      </Button>
      {failure && (
        <Typography variant="body2" color="error" role="alert">
          {t('export.error', { message: failure })}
        </Typography>
      )}
    </>
  );
}
