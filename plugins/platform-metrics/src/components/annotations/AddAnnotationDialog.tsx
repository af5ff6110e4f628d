import { FormEvent, useId, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Annotation } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { errorMessage } from '../common/format';
import { groupName } from '../PlatformHealthPage/TeamTable';

/** `2026-03-04T10:00` (a datetime-local value, read as UTC) of now. */
const nowLocal = () => new Date().toISOString().slice(0, 16);

/**
 * The "Add annotation" dialog of the Platform health page: a dated note in
 * the page's scope (`org`, or the team of `?group=`).
 */
export function AddAnnotationDialog(props: {
  open: boolean;
  scope: string;
  onClose: () => void;
  onSaved: (annotation: Annotation) => void;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const [title, setTitle] = useState('');
  const [at, setAt] = useState(nowLocal);
  const [description, setDescription] = useState('');
  const [url, setUrl] = useState('');
  const [tags, setTags] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const saved = await api.createAnnotation({
        at: `${at}:00Z`,
        title: title.trim(),
        scope: props.scope,
        tags: tags
          .split(',')
          .map(tag => tag.trim())
          .filter(Boolean),
        ...(description.trim() && { description: description.trim() }),
        ...(url.trim() && { url: url.trim() }),
      });
      setTitle('');
      setDescription('');
      setUrl('');
      setTags('');
      props.onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="sm" fullWidth aria-labelledby={`${id}-heading`}>
      <form onSubmit={submit}>
        <DialogTitle id={`${id}-heading`}>{t('annotations.addTitle')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary">
            {props.scope === 'org'
              ? t('annotations.scopeOrg')
              : t('annotations.scopeGroup', { team: groupName(props.scope) })}
          </Typography>
          <TextField
            id={`${id}-title`}
            label={t('annotations.title')}
            value={title}
            onChange={e => setTitle(e.target.value)}
            required
            fullWidth
            margin="dense"
            inputProps={{ maxLength: 200 }}
          />
          <TextField
            id={`${id}-at`}
            label={t('annotations.at')}
            type="datetime-local"
            value={at}
            onChange={e => setAt(e.target.value)}
            required
            fullWidth
            margin="dense"
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            id={`${id}-description`}
            label={t('annotations.description')}
            value={description}
            onChange={e => setDescription(e.target.value)}
            multiline
            minRows={2}
            fullWidth
            margin="dense"
            inputProps={{ maxLength: 4000 }}
          />
          <TextField
            id={`${id}-url`}
            label={t('annotations.url')}
            type="url"
            value={url}
            onChange={e => setUrl(e.target.value)}
            fullWidth
            margin="dense"
          />
          <TextField
            id={`${id}-tags`}
            label={t('annotations.tags')}
            value={tags}
            onChange={e => setTags(e.target.value)}
            fullWidth
            margin="dense"
          />
          {!!error && (
            <Alert severity="error">
              {t('annotations.saveError')}: {errorMessage(error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('annotations.cancel')}</Button>
          <Button type="submit" color="primary" variant="contained" disabled={saving || !title.trim() || !at}>
            {t('annotations.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
