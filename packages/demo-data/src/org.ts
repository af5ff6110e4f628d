/**
 * The demo organisation: teams, users, domains, systems and components.
 *
 * The catalog YAML in `examples/` is rendered from this definition
 * (`platform-metrics-demo-data yaml`), and the event generator uses the same
 * definition, so the catalog and the metrics always agree.
 *
 * Dates in the catalog (the `platform-metrics.io/created-at` annotations) and
 * the platform launch are absolute, anchored on {@link DEMO_EPOCH}: the
 * catalog is static YAML, and an event generated for a given day is the same
 * whichever day the generator runs, so re-seeding a day later never doubles
 * anything. Move the epoch (`yaml --epoch`) to refresh the story.
 */
import { DEMO_RESOURCES, dependenciesOf } from './platformCatalog';
import { hashString, Random } from './random';

const DAY = 86_400_000;

/** The date the demo organisation's relative dates are anchored on. */
export const DEMO_EPOCH = '2026-11-22T00:00:00.000Z';

/** Days before the epoch on which the internal developer platform launched. */
export const LAUNCH_DAYS_BEFORE_EPOCH = 200;

/** Golden-path software templates. */
export const TEMPLATES = {
  node: 'template:default/golden-path-node-service',
  java: 'template:default/golden-path-java-service',
  web: 'template:default/golden-path-react-website',
} as const;

/** How a team (or one of its components) delivers software. */
export interface DeliveryProfile {
  /** Mean production deployments per weekday per service. */
  deploysPerDay: number;
  /** Median time from commit to production, hours. */
  leadTimeHours: number;
  /** Share of production deployments that cause an incident or need repair. */
  changeFailureRate: number;
  /** Median time to restore service, hours. */
  restoreHours: number;
  /** Mean number of changes (commits) per deployment. */
  changesPerDeploy: number;
  /** Share of production deployments preceded by a staging deployment. */
  stagingRatio: number;
  /** Share of production rollouts that fail (never finish) and are retried. */
  failedRolloutRate: number;
}

/** The story of a team, used by the generator and in documentation. */
export type TeamProfileKind =
  | 'elite'
  | 'platform'
  | 'weekly'
  | 'steady'
  | 'struggling'
  | 'monthly'
  | 'onboarding';

export interface TeamDef {
  name: string;
  displayName: string;
  description: string;
  profile: TeamProfileKind;
  /** Delivery before the platform launch (and for services off the golden path). */
  before: DeliveryProfile;
  /** Delivery of golden-path services after they adopted it. */
  after: DeliveryProfile;
  /** Mean NPS score (0..10) before the launch, and the gain after it. */
  satisfaction: { before: number; after: number };
  /** Number of users (besides the guest) in the team. */
  size: number;
  /** When the team was formed, if recently (ISO). */
  formedAt?: string;
}

export type ComponentType = 'service' | 'website' | 'library';

export interface ComponentDef {
  name: string;
  description: string;
  type: ComponentType;
  lifecycle: 'production' | 'experimental' | 'deprecated';
  /** Team name (a Group in the catalog). */
  owner: string;
  system: string;
  /** `backstage.io/source-template`: made from a golden-path template. */
  sourceTemplate?: string;
  /** `platform-metrics.io/golden-path-exception`: documented off-ramp. */
  exception?: string;
  /** `platform-metrics.io/created-at` (ISO), for services created in the last year. */
  createdAt?: string;
  /** When it started to benefit from the golden path (generator only, ISO). */
  adoptedAt?: string;
  /** Days from creation to first production deployment; `null`: not deployed yet. */
  firstDeployAfterDays?: number | null;
  /** Multiplier on the team's deployment rate (generator only). */
  activity?: number;
  /** The component is one of the hand-written demo ones (it is in the catalog YAML). */
  inCatalog: boolean;
  /** `spec.dependsOn`: the components and resources it depends on (entity refs; platformCatalog.ts). */
  dependsOn?: string[];
}

/** A catalog Resource (the platform's infrastructure; platformCatalog.ts). */
export interface ResourceDef {
  name: string;
  description: string;
  /** `spec.type`, e.g. `kubernetes-cluster`. */
  type: string;
  /** Team name (a Group in the catalog). */
  owner: string;
  system: string;
  /** `spec.dependsOn` (entity refs). */
  dependsOn?: string[];
}

export interface UserDef {
  name: string;
  displayName: string;
  email: string;
  memberOf: string[];
}

export interface SystemDef {
  name: string;
  description: string;
  owner: string;
  domain: string;
}

export interface DomainDef {
  name: string;
  description: string;
  owner: string;
}

export interface DepartmentDef {
  name: string;
  displayName: string;
  description: string;
}

export interface Org {
  epoch: string;
  launchDate: string;
  department: DepartmentDef;
  domains: DomainDef[];
  systems: SystemDef[];
  teams: TeamDef[];
  users: UserDef[];
  components: ComponentDef[];
  /** The platform's Resources (in the catalog YAML). */
  resources: ResourceDef[];
}

export interface GenerateOrgOptions {
  /** Anchor of the catalog's dates; default {@link DEMO_EPOCH}. */
  epoch?: string | Date;
  /** Seed of synthetic teams and components (sizes above the demo). */
  seed?: number;
  /** Total teams; more than the demo's adds synthetic teams. */
  teams?: number;
  /** Total components; more than the demo's adds synthetic components. */
  entities?: number;
  /** Total users; more than the demo's adds synthetic users. */
  users?: number;
}

const p = (
  deploysPerDay: number,
  leadTimeHours: number,
  changeFailureRate: number,
  restoreHours: number,
  changesPerDeploy: number,
  stagingRatio: number,
  failedRolloutRate: number,
): DeliveryProfile => ({
  deploysPerDay,
  leadTimeHours,
  changeFailureRate,
  restoreHours,
  changesPerDeploy,
  stagingRatio,
  failedRolloutRate,
});

/** The demo's teams and their intended profiles. */
export const DEMO_TEAMS: readonly Omit<TeamDef, 'formedAt'>[] = [
  {
    name: 'payments',
    displayName: 'Payments',
    description:
      'Elite team: deploys to production several times a day, small batches, fast recovery.',
    profile: 'elite',
    before: p(0.9, 7, 0.11, 2, 3, 0.8, 0.04),
    after: p(1.8, 0.6, 0.05, 0.5, 1.5, 0.5, 0.02),
    satisfaction: { before: 7.8, after: 9.3 },
    size: 12,
  },
  {
    name: 'platform',
    displayName: 'Platform Engineering',
    description:
      'Builds the internal developer platform and its golden paths; dogfoods them.',
    profile: 'platform',
    before: p(0.5, 20, 0.12, 3, 3, 0.9, 0.05),
    after: p(0.9, 2.5, 0.07, 0.8, 2, 0.7, 0.03),
    satisfaction: { before: 7.5, after: 9.1 },
    size: 10,
  },
  {
    name: 'checkout',
    displayName: 'Checkout & Storefront',
    description:
      'Weekly release train for the storefront; moving services onto the golden path.',
    profile: 'weekly',
    before: p(0.13, 140, 0.16, 6, 9, 1, 0.06),
    after: p(0.3, 30, 0.11, 3, 5, 1, 0.04),
    satisfaction: { before: 6.9, after: 8.8 },
    size: 12,
  },
  {
    name: 'mobile',
    displayName: 'Customer Apps',
    description: 'Web and mobile front ends; deploys a couple of times a week.',
    profile: 'weekly',
    before: p(0.2, 70, 0.14, 5, 5, 0.9, 0.05),
    after: p(0.4, 20, 0.09, 2, 3, 0.8, 0.03),
    satisfaction: { before: 7.2, after: 8.8 },
    size: 9,
  },
  {
    name: 'identity',
    displayName: 'Identity & Access',
    description:
      'Careful, steady weekly deployer of security-sensitive services.',
    profile: 'steady',
    before: p(0.12, 96, 0.1, 4, 6, 1, 0.04),
    after: p(0.22, 28, 0.07, 2, 4, 1, 0.03),
    satisfaction: { before: 7.3, after: 8.6 },
    size: 9,
  },
  {
    name: 'logistics',
    displayName: 'Logistics',
    description:
      'Struggling: large infrequent releases on legacy systems, high change failure rate, slow recovery.',
    profile: 'struggling',
    before: p(0.07, 500, 0.45, 30, 18, 0.6, 0.12),
    after: p(0.12, 250, 0.36, 20, 12, 0.7, 0.1),
    satisfaction: { before: 5.6, after: 7.4 },
    size: 11,
  },
  {
    name: 'data',
    displayName: 'Data Platform',
    description: 'Monthly releases of pipelines and shared data libraries.',
    profile: 'monthly',
    before: p(0.04, 220, 0.16, 12, 10, 1, 0.07),
    after: p(0.08, 90, 0.1, 6, 6, 1, 0.05),
    satisfaction: { before: 6.7, after: 8.3 },
    size: 10,
  },
  {
    name: 'growth',
    displayName: 'Growth',
    description:
      'New team still onboarding: formed recently, its first services are only now reaching production.',
    profile: 'onboarding',
    before: p(0.1, 120, 0.2, 8, 6, 1, 0.08),
    after: p(0.45, 8, 0.1, 2, 3, 0.9, 0.04),
    satisfaction: { before: 7.0, after: 8.7 },
    size: 8,
  },
];

type C = Omit<ComponentDef, 'createdAt' | 'adoptedAt' | 'inCatalog'> & {
  /** Created this many days before the epoch (gives `createdAt`). */
  createdDaysAgo?: number;
  /** Joined the golden path this many days after the launch. */
  adoptedDaysAfterLaunch?: number;
};

const svc = (
  owner: string,
  system: string,
  name: string,
  description: string,
  extra: Partial<C> = {},
): C => ({
  name,
  description,
  type: 'service',
  lifecycle: 'production',
  owner,
  system,
  ...extra,
});

/** The demo's components. `createdDaysAgo` is relative to the epoch. */
const DEMO_COMPONENTS: C[] = [
  // payments
  svc(
    'payments',
    'payments',
    'payments-api',
    'Public payments API: authorisations, captures and refunds.',
    { sourceTemplate: TEMPLATES.node, adoptedDaysAfterLaunch: 5 },
  ),
  svc(
    'payments',
    'payments',
    'payment-gateway',
    'Connects to card schemes and acquirers.',
    { sourceTemplate: TEMPLATES.java, adoptedDaysAfterLaunch: 20 },
  ),
  svc(
    'payments',
    'payments',
    'ledger-service',
    'Double-entry ledger of every money movement.',
    { sourceTemplate: TEMPLATES.java, adoptedDaysAfterLaunch: 45 },
  ),
  svc(
    'payments',
    'payments',
    'fraud-detection',
    'Real-time fraud scoring of payment attempts.',
    {
      sourceTemplate: TEMPLATES.node,
      createdDaysAgo: 150,
      firstDeployAfterDays: 0.4,
    },
  ),
  svc(
    'payments',
    'payments',
    'payouts-worker',
    'Batches and sends merchant payouts.',
    {
      sourceTemplate: TEMPLATES.node,
      createdDaysAgo: 118,
      firstDeployAfterDays: 0.25,
      activity: 0.6,
    },
  ),
  svc(
    'payments',
    'payments',
    'refunds-service',
    'Refund workflows and chargeback handling.',
    { createdDaysAgo: 320, firstDeployAfterDays: 16, activity: 0.7 },
  ),
  {
    ...svc(
      'payments',
      'payments',
      'payments-sdk',
      'Client SDK for the payments API.',
    ),
    type: 'library',
  },
  // platform
  {
    ...svc(
      'platform',
      'developer-platform',
      'developer-portal',
      'The Backstage developer portal.',
    ),
    type: 'website',
    sourceTemplate: TEMPLATES.web,
    adoptedDaysAfterLaunch: 0,
  },
  svc(
    'platform',
    'developer-platform',
    'ci-runner-controller',
    'Autoscales CI runners.',
    { sourceTemplate: TEMPLATES.node, adoptedDaysAfterLaunch: 0 },
  ),
  svc(
    'platform',
    'developer-platform',
    'deploy-orchestrator',
    'Progressive delivery and automatic rollbacks.',
    { sourceTemplate: TEMPLATES.node, adoptedDaysAfterLaunch: 0 },
  ),
  svc(
    'platform',
    'developer-platform',
    'secrets-broker',
    'Short-lived credentials for workloads.',
    {
      sourceTemplate: TEMPLATES.java,
      createdDaysAgo: 190,
      firstDeployAfterDays: 0.2,
    },
  ),
  svc(
    'platform',
    'developer-platform',
    'observability-gateway',
    'Collects traces, metrics and logs.',
    { sourceTemplate: TEMPLATES.node, adoptedDaysAfterLaunch: 10 },
  ),
  svc(
    'platform',
    'developer-platform',
    'artifact-cache',
    'Build artifact and dependency cache.',
    { activity: 0.5 },
  ),
  {
    ...svc(
      'platform',
      'developer-platform',
      'golden-path-templates',
      'Software templates of the golden paths.',
    ),
    type: 'library',
  },
  // checkout
  svc(
    'checkout',
    'storefront',
    'checkout-api',
    'Checkout flow: basket to order.',
    { sourceTemplate: TEMPLATES.node, adoptedDaysAfterLaunch: 30 },
  ),
  svc('checkout', 'storefront', 'cart-service', 'Shopping carts.', {
    sourceTemplate: TEMPLATES.node,
    adoptedDaysAfterLaunch: 60,
  }),
  {
    ...svc('checkout', 'storefront', 'storefront-web', 'The shop front end.'),
    type: 'website',
    sourceTemplate: TEMPLATES.web,
    adoptedDaysAfterLaunch: 40,
  },
  svc(
    'checkout',
    'storefront',
    'pricing-service',
    'Prices, taxes and currencies.',
  ),
  svc(
    'checkout',
    'storefront',
    'promotions-service',
    'Vouchers and promotions.',
    { activity: 0.7 },
  ),
  svc(
    'checkout',
    'storefront',
    'product-catalog-api',
    'Product information from the PIM.',
    {
      exception:
        'Vendor-managed PIM integration; the vendor ships its releases, migration planned for 2027-Q2',
      activity: 0.4,
    },
  ),
  svc(
    'checkout',
    'storefront',
    'recommendations-service',
    'Product recommendations.',
    {
      lifecycle: 'experimental',
      sourceTemplate: TEMPLATES.node,
      createdDaysAgo: 90,
      firstDeployAfterDays: 1.5,
    },
  ),
  {
    ...svc(
      'checkout',
      'storefront',
      'checkout-ui-kit',
      'Shared UI components of the storefront.',
    ),
    type: 'library',
  },
  // mobile
  svc(
    'mobile',
    'customer-experience',
    'mobile-bff',
    'Backend for the mobile apps.',
    { sourceTemplate: TEMPLATES.node, adoptedDaysAfterLaunch: 15 },
  ),
  {
    ...svc(
      'mobile',
      'customer-experience',
      'customer-portal',
      'Customer self-service portal.',
    ),
    type: 'website',
    sourceTemplate: TEMPLATES.web,
    adoptedDaysAfterLaunch: 25,
  },
  {
    ...svc(
      'mobile',
      'customer-experience',
      'account-web',
      'Account settings web app.',
    ),
    type: 'website',
    sourceTemplate: TEMPLATES.web,
    createdDaysAgo: 170,
    firstDeployAfterDays: 2,
  },
  {
    ...svc(
      'mobile',
      'customer-experience',
      'help-center',
      'Help centre and FAQ.',
    ),
    type: 'website',
    activity: 0.6,
  },
  {
    ...svc(
      'mobile',
      'customer-experience',
      'marketing-site',
      'Public marketing site.',
    ),
    type: 'website',
    exception:
      'Managed in the agency CMS (Contentful); published outside our pipelines',
    activity: 0.3,
  },
  {
    ...svc(
      'mobile',
      'customer-experience',
      'design-tokens',
      'Colours, spacing and typography tokens.',
    ),
    type: 'library',
  },
  // identity
  svc(
    'identity',
    'identity',
    'auth-service',
    'OAuth2/OIDC authorisation server.',
    { sourceTemplate: TEMPLATES.java, adoptedDaysAfterLaunch: 35 },
  ),
  svc(
    'identity',
    'identity',
    'user-profile-service',
    'User profiles and preferences.',
    { sourceTemplate: TEMPLATES.node, adoptedDaysAfterLaunch: 70 },
  ),
  svc(
    'identity',
    'identity',
    'permissions-service',
    'Roles and fine-grained permissions.',
    { createdDaysAgo: 280, firstDeployAfterDays: 24 },
  ),
  svc(
    'identity',
    'identity',
    'sso-bridge',
    'SAML bridge for enterprise customers.',
    {
      exception:
        'Third-party SAML appliance, to be replaced by Keycloak in 2027',
      activity: 0.3,
    },
  ),
  svc(
    'identity',
    'identity',
    'session-store-proxy',
    'Proxy in front of the legacy session store.',
    { lifecycle: 'deprecated', activity: 0.3 },
  ),
  {
    ...svc(
      'identity',
      'identity',
      'admin-console',
      'Internal administration console.',
    ),
    type: 'website',
    activity: 0.6,
  },
  // logistics
  svc('logistics', 'fulfilment', 'warehouse-api', 'Warehouse management API.'),
  svc(
    'logistics',
    'fulfilment',
    'shipping-rates-service',
    'Carrier rates and labels.',
    { createdDaysAgo: 340, firstDeployAfterDays: 41 },
  ),
  svc(
    'logistics',
    'fulfilment',
    'inventory-sync',
    'Synchronises stock levels between warehouses.',
  ),
  svc(
    'logistics',
    'fulfilment',
    'mainframe-order-bridge',
    'Bridge to the order mainframe.',
    {
      exception: 'Legacy mainframe bridge, scheduled for decommission 2027',
      activity: 0.5,
    },
  ),
  {
    ...svc(
      'logistics',
      'fulfilment',
      'order-tracking-web',
      'Parcel tracking pages.',
    ),
    type: 'website',
  },
  svc(
    'logistics',
    'fulfilment',
    'route-planner',
    "Delivery route optimisation; the team's first golden-path service.",
    {
      lifecycle: 'experimental',
      sourceTemplate: TEMPLATES.java,
      createdDaysAgo: 60,
      firstDeployAfterDays: 6,
    },
  ),
  svc(
    'logistics',
    'fulfilment',
    'legacy-edi-gateway',
    'EDI message exchange with partners.',
    {
      lifecycle: 'deprecated',
      exception: 'EDI gateway frozen by partner contract until 2027-03',
      activity: 0.3,
    },
  ),
  // data
  svc(
    'data',
    'data-platform',
    'events-ingest',
    'Ingests product events into the lake.',
    { sourceTemplate: TEMPLATES.java, adoptedDaysAfterLaunch: 50 },
  ),
  svc(
    'data',
    'data-platform',
    'analytics-api',
    'Query API over the warehouse.',
  ),
  {
    ...svc(
      'data',
      'data-platform',
      'reporting-web',
      'Business reporting dashboards.',
    ),
    type: 'website',
  },
  svc(
    'data',
    'data-platform',
    'feature-store',
    'Online feature store for ML models.',
    {
      sourceTemplate: TEMPLATES.java,
      createdDaysAgo: 130,
      firstDeployAfterDays: 3,
    },
  ),
  svc('data', 'data-platform', 'etl-scheduler', 'Nightly ETL jobs.', {
    exception:
      'Runs on the on-prem Hadoop cluster until its migration in 2027-Q1',
  }),
  {
    ...svc(
      'data',
      'data-platform',
      'data-contracts',
      'Schemas of the data contracts.',
    ),
    type: 'library',
  },
  {
    ...svc(
      'data',
      'data-platform',
      'metrics-client',
      'Client library for the metrics pipeline.',
    ),
    type: 'library',
  },
  // growth (formed recently)
  svc(
    'growth',
    'growth',
    'growth-experiments-api',
    'Experiment assignment API.',
    {
      lifecycle: 'experimental',
      sourceTemplate: TEMPLATES.node,
      createdDaysAgo: 75,
      firstDeployAfterDays: 1,
    },
  ),
  svc('growth', 'growth', 'referral-service', 'Refer-a-friend programme.', {
    lifecycle: 'experimental',
    sourceTemplate: TEMPLATES.node,
    createdDaysAgo: 62,
    firstDeployAfterDays: 2.5,
  }),
  {
    ...svc('growth', 'growth', 'landing-pages', 'Campaign landing pages.'),
    type: 'website',
    lifecycle: 'experimental',
    sourceTemplate: TEMPLATES.web,
    createdDaysAgo: 55,
    firstDeployAfterDays: 0.8,
  },
  svc('growth', 'growth', 'attribution-worker', 'Marketing attribution jobs.', {
    lifecycle: 'experimental',
    createdDaysAgo: 52,
    firstDeployAfterDays: 27,
  }),
  svc(
    'growth',
    'growth',
    'email-campaigns-service',
    'Email campaigns; stuck on a hand-made pipeline.',
    {
      lifecycle: 'experimental',
      createdDaysAgo: 48,
      firstDeployAfterDays: null,
    },
  ),
  svc('growth', 'growth', 'loyalty-service', 'Loyalty points; just created.', {
    lifecycle: 'experimental',
    sourceTemplate: TEMPLATES.node,
    createdDaysAgo: 9,
    firstDeployAfterDays: null,
  }),
  {
    ...svc('growth', 'growth', 'ab-testing-sdk', 'Client SDK for experiments.'),
    type: 'library',
    lifecycle: 'experimental',
    createdDaysAgo: 70,
  },
];

const DEMO_DOMAINS: DomainDef[] = [
  {
    name: 'commerce',
    description: 'Everything that makes and takes money.',
    owner: 'payments',
  },
  {
    name: 'operations',
    description: 'Fulfilment, identity and running the business.',
    owner: 'logistics',
  },
  {
    name: 'engineering-productivity',
    description: 'The internal developer platform and data infrastructure.',
    owner: 'platform',
  },
];

const DEMO_SYSTEMS: SystemDef[] = [
  {
    name: 'payments',
    description: 'Payment processing, ledger and payouts.',
    owner: 'payments',
    domain: 'commerce',
  },
  {
    name: 'storefront',
    description: 'The online shop: catalogue, cart and checkout.',
    owner: 'checkout',
    domain: 'commerce',
  },
  {
    name: 'customer-experience',
    description: 'Customer-facing web and mobile apps.',
    owner: 'mobile',
    domain: 'commerce',
  },
  {
    name: 'growth',
    description: 'Experiments, referrals and campaigns.',
    owner: 'growth',
    domain: 'commerce',
  },
  {
    name: 'identity',
    description: 'Authentication, authorisation and user profiles.',
    owner: 'identity',
    domain: 'operations',
  },
  {
    name: 'fulfilment',
    description: 'Warehouses, shipping and order tracking.',
    owner: 'logistics',
    domain: 'operations',
  },
  {
    name: 'developer-platform',
    description: 'The internal developer platform and its golden paths.',
    owner: 'platform',
    domain: 'engineering-productivity',
  },
  {
    name: 'data-platform',
    description: 'Event ingestion, warehouse and analytics.',
    owner: 'data',
    domain: 'engineering-productivity',
  },
];

const FIRST_NAMES = [
  'alice',
  'bruno',
  'chiara',
  'dmitri',
  'elena',
  'farid',
  'grace',
  'hiroshi',
  'ines',
  'jonas',
  'kavya',
  'liam',
  'maya',
  'nikolai',
  'olivia',
  'pedro',
  'quinn',
  'rosa',
  'samir',
  'tara',
  'umar',
  'valeria',
  'wei',
  'ximena',
  'yusuf',
  'zoe',
  'amara',
  'bjorn',
  'camille',
  'diego',
  'esther',
  'felix',
  'gabriela',
  'hamid',
  'ingrid',
  'jamal',
  'keiko',
  'lucas',
  'mei',
  'noah',
  'oskar',
  'priya',
  'rafael',
  'sofia',
  'theo',
  'ursula',
  'viktor',
  'wanjiru',
  'xavier',
  'yara',
  'zain',
  'anika',
  'benedikt',
  'clara',
  'daniel',
  'emeka',
  'fatima',
  'giulia',
  'henrik',
  'isabel',
  'jakob',
  'kofi',
  'lena',
  'marco',
  'nadia',
  'omar',
  'paula',
  'ravi',
  'selin',
  'tomas',
  'ulla',
  'vera',
  'william',
  'yasmin',
  'zeynep',
  'aditya',
  'beatriz',
  'carlos',
  'dalia',
  'erik',
  'freya',
  'goran',
];

const LAST_NAMES = [
  'nguyen',
  'silva',
  'rossi',
  'ivanov',
  'garcia',
  'haddad',
  'okafor',
  'tanaka',
  'moreau',
  'schmidt',
  'iyer',
  'oconnor',
  'cohen',
  'petrov',
  'brown',
  'santos',
  'muller',
  'kowalski',
  'ali',
  'lindqvist',
  'chen',
  'dubois',
  'yilmaz',
  'kim',
  'novak',
  'fischer',
  'mensah',
  'larsen',
  'costa',
  'sato',
  'jensen',
  'popescu',
  'kaur',
  'andersen',
  'hoffmann',
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The demo's users, team by team; the guest joins the platform team. */
function demoUsers(
  teams: readonly { name: string; size: number }[],
): UserDef[] {
  const users: UserDef[] = [];
  let i = 0;
  for (const team of teams) {
    for (let k = 0; k < team.size; k++, i++) {
      const first = FIRST_NAMES[i % FIRST_NAMES.length];
      const last =
        LAST_NAMES[
          (i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length
        ];
      users.push({
        name: `${first}.${last}`,
        displayName: `${capitalise(first)} ${capitalise(
          last === 'oconnor' ? "o'connor" : last,
        )}`,
        email: `${first}.${last}@example.com`,
        memberOf: [team.name],
      });
    }
  }
  users.push({
    name: 'guest',
    displayName: 'Guest',
    email: 'guest@example.com',
    memberOf: ['platform'],
  });
  return users;
}

const SYNTHETIC_PROFILES = [
  'elite',
  'platform',
  'weekly',
  'steady',
  'struggling',
  'monthly',
];

/**
 * The organisation. With no size options: the demo organisation of the
 * catalog YAML. Larger `teams`, `entities` or `users` add synthetic teams,
 * components and users (for benchmarks; they are not in the catalog YAML).
 */
export function generateOrg(opts: GenerateOrgOptions = {}): Org {
  let epochMs = Date.parse(DEMO_EPOCH);
  if (opts.epoch !== undefined) {
    epochMs =
      typeof opts.epoch === 'string'
        ? Date.parse(opts.epoch)
        : opts.epoch.getTime();
  }
  if (Number.isNaN(epochMs))
    throw new TypeError(`invalid epoch ${String(opts.epoch)}`);
  const launchMs = epochMs - LAUNCH_DAYS_BEFORE_EPOCH * DAY;

  const teams: TeamDef[] = DEMO_TEAMS.map(t =>
    t.profile === 'onboarding'
      ? { ...t, formedAt: iso(epochMs - 80 * DAY) }
      : { ...t },
  );
  const components: ComponentDef[] = DEMO_COMPONENTS.map(c => {
    const { createdDaysAgo, adoptedDaysAfterLaunch, ...rest } = c;
    // Created during working hours (UTC), at a time of day derived from the name.
    const minuteOfDay = 8 * 60 + (hashString(c.name) % (9 * 60));
    const createdAt =
      createdDaysAgo !== undefined
        ? iso(epochMs - createdDaysAgo * DAY + minuteOfDay * 60_000)
        : undefined;
    let adoptedAt: string | undefined;
    if (c.sourceTemplate) {
      adoptedAt =
        adoptedDaysAfterLaunch !== undefined
          ? iso(launchMs + adoptedDaysAfterLaunch * DAY)
          : createdAt ?? iso(launchMs);
    }
    const def: ComponentDef = { ...rest, inCatalog: true };
    const dependsOn = dependenciesOf(c);
    if (dependsOn.length) def.dependsOn = dependsOn;
    if (createdAt) def.createdAt = createdAt;
    if (adoptedAt) def.adoptedAt = adoptedAt;
    return def;
  });
  const users = demoUsers(teams);

  // Synthetic growth for benchmark sizes.
  const rng = new Random(`org:${opts.seed ?? 1}`);
  const wantTeams = opts.teams ?? teams.length;
  const systems = [...DEMO_SYSTEMS];
  for (let t = teams.length; t < wantTeams; t++) {
    const kind = rng.pick(SYNTHETIC_PROFILES);
    const model = DEMO_TEAMS.find(x => x.profile === kind)!;
    const name = `team-${String(t + 1).padStart(3, '0')}`;
    teams.push({
      ...model,
      name,
      displayName: `Team ${t + 1}`,
      description: `Synthetic ${kind} team.`,
      size: rng.int(5, 12),
    });
    systems.push({
      name: `system-${String(t + 1).padStart(3, '0')}`,
      description: `Synthetic system of ${name}.`,
      owner: name,
      domain: rng.pick(DEMO_DOMAINS).name,
    });
  }
  const wantEntities = opts.entities ?? components.length;
  for (let n = components.length; n < wantEntities; n++) {
    const team = teams[n % teams.length];
    const system =
      systems.find(s => s.owner === team.name)?.name ?? DEMO_SYSTEMS[0].name;
    const roll = rng.next();
    let type: ComponentType = 'library';
    if (roll < 0.75) type = 'service';
    else if (roll < 0.92) type = 'website';
    const c: ComponentDef = {
      name: `svc-${String(n + 1).padStart(5, '0')}`,
      description: `Synthetic ${type}.`,
      type,
      lifecycle: 'production',
      owner: team.name,
      system,
      activity: rng.between(0.3, 1.5),
      inCatalog: false,
    };
    const adoption = rng.next();
    if (type !== 'library' && adoption < 0.55) {
      c.sourceTemplate = rng.pick(Object.values(TEMPLATES));
      c.adoptedAt = iso(launchMs + rng.int(0, 150) * DAY);
    } else if (type !== 'library' && adoption < 0.62) {
      c.exception = 'Synthetic documented exception';
    }
    if (rng.chance(0.15)) {
      c.createdAt = iso(epochMs - rng.int(10, 360) * DAY);
      c.firstDeployAfterDays = rng.chance(0.1) ? null : rng.between(0.2, 30);
      if (c.sourceTemplate) c.adoptedAt = c.createdAt;
    }
    components.push(c);
  }
  const wantUsers = opts.users ?? users.length;
  for (let u = users.length; u < wantUsers; u++) {
    const team = teams[u % teams.length];
    const name = `user-${String(u + 1).padStart(5, '0')}`;
    users.push({
      name,
      displayName: `User ${u + 1}`,
      email: `${name}@example.com`,
      memberOf: [team.name],
    });
  }

  return {
    epoch: iso(epochMs),
    launchDate: iso(launchMs),
    department: {
      name: 'engineering',
      displayName: 'Engineering',
      description: 'The engineering department of the demo organisation.',
    },
    domains: DEMO_DOMAINS,
    systems,
    teams,
    users,
    components,
    resources: DEMO_RESOURCES,
  };
}
