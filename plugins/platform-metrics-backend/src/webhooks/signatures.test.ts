import { createHmac } from 'node:crypto';
import { signGithub, signPagerduty, verifyBearer, verifyGithub, verifyGitlab, verifyPagerduty } from './signatures';

const body = Buffer.from('{"zen":"Keep it logically awesome."}');
const hex = (secret: string) => createHmac('sha256', secret).update(body).digest('hex');

describe('webhook signatures', () => {
  it('checks GitHub X-Hub-Signature-256 against the raw body', () => {
    expect(verifyGithub('s3cret', body, `sha256=${hex('s3cret')}`)).toBe(true);
    expect(verifyGithub('s3cret', body, `sha256=${hex('s3cret').toUpperCase()}`)).toBe(true);
    expect(verifyGithub('s3cret', body, `sha256=${hex('other')}`)).toBe(false);
    expect(verifyGithub('s3cret', body, hex('s3cret'))).toBe(false);
    expect(verifyGithub('s3cret', Buffer.from(`${body} `), `sha256=${hex('s3cret')}`)).toBe(false);
    expect(verifyGithub('s3cret', body, undefined)).toBe(false);
    expect(signGithub('s3cret', body)).toBe(`sha256=${hex('s3cret')}`);
  });

  it('accepts a PagerDuty delivery when any v1 signature matches any configured secret', () => {
    expect(verifyPagerduty(['new'], body, `v1=${hex('old')},v1=${hex('new')}`)).toBe(true);
    expect(verifyPagerduty(['old', 'new'], body, `v1=${hex('new')}`)).toBe(true);
    expect(verifyPagerduty(['old', 'new'], body, `v1=${hex('gone')}`)).toBe(false);
    expect(verifyPagerduty(['new'], body, hex('new'))).toBe(false);
    expect(verifyPagerduty(['new'], body, undefined)).toBe(false);
    expect(signPagerduty(['a', 'b'], body)).toBe(`v1=${hex('a')},v1=${hex('b')}`);
  });

  it('compares the GitLab token and the Argo CD bearer token exactly', () => {
    expect(verifyGitlab('token-1', 'token-1')).toBe(true);
    expect(verifyGitlab('token-1', 'token-12')).toBe(false);
    expect(verifyGitlab('token-1', undefined)).toBe(false);
    expect(verifyBearer('t0k3n', 'Bearer t0k3n')).toBe(true);
    expect(verifyBearer('t0k3n', 'Basic t0k3n')).toBe(false);
    expect(verifyBearer('t0k3n', 'Bearer t0k3n2')).toBe(false);
  });
});
