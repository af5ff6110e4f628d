import { Entity } from '@backstage/catalog-model';
import { annotatedStartOf, userOf } from './users';

const userEntity = (annotations: Record<string, string>, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'jane', annotations },
  spec,
});

describe('what the catalog sync records of a User (metrics.md §5, §6d)', () => {
  it.each([
    ['2026-03-02', '2026-03-02T00:00:00.000Z'],
    [' 2026-03-02 ', '2026-03-02T00:00:00.000Z'],
    ['2026-03-02T09:30:00Z', '2026-03-02T09:30:00.000Z'],
    ['2026-03-02T09:30:00+01:00', '2026-03-02T08:30:00.000Z'],
    ['2026-03-02T09:30Z', '2026-03-02T09:30:00.000Z'],
  ])('reads the start date %p as %p', (value, iso) => {
    expect(new Date(annotatedStartOf(value)!).toISOString()).toBe(iso);
  });

  it.each([undefined, '', 'next monday', '2026-02-30', '2026-13-01', '02/03/2026', '2026-03-02T09:30:00', '2026-03-02 09:30'])(
    'ignores the start date %p',
    value => {
      expect(annotatedStartOf(value)).toBeNull();
    },
  );

  it('records the email lower-cased, the GitHub login and the start date', () => {
    expect(
      userOf(
        'user:default/jane',
        userEntity(
          { 'platform-metrics.io/start-date': '2026-03-02', 'github.com/user-login': 'JaneD' },
          { profile: { email: ' Jane@Example.com ', displayName: 'Jane' } },
        ),
      ),
    ).toEqual({
      userRef: 'user:default/jane',
      email: 'jane@example.com',
      githubLogin: 'janed',
      annotatedStartAt: Date.parse('2026-03-02T00:00:00Z'),
    });
  });

  it('records no email that is not an address, and nothing that is absent', () => {
    expect(userOf('user:default/jane', userEntity({}, { profile: { email: 'jane' } }))).toEqual({
      userRef: 'user:default/jane',
      email: null,
      githubLogin: null,
      annotatedStartAt: null,
    });
    expect(userOf('user:default/jane', userEntity({}, { profile: { email: 7 } })).email).toBeNull();
  });
});
