import supertest from 'supertest';
import { responseErrors } from './openapi';

/*
 * supertest with every response checked against the OpenAPI spec: a test
 * awaiting a response (or ending it) fails when the response's status is not
 * documented for its operation or its body does not match the documented
 * schema, including a field the spec does not name. Requests are not checked:
 * the tests send invalid ones on purpose.
 */

type App = Parameters<typeof supertest>[0];
type Agent = ReturnType<typeof supertest>;
type Test = ReturnType<Agent['get']>;
type EndCallback = Parameters<Test['end']>[0];

const METHODS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
] as const;

/** The error a test fails with when a response drifted from the spec. */
export class ResponseDriftError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The response does not match the OpenAPI spec:\n  ${problems.join(
        '\n  ',
      )}`,
    );
    this.name = 'ResponseDriftError';
  }
}

function validated(test: Test): Test {
  const end = test.end;
  test.end = function validatedEnd(this: Test, callback?: EndCallback) {
    return end.call(this, (err: any, res: supertest.Response) => {
      if (!err && res) {
        const problems = responseErrors({
          method: (test as unknown as { method: string }).method,
          url: (test as unknown as { url: string }).url,
          status: res.status,
          contentType: res.headers['content-type'],
          text: res.text ?? '',
        });
        if (problems.length > 0) {
          callback?.(new ResponseDriftError(problems), res);
          return;
        }
      }
      callback?.(err, res);
    });
  } as Test['end'];
  return test;
}

/** Like supertest's `request(app)`; every response is checked against the spec. */
export function request(app: App): Agent {
  const agent = supertest(app);
  for (const method of METHODS) {
    const original = agent[method].bind(agent);
    (agent as any)[method] = (url: string) => validated(original(url));
  }
  return agent;
}
