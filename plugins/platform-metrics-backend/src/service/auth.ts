import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  platformMetricsAnnotationsWritePermission,
  platformMetricsCommentsReadPermission,
  platformMetricsIngestPermission,
  platformMetricsIntegrationsReadPermission,
  platformMetricsReadPermission,
  platformMetricsSurveyAdminPermission,
  platformMetricsSurveyImportPermission,
} from '@platform-metrics/plugin-platform-metrics-common';
import { lower } from '../lib/refs';

/** A request of any route of the typed router, as httpAuth takes it. */
type AnyRequest = Parameters<HttpAuthService['credentials']>[0];

/** The principals of the metric reads and the annotation writes. */
const USERS_AND_SERVICES: Array<'user' | 'service'> = ['user', 'service'];

/**
 * The principal check of `httpAuth.credentials(req, { allow })`, with its
 * errors, for credentials that come without a request.
 */
function allowOnly(credentials: BackstageCredentials, allow: Array<'user' | 'service'>): BackstageCredentials {
  const type = (credentials.principal as { type?: string } | null)?.type;
  if (type === 'none' || !type) throw new AuthenticationError('Missing credentials');
  if (!(allow as string[]).includes(type)) throw new NotAllowedError(`This endpoint does not allow '${type}' credentials`);
  return credentials;
}

/**
 * The checks of {@link createAuth} on credentials already in hand (the
 * actions of `src/actions` get them from the actions registry): the same
 * principal types and permissions as the HTTP routes.
 */
export function createCredentialsAuth(permissions: PermissionsService) {
  async function authorize(credentials: BackstageCredentials, permission: BasicPermission) {
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  }

  return {
    authorize,

    /** Metric reads: users or services with the read permission. */
    async read(credentials: BackstageCredentials) {
      return authorize(allowOnly(credentials, USERS_AND_SERVICES), platformMetricsReadPermission);
    },

    /**
     * Writing annotations: users or services with the annotations write
     * permission. Returns who writes: the user's normalised ref or the
     * service's subject.
     */
    async annotationsWrite(credentials: BackstageCredentials): Promise<string> {
      await authorize(allowOnly(credentials, USERS_AND_SERVICES), platformMetricsAnnotationsWritePermission);
      const p = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
      return p.type === 'user' ? lower(p.userEntityRef!) : p.subject!;
    },
  };
}

export type CredentialsAuth = ReturnType<typeof createCredentialsAuth>;

/** Who may call what: credentials by principal type, then the plugin's permissions. */
export function createAuth(deps: { httpAuth: HttpAuthService; permissions: PermissionsService }) {
  const { httpAuth, permissions } = deps;
  const checks = createCredentialsAuth(permissions);
  const { authorize } = checks;

  return {
    /** The checks on credentials in hand, for the operations the routes share with the actions. */
    checks,

    /** A user's or a service's credentials, not yet authorised (the operations check them). */
    async credentials(req: AnyRequest) {
      return httpAuth.credentials(req, { allow: USERS_AND_SERVICES });
    },

    /** Ingestion takes service or external-access credentials only, with the ingest permission. */
    async ingest(req: AnyRequest) {
      return authorize(await httpAuth.credentials(req, { allow: ['service'] }), platformMetricsIngestPermission);
    },

    /** Metric reads: users or services with the read permission. */
    async read(req: AnyRequest) {
      return checks.read(await httpAuth.credentials(req, { allow: USERS_AND_SERVICES }));
    },

    /** Survey comments: user principals only (a shared service token is no reader), with the comments permission. */
    async comments(req: AnyRequest) {
      return authorize(await httpAuth.credentials(req, { allow: ['user'] }), platformMetricsCommentsReadPermission);
    },

    /**
     * Survey imports: service or external-access credentials with the import
     * permission (not the ingest permission). Returns the calling service's
     * subject, recorded as the origin of what it imports.
     */
    async surveyImport(req: AnyRequest): Promise<string> {
      const credentials = await httpAuth.credentials(req, { allow: ['service'] });
      await authorize(credentials, platformMetricsSurveyImportPermission);
      return credentials.principal.subject;
    },

    /** Survey administration (erasure): users or services with the survey admin permission. */
    async surveyAdmin(req: AnyRequest) {
      return authorize(
        await httpAuth.credentials(req, { allow: ['user', 'service'] }),
        platformMetricsSurveyAdminPermission,
      );
    },

    /** The webhook receivers' status: users or services with the integrations read permission. */
    async integrationsRead(req: AnyRequest) {
      return authorize(
        await httpAuth.credentials(req, { allow: ['user', 'service'] }),
        platformMetricsIntegrationsReadPermission,
      );
    },

    /** A read that serves ingestion (e.g. a CI tool's `--since-last`): the ingest or the read permission. */
    async ingestOrRead(req: AnyRequest) {
      const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
      const decisions = await permissions.authorize(
        [{ permission: platformMetricsIngestPermission }, { permission: platformMetricsReadPermission }],
        { credentials },
      );
      if (!decisions.some(d => d.result === 'ALLOW')) {
        throw new NotAllowedError(
          `Missing permission ${platformMetricsIngestPermission.name} or ${platformMetricsReadPermission.name}`,
        );
      }
      return credentials;
    },

    /**
     * Writing annotations: users or services with the annotations write
     * permission. Returns who writes: the user's normalised ref or the
     * service's subject.
     */
    async annotationsWrite(req: AnyRequest): Promise<string> {
      return checks.annotationsWrite(await httpAuth.credentials(req, { allow: USERS_AND_SERVICES }));
    },

    /** The signed-in user's normalised ref (survey routes take the user from the token only). */
    async userRef(req: AnyRequest) {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      return lower(credentials.principal.userEntityRef);
    },
  };
}

export type RouterAuth = ReturnType<typeof createAuth>;
