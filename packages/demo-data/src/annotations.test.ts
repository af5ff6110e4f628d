import { contractViolation } from './__testUtils__/apiContract';
import { demoAnnotations, loadAnnotations } from './annotations';
import { generateOrg } from './org';

describe('the demo annotations', () => {
  const org = generateOrg({ seed: 1 });

  it('marks the platform launch and the golden path v2 release, org-wide, as the spec allows', () => {
    const annotations = demoAnnotations(org);
    expect(annotations.map(a => [a.id, a.scope])).toEqual([
      ['demo-platform-launch', 'org'],
      ['demo-golden-path-v2', 'org'],
    ]);
    expect(annotations[0].at).toBe(new Date(Date.parse(org.launchDate)).toISOString());
    expect(Date.parse(annotations[1].at)).toBeGreaterThan(Date.parse(annotations[0].at));
    expect(Date.parse(annotations[1].at)).toBeLessThan(Date.parse(org.epoch));
    for (const a of annotations) expect(contractViolation('annotations', a)).toBeUndefined();
  });

  it('posts each one with the token, counting created and replaced ones', async () => {
    const seen = new Set<string>();
    const calls: Array<{ url: string; auth: string }> = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      calls.push({ url, auth: (init.headers as Record<string, string>).authorization });
      const status = seen.has(body.id) ? 200 : 201;
      seen.add(body.id);
      return new Response(JSON.stringify(body), { status });
    }) as unknown as typeof fetch;
    const opts = { annotations: demoAnnotations(org), baseUrl: 'http://backend:7007', token: 't', fetch: fetchImpl };
    expect(await loadAnnotations(opts)).toEqual({ created: 2, updated: 0 });
    expect(await loadAnnotations(opts)).toEqual({ created: 0, updated: 2 });
    expect(calls[0]).toEqual({ url: 'http://backend:7007/api/platform-metrics/annotations', auth: 'Bearer t' });
  });

  it('fails on an error answer', async () => {
    const fetchImpl = (async () => new Response('{"error":{}}', { status: 403 })) as unknown as typeof fetch;
    await expect(loadAnnotations({ annotations: demoAnnotations(org), fetch: fetchImpl })).rejects.toThrow(/403/);
  });
});
