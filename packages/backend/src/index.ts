import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo (enabled in app-config.demo.yaml only),
// GitHub for production (app-config.production.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog: the demo organisation from examples/
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// the Template kind, for the demo's golden-path templates (examples/templates.yaml)
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));

// permission framework: users read, admin groups write (permissionPolicy in
// the config); the demo allows everything (app-config.demo.yaml)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

backend.add(import('@platform-metrics/plugin-platform-metrics-backend'));

// notifications: the survey's invitations and reminders (platformMetrics.survey),
// shown live in the app through signals; each user turns them off in Settings
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// AI assistants: the actions the plugins register (backend.actions.pluginSources
// in app-config.yaml) as MCP tools at /api/mcp-actions/v1
backend.add(import('@backstage/plugin-mcp-actions-backend'));
backend.start();
