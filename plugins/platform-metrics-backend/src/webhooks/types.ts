import { PushRow } from '../database/WebhookStore';

/** The tools the receivers accept deliveries from. */
export const PROVIDERS = ['github', 'gitlab', 'pagerduty', 'argocd'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** An annotation value a delivery is matched to entities on (value lower-cased). */
export interface MatchKey {
  annotation: string;
  value: string;
}

/** A deployment's state as one delivery tells it. */
export interface DeploymentFact {
  kind: 'deployment';
  source: string;
  id: string;
  /** When the tool says the state was reached (epoch ms). */
  occurredAt: number;
  match: MatchKey[];
  /** The entity the payload names (GitHub deployment `payload.backstageEntity`), normalised. */
  entity?: string;
  environment: string;
  /** `null`: not a final state (pending, in progress, ...), which changes nothing. */
  status: 'succeeded' | 'failed' | null;
  commitSha?: string;
  /**
   * Who the delivery says did it (metrics.md §5): an email address, or a
   * GitHub login (lower-cased) to look up among the catalog's Users.
   */
  actor?: { email?: string; githubLogin?: string };
}

/** An incident's transition as one delivery tells it. */
export interface IncidentFact {
  kind: 'incident';
  source: string;
  id: string;
  occurredAt: number;
  match: MatchKey[];
  transition: 'open' | 'resolve';
  /** When the incident was created, when the payload says. */
  createdAt?: number;
  severity?: string;
}

/** What one delivery means. */
export type ParsedDelivery =
  | { kind: 'ignored'; reason: string }
  | { kind: 'unprocessable'; reason: string }
  /** Activity of a repository (push, pipeline): matched for the status view; a push is kept for lead times. */
  | { kind: 'activity'; match: MatchKey[]; push?: PushRow }
  | DeploymentFact
  | IncidentFact;

export type Fact = DeploymentFact | IncidentFact;

/** The record a delivery's facts are folded into. */
export const subjectOf = (f: Fact) => `${f.kind}:${f.source}:${f.id}`;

export const ANNOTATIONS = {
  githubSlug: 'github.com/project-slug',
  gitlabSlug: 'gitlab.com/project-slug',
  gitlabId: 'gitlab.com/project-id',
  pagerdutyService: 'pagerduty.com/service-id',
  argocdApp: 'argocd/app-name',
} as const;

/** Every annotation the catalog sync records for matching. */
export const MATCH_ANNOTATIONS: string[] = Object.values(ANNOTATIONS);

/** A match key as stored and shown: `<annotation>=<value>`. */
export const matchKeyString = (k: MatchKey) => `${k.annotation}=${k.value}`;
