import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { DateTime } from 'luxon';
import { PeopleStore } from '../database/PeopleStore';
import { PulseIngestResult, PulseRecord, PulseStore } from '../database/PulseStore';
import { isEmailPerson } from '../lib/people';
import { Clock, Window, dayStart, windowJson } from '../lib/time';
import { formatIssues } from '../schema/validation';
import { Pseudonymise } from '../surveys/pseudonym';
import { PulseInput } from './pulseValidation';
import { PulseFigure, pulseFigures, quarterOf, quarterStart } from './release';

/** The published results of the pulses (`GET /org/pulses`). */
export interface OrgPulses {
  window: { from: string; to: string; days: number };
  /** What the figures cover: the window widened to whole calendar quarters at its start. */
  period: { from: string; to: string; quarters: string[] };
  questions: PulseFigure[];
}

/** A pulse as its recipient sees it (`GET /pulses/current`). */
export interface CurrentPulse {
  pulse: { id: string; question: string; entityRef: string | null; expiresAt: string } | null;
}

/**
 * Pulse questions (metrics.md, "Pulse questions"): ingestion for services,
 * the recipient's own pulse and answer, and the results per question,
 * released in steps of k (`survey.minGroupSize`). Recipients are kept only
 * as the pseudonym of their user ref.
 */
export class PulseService {
  constructor(
    private readonly stores: { pulses: PulseStore; people: Pick<PeopleStore, 'listUsers'> },
    private readonly settings: { survey: { minGroupSize: number } },
    private readonly pseudonymise: Pseudonymise,
    private readonly clock: Clock = Date.now,
  ) {}

  /**
   * Stores a validated batch: each recipient given by email is the one
   * catalog User with that `spec.profile.email`, else the whole batch is a
   * 400 naming the item; nothing is written then. A pulse with an imported
   * answer is stored answered, as a live answer is (its UTC day only),
   * insert-only; the route checks the survey import permission for it.
   */
  async ingest(pulses: PulseInput[], options: { keepExisting?: boolean } = {}): Promise<PulseIngestResult> {
    const refs = await this.recipientRefs(pulses);
    const records: PulseRecord[] = pulses.map((p, i) => ({
      source: p.source,
      id: p.id,
      recipient: this.pseudonymise(refs[i]),
      question: p.question,
      questionId: p.questionId,
      entityRef: p.entityRef,
      createdAt: p.createdAt,
      expiresAt: p.expiresAt,
      answer: p.answer,
    }));
    return this.stores.pulses.upsertPulses(records, options);
  }

  private async recipientRefs(pulses: PulseInput[]): Promise<string[]> {
    if (!pulses.some(p => isEmailPerson(p.recipient))) return pulses.map(p => p.recipient);
    const byEmail = new Map<string, string[]>();
    for (const u of await this.stores.people.listUsers()) {
      if (!u.email) continue;
      byEmail.set(u.email, [...(byEmail.get(u.email) ?? []), u.userRef]);
    }
    const issues: Array<{ path: PropertyKey[]; message: string }> = [];
    const refs = pulses.map((p, i) => {
      if (!isEmailPerson(p.recipient)) return p.recipient;
      const users = byEmail.get(p.recipient) ?? [];
      if (users.length === 1) return users[0];
      issues.push({
        path: ['pulses', i, 'recipient'],
        message:
          users.length === 0
            ? `no catalog User has the email ${p.recipient} (spec.profile.email); send the user ref`
            : `${users.length} catalog Users have the email ${p.recipient}; send the user ref`,
      });
      return '';
    });
    if (issues.length > 0) throw new InputError(`Invalid request: ${formatIssues(issues)}`);
    return refs;
  }

  async current(userRef: string): Promise<CurrentPulse> {
    const pulse = await this.stores.pulses.currentPulse(this.pseudonymise(userRef), this.clock());
    return {
      pulse: pulse
        ? { id: pulse.key, question: pulse.question, entityRef: pulse.entityRef, expiresAt: new Date(pulse.expiresAt).toISOString() }
        : null,
    };
  }

  /** Answers the user's pulse: 404 when it is not theirs, 409 when answered, dismissed or expired. */
  answer(userRef: string, key: string, value: number) {
    return this.close(userRef, key, { state: 'answered', value });
  }

  /** Dismisses the user's pulse, with the errors of {@link PulseService.answer}. */
  dismiss(userRef: string, key: string) {
    return this.close(userRef, key, { state: 'dismissed' });
  }

  private async close(
    userRef: string,
    key: string,
    outcome: { state: 'answered'; value: number } | { state: 'dismissed' },
  ): Promise<{ id: string; state: 'answered' | 'dismissed' }> {
    const result = await this.stores.pulses.closePulse(this.pseudonymise(userRef), key, this.clock(), outcome);
    switch (result) {
      case 'closed':
        return { id: key, state: outcome.state };
      case 'not-found':
        throw new NotFoundError(`No pulse ${key} for the signed-in user`);
      case 'expired':
        throw new ConflictError(`Pulse ${key} has expired`);
      default:
        throw new ConflictError(`Pulse ${key} is already ${result}`);
    }
  }

  /**
   * The results per question of the answers given from the start of the
   * calendar quarter holding the window's start to its end, released in
   * steps of k per question and quarter (see `release.ts`). Only whole days
   * count: the answers of today are read from tomorrow on, when no more can
   * join the day (the order within a day is by random key, so a day still
   * filling could swap a released answer for a new one).
   */
  async org(window: Window): Promise<OrgPulses> {
    const from = quarterStart(window.from);
    const to = Math.min(window.to, dayStart(this.clock()));
    const [questions, answers] = await Promise.all([
      this.stores.pulses.listQuestions({ from, to }),
      this.stores.pulses.listAnswers({ from, to }),
    ]);
    const quarters: string[] = [];
    for (let q = DateTime.fromMillis(from, { zone: 'utc' }); q.toMillis() < to; q = q.plus({ quarters: 1 })) {
      quarters.push(quarterOf(q.toMillis()));
    }
    return {
      window: windowJson(window),
      period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), quarters },
      questions: pulseFigures(questions, answers, this.settings.survey.minGroupSize),
    };
  }
}
