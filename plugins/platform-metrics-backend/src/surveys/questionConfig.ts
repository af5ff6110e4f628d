import { InputError } from '@backstage/errors';
import { SPACE_DIMENSIONS, SpaceDimension } from '@platform-metrics/plugin-platform-metrics-common';
import { z } from 'zod';

/** One 1-5 agreement question of the survey (metrics.md §18). */
export interface AgreementQuestion {
  /** Stable key of its answers and results: changing the text keeps them. */
  id: string;
  text: string;
  dimension: SpaceDimension;
}

/** The survey's questions: the NPS question, its follow-up and the agreement questions, in order. */
export interface SurveyQuestions {
  question: string;
  followUpQuestion: string;
  questions: AgreementQuestion[];
}

export const DEFAULT_NPS_QUESTION = 'How likely are you to recommend the platform to a colleague?';
export const DEFAULT_FOLLOW_UP_QUESTION = 'What is the single biggest thing slowing you down?';

/** The default agreement questions, written for platform teams: one or two per SPACE dimension. */
export const DEFAULT_AGREEMENT_QUESTIONS: readonly AgreementQuestion[] = [
  {
    id: 'platform-satisfaction',
    dimension: 'satisfaction',
    text: 'I am satisfied with the tools and platform I use to build and run my services.',
  },
  { id: 'safe-deploys', dimension: 'performance', text: 'Deploying my changes to production is safe and easy.' },
  { id: 'small-changes-ship', dimension: 'activity', text: 'I can get a small change into production within a day.' },
  {
    id: 'help-when-stuck',
    dimension: 'communication',
    text: 'When I am stuck on the platform, I know where to ask and I get a useful answer quickly.',
  },
  {
    id: 'no-waiting',
    dimension: 'efficiency',
    text: 'I can get what I need from the platform without waiting on another team.',
  },
  {
    id: 'focus-time',
    dimension: 'efficiency',
    text: 'Tooling problems rarely interrupt my focus on my own work.',
  },
];

const text = (what: string) =>
  z
    .string({ error: `expected the ${what} text` })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(300, { error: 'must be at most 300 characters' });

const npsItem = z.strictObject({ type: z.literal('nps'), text: text('question') });
const followUpItem = z.strictObject({ type: z.literal('text'), text: text('follow-up') });
const agreementItem = z.strictObject({
  type: z.literal('agreement', { error: 'expected nps (first), text (second) or agreement' }),
  id: z
    .string({ error: 'expected an id such as safe-deploys' })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'expected lower-case letters, digits and dashes, such as safe-deploys' }),
  text: text('question'),
  dimension: z.enum(SPACE_DIMENSIONS, { error: `expected one of ${SPACE_DIMENSIONS.join(', ')}` }),
});

const where = (path: PropertyKey[]) =>
  path.map(seg => (typeof seg === 'number' ? `[${seg}]` : `.${String(seg)}`)).join('');

function invalid(key: string, message: string): never {
  throw new InputError(`Invalid configuration platformMetrics.survey.${key}: ${message}`);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, key: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  return invalid(`${key}${where(issue.path)}`, issue.message);
}

/**
 * `platformMetrics.survey.questions`: the NPS question first (`type: nps`),
 * then optionally its free-text follow-up (`type: text`), then any number
 * of agreement questions (`type: agreement`, `id`, `text`, `dimension`).
 * Without it, `survey.question` and `survey.followUpQuestion` (or their
 * defaults) and the default agreement questions. Setting both the list and
 * the single keys is an error, as are repeated ids.
 */
export function readSurveyQuestions(
  raw: unknown,
  legacy: { question?: string; followUpQuestion?: string },
): SurveyQuestions {
  if (raw === undefined) {
    return {
      question: legacy.question ?? DEFAULT_NPS_QUESTION,
      followUpQuestion: legacy.followUpQuestion ?? DEFAULT_FOLLOW_UP_QUESTION,
      questions: [...DEFAULT_AGREEMENT_QUESTIONS],
    };
  }
  if (!Array.isArray(raw) || raw.length === 0) invalid('questions', 'expected a list whose first entry is the NPS question');
  for (const key of ['question', 'followUpQuestion'] as const) {
    if (legacy[key] !== undefined) invalid(key, 'set the questions in survey.questions instead (both are set)');
  }
  const nps = parse(npsItem, raw[0], 'questions[0]');
  const hasFollowUp = (raw[1] as { type?: unknown } | undefined)?.type === 'text';
  const followUpQuestion = hasFollowUp ? parse(followUpItem, raw[1], 'questions[1]').text : DEFAULT_FOLLOW_UP_QUESTION;
  const first = hasFollowUp ? 2 : 1;
  const seen = new Set<string>();
  const questions = raw.slice(first).map((item, j) => {
    const i = first + j;
    const type = (item as { type?: unknown } | undefined)?.type;
    if (type === 'nps') invalid(`questions[${i}].type`, 'the NPS question comes first, and only once');
    if (type === 'text') invalid(`questions[${i}].type`, 'the free-text follow-up comes second, right after the NPS question');
    const q = parse(agreementItem, item, `questions[${i}]`);
    if (seen.has(q.id)) invalid(`questions[${i}].id`, `'${q.id}' is used twice`);
    seen.add(q.id);
    return { id: q.id, text: q.text, dimension: q.dimension };
  });
  return { question: nps.text, followUpQuestion, questions };
}
