import type { TeamProfileKind } from './org';
import { hashString, Random } from './random';

/*
 * The demo's answers to the survey's agreement statements (the backend's
 * six default questions, docs/metrics.md §18). The story: waiting on other
 * teams and unsafe deploys were the worst of it before the platform; both
 * improve most after the launch. Help when stuck improves less (the
 * platform team's support channel came later), and teams struggling with
 * on-call keep losing focus to tooling problems.
 */

interface Statement {
  id: string;
  /** Mean answer (1..5) before the platform, and once it is fully in use. */
  before: number;
  after: number;
}

export const DEMO_STATEMENTS: readonly Statement[] = [
  { id: 'platform-satisfaction', before: 2.9, after: 3.9 },
  { id: 'safe-deploys', before: 2.5, after: 4.0 },
  { id: 'small-changes-ship', before: 2.8, after: 3.8 },
  { id: 'help-when-stuck', before: 3.0, after: 3.4 },
  { id: 'no-waiting', before: 2.1, after: 3.9 },
  { id: 'focus-time', before: 2.8, after: 3.5 },
];

/** How a team's profile shifts its answers. */
const PROFILE_SHIFT: Partial<Record<TeamProfileKind, number>> = {
  elite: 0.4,
  platform: 0.3,
  struggling: -0.6,
  onboarding: -0.2,
};

/**
 * One person's answers to the agreement statements in one survey, by
 * question id; `progress` is how far the platform had arrived (0 before,
 * 1 fully), `score` their NPS answer, which the statements lean towards.
 * About one in ten statements is skipped.
 */
export function agreementAnswers(input: {
  userName: string;
  surveyId: string;
  profile: TeamProfileKind;
  progress: number;
  score: number;
}): Record<string, number> {
  const rng = new Random(hashString(`${input.surveyId}:${input.userName}:statements`));
  const lean = (input.score - 7) / 6; // -1.2 .. 0.5
  const shift = PROFILE_SHIFT[input.profile] ?? 0;
  const answers: Record<string, number> = {};
  for (const s of DEMO_STATEMENTS) {
    if (!rng.chance(0.9)) continue;
    let mean = s.before + (s.after - s.before) * input.progress + shift + lean;
    if (s.id === 'focus-time' && input.profile === 'struggling') mean -= 0.5;
    answers[s.id] = Math.max(1, Math.min(5, Math.round(mean + rng.normal() * 0.8)));
  }
  return answers;
}
