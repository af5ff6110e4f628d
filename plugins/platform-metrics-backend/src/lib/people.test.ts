import { isEmail, isEmailPerson, normalizePerson, personOrUndefined } from './people';

describe('people on events (metrics.md §5)', () => {
  it.each([
    ['jane', 'user:default/jane'],
    ['default/Jane', 'user:default/jane'],
    [' User:Default/Jane.Doe ', 'user:default/jane.doe'],
    ['user:platform/ops-bot', 'user:platform/ops-bot'],
    ['Jane.Doe@Example.COM', 'jane.doe@example.com'],
    ['  jane+ci@mail.example.co.uk ', 'jane+ci@mail.example.co.uk'],
    ["o'neil@example.com", "o'neil@example.com"],
  ])('reads %p as %p', (value, person) => {
    expect(normalizePerson(value)).toBe(person);
  });

  it.each([
    ['group:default/team-a', 'group:default/team-a is not a user ref'],
    ['component:payments', 'component:default/payments is not a user ref'],
    ['jane doe', /^not a valid user ref/],
    ['', /^not a valid user ref/],
    ['jane@localhost', 'not a valid email address'],
    ['jane@@example.com', 'not a valid email address'],
    ['jane@exa mple.com', 'not a valid email address'],
    ['user:default/jane@example.com', 'not a valid email address'],
    [`${'a'.repeat(250)}@example.com`, 'not a valid email address'],
  ])('refuses %p', (value, message) => {
    expect(() => normalizePerson(value)).toThrow(message);
  });

  it('reads a payload value leniently: a person, or nothing', () => {
    expect(personOrUndefined('Dev@Example.test')).toBe('dev@example.test');
    expect(personOrUndefined('[REDACTED]')).toBeUndefined();
    expect(personOrUndefined('')).toBeUndefined();
    expect(personOrUndefined(7)).toBeUndefined();
    expect(personOrUndefined(undefined)).toBeUndefined();
  });

  it('tells emails from user refs', () => {
    expect(isEmailPerson('jane@example.com')).toBe(true);
    expect(isEmailPerson('user:default/jane')).toBe(false);
    expect(isEmail(`${'a'.repeat(242)}@example.com`)).toBe(true);
    expect(isEmail(`${'a'.repeat(243)}@example.com`)).toBe(false);
  });
});
