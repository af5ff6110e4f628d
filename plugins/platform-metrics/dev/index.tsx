import { createDevApp } from '@backstage/frontend-dev-utils';

import plugin from '../src/alpha';

// The frontend plugin on its own, through the new frontend system:
// `yarn start` in plugins/platform-metrics serves it where the repository's
// app-config.yaml says (http://localhost:3000), with the Platform health
// page at /platform-health.
//
// The dev app has no sign-in page, so its requests carry no Backstage
// token. Pair it with the plugin's dev backend (`yarn start` in
// plugins/platform-metrics-backend, whose mock authentication takes a
// request without a token as a user) rather than with the demo backend,
// which answers such requests with 401.
createDevApp({ features: [plugin] });
