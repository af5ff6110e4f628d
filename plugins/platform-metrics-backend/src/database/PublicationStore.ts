import { Bucket } from '../surveys/anonymity';

/** Promoters, passives and detractors of one scope; n is their sum. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Respondents who answered 1, 2, 3, 4 and 5 to an agreement question. */
export type Distribution = [number, number, number, number, number];

/**
 * One agreement question's figures in a publication (metrics.md §18): the
 * org's and the released reporting groups'. `from` is the seq of the
 * publication that computed them: a publication that could not release new
 * figures of a question carries the previous ones forward unchanged.
 */
export interface QuestionPublication {
  from: number;
  org: Distribution;
  groups: Record<string, Distribution>;
  /** Groups with n >= k withheld by complementary suppression. */
  suppressed: string[];
}

/**
 * The published results of a survey at one point (metrics.md §8a): what
 * every read of its NPS and comments shows until the next publication.
 */
export interface SurveyPublication {
  surveyId: string;
  /** 1, 2, ... per survey. */
  seq: number;
  /** A UTC midnight: the answers submitted before it (a closed survey: all of them). */
  asOf: number;
  publishedAt: number;
  /** The minimum k it was made with; its groups are withheld when k has been raised since. */
  k: number;
  org: NpsCounts;
  /** The released reporting groups (n >= k, not suppressed). */
  groups: Record<string, NpsCounts>;
  /** Reporting groups with n >= k withheld so that no subtraction reveals fewer than k people. */
  suppressed: string[];
  /** The agreement questions' figures, by question id (none in publications made before there were any). */
  questions?: Record<string, QuestionPublication>;
}

/** One respondent a publication counted, by pseudonym, with the comment it released (if any). */
export interface PublicationEntry {
  userKey: string;
  /** Days since 1970-01-01 of the answer counted (a later answer of the same person is a change). */
  submittedDay: number;
  /** The reporting groups it was counted in. */
  groups: string[];
  /** Set only when the publication released the comment. */
  comment: string | null;
  bucket: Bucket | null;
  /** The groups whose comment list shows it (the org list shows every released comment). */
  commentGroups: string[];
  /** The agreement questions the counted response had answered. */
  questions: string[];
}

/** A released comment, without identity. */
export interface ReleasedComment {
  comment: string;
  bucket: Bucket;
  groups: string[];
}

/** The survey publications; only the publication task writes them, every NPS and comment read uses them. */
export interface PublicationStore {
  /** The latest publication of a survey. */
  latest(surveyId: string): Promise<SurveyPublication | undefined>;
  /** The ids of the surveys with publications. */
  listSurveyIds(): Promise<string[]>;
  /** Every publication of a survey, oldest first. */
  list(surveyId: string): Promise<SurveyPublication[]>;
  /** The entries of some publications of a survey, by seq. */
  entries(surveyId: string, seqs: number[]): Promise<Map<number, PublicationEntry[]>>;
  /** For each survey up to `maxSurveyId`: its latest publication as of `to` (`asOf <= to`), by survey id. */
  asOf(query: { maxSurveyId: string; to: number }): Promise<SurveyPublication[]>;
  /** The comments one publication released. */
  comments(surveyId: string, seq: number): Promise<ReleasedComment[]>;
  /** Writes a publication and its entries; false when that seq exists already (another run was first). */
  publish(publication: SurveyPublication, entries: PublicationEntry[]): Promise<boolean>;
  /** Erasure: the entries of these pseudonyms (their released comments with them). */
  deleteEntriesOf(userKeys: string[]): Promise<{ entries: number; comments: number }>;
  /** Retention: the entries of these surveys; their counts stay. */
  deleteEntriesOfSurveys(surveyIds: string[]): Promise<number>;
}
