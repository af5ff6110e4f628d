import { ConfigReader } from '@backstage/config';
import { readSettings } from '../config';

const settings = (survey: object) => readSettings(new ConfigReader({ platformMetrics: { survey } }), 'test').survey;

describe('survey.questions', () => {
  it('defaults to the NPS question and six agreement questions, one or more for every SPACE dimension', () => {
    const s = settings({});
    expect(s.question).toMatch(/recommend the platform/);
    expect(s.questions).toHaveLength(6);
    expect(new Set(s.questions.map(q => q.dimension))).toEqual(
      new Set(['satisfaction', 'performance', 'activity', 'communication', 'efficiency']),
    );
    expect(new Set(s.questions.map(q => q.id)).size).toBe(6);
  });

  it('keeps the single keys when the list is not set', () => {
    const s = settings({ question: 'Would you recommend us?', followUpQuestion: 'Why?' });
    expect(s).toMatchObject({ question: 'Would you recommend us?', followUpQuestion: 'Why?' });
    expect(s.questions).toHaveLength(6);
  });

  it('reads the NPS question, its follow-up and the agreement questions in order', () => {
    const s = settings({
      questions: [
        { type: 'nps', text: 'Recommend?' },
        { type: 'text', text: 'What slows you down?' },
        { type: 'agreement', id: 'docs', text: 'The docs answer my questions.', dimension: 'communication' },
        { type: 'agreement', id: 'ci', text: 'CI is fast.', dimension: 'efficiency' },
      ],
    });
    expect(s).toMatchObject({ question: 'Recommend?', followUpQuestion: 'What slows you down?' });
    expect(s.questions).toEqual([
      { id: 'docs', text: 'The docs answer my questions.', dimension: 'communication' },
      { id: 'ci', text: 'CI is fast.', dimension: 'efficiency' },
    ]);
    // the follow-up is optional; no agreement question at all is allowed
    expect(settings({ questions: [{ type: 'nps', text: 'Recommend?' }] }).questions).toEqual([]);
  });

  it.each([
    [[{ type: 'agreement', id: 'a', text: 'A', dimension: 'efficiency' }], /survey\.questions\[0\]\.type/],
    [[{ type: 'nps', text: 'N' }, { type: 'agreement', id: 'a', text: 'A', dimension: 'speed' }], /questions\[1\]\.dimension: expected one of satisfaction/],
    [[{ type: 'nps', text: 'N' }, { type: 'agreement', id: 'A b', text: 'A', dimension: 'activity' }], /questions\[1\]\.id/],
    [
      [
        { type: 'nps', text: 'N' },
        { type: 'agreement', id: 'a', text: 'A', dimension: 'activity' },
        { type: 'agreement', id: 'a', text: 'B', dimension: 'activity' },
      ],
      /questions\[2\]\.id: 'a' is used twice/,
    ],
    [[{ type: 'nps', text: 'N' }, { type: 'agreement', id: 'a', text: 'A', dimension: 'activity' }, { type: 'text', text: 'T' }], /questions\[2\]\.type: the free-text follow-up comes second/],
    [[{ type: 'nps', text: '' }], /questions\[0\]\.text: must not be empty/],
    [[], /survey\.questions: expected a list/],
  ])('rejects %j naming the entry', (questions, message) => {
    expect(() => settings({ questions })).toThrow(message);
  });

  it('rejects the list together with the single keys', () => {
    expect(() => settings({ question: 'Q?', questions: [{ type: 'nps', text: 'N' }] })).toThrow(
      /survey\.question: set the questions in survey\.questions instead/,
    );
  });
});
