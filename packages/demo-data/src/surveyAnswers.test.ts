import fs from 'node:fs';
import path from 'node:path';
import { DEMO_STATEMENTS, agreementAnswers } from './surveyAnswers';

/** The ids of the backend's default statements, read from its source (the package exports only the plugin). */
function backendDefaultIds(): string[] {
  const dir = path.dirname(require.resolve('@platform-metrics/plugin-platform-metrics-backend/package.json'));
  const source = fs.readFileSync(path.join(dir, 'src/surveys/questionConfig.ts'), 'utf8');
  const defaults = source.slice(source.indexOf('DEFAULT_AGREEMENT_QUESTIONS'));
  return [...defaults.matchAll(/id: '([a-z0-9-]+)'/g)].map(m => m[1]);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function answersOf(id: string, progress: number, profile: 'steady' | 'struggling' = 'steady') {
  return Array.from({ length: 300 }, (_, i) =>
    agreementAnswers({ userName: `u${i}`, surveyId: '2026-Q1', profile, progress, score: 8 })[id],
  ).filter((v): v is number => v !== undefined);
}

describe('the demo answers to the agreement statements', () => {
  it('answers the backend default questions, from 1 to 5', () => {
    expect(backendDefaultIds()).toHaveLength(6);
    expect(DEMO_STATEMENTS.map(s => s.id).sort()).toEqual(backendDefaultIds().sort());
    const all = answersOf('safe-deploys', 0.5);
    expect(all.every(v => Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
    // about one in ten statements skipped
    expect(all.length).toBeGreaterThan(240);
    expect(all.length).toBeLessThan(300);
  });

  it('tells the story: waiting on other teams improves most with the platform, help when stuck least', () => {
    const gain = (id: string) => mean(answersOf(id, 1)) - mean(answersOf(id, 0));
    expect(gain('no-waiting')).toBeGreaterThan(1.2);
    expect(gain('help-when-stuck')).toBeLessThan(0.6);
    expect(gain('no-waiting')).toBeGreaterThan(gain('help-when-stuck'));
  });

  it('gives struggling teams less focus time', () => {
    expect(mean(answersOf('focus-time', 1, 'struggling'))).toBeLessThan(mean(answersOf('focus-time', 1)) - 0.7);
  });

  it('is the same for the same person and survey', () => {
    const input = { userName: 'ana', surveyId: '2026-Q3', profile: 'elite' as const, progress: 1, score: 10 };
    expect(agreementAnswers(input)).toEqual(agreementAnswers(input));
  });
});
