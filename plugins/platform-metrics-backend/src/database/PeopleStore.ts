/** A catalog User as the catalog sync last saw it (metrics.md §5, §6d). Times are epoch ms. */
export interface UserRow {
  /** Normalised, `user:default/jane`. */
  userRef: string;
  /** `spec.profile.email`, lower-cased; null without one. */
  email: string | null;
  /** The `github.com/user-login` annotation, lower-cased; null without one. */
  githubLogin: string | null;
  /** The `platform-metrics.io/start-date` annotation; null without one or when it does not parse. */
  annotatedStartAt: number | null;
  /** The first catalog sync that saw the User. */
  firstSeenAt: number;
}

export type UserUpsert = Omit<UserRow, 'firstSeenAt'>;

/**
 * The people behind the events: the catalog's Users (recorded by the
 * catalog sync) and the deployments that shipped their changes.
 */
export interface PeopleStore {
  /**
   * Records the Users one catalog sync saw, in one transaction: a User seen
   * before keeps its first sighting, the others recorded are marked gone
   * from the catalog; the first sync that records any User is remembered
   * ({@link PeopleStore.getFirstSyncedAt}).
   */
  syncUsers(users: UserUpsert[], seenAt: number): Promise<void>;
  /** When the first sync that recorded Users ran: Users first seen then were there before the suite. */
  getFirstSyncedAt(): Promise<number | undefined>;
  /** The Users in the catalog now, by ref. */
  listUsers(): Promise<UserRow[]>;
  /** The User in the catalog whose GitHub login this is (lower-cased), when exactly one has it. */
  userByGithubLogin(login: string): Promise<string | undefined>;
  /**
   * For each of the `authors` (user refs and email addresses as stored on
   * changes), the distinct `finishedAt` of the successful deployments to
   * the production environments that finished before `to` and shipped a
   * change by that author, ascending. Authors without one are absent.
   */
  authoredDeployments(query: { authors: string[]; to: number; productionEnvironments: string[] }): Promise<Map<string, number[]>>;
}
