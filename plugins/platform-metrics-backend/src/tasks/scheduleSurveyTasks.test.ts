import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices } from '../__testUtils__/services';
import { IngestService } from '../ingest/IngestService';
import { SURVEY_PUBLICATION_TASK, scheduleSurveyTasks } from './scheduleSurveyTasks';

jest.setTimeout(60_000);

type Task = SchedulerServiceTaskScheduleDefinition & { id: string; fn: (signal: AbortSignal) => Promise<void> };

describe('scheduleSurveyTasks', () => {
  const databases = createTestDatabases();

  async function setup() {
    const services = await createServices(await databases.init('SQLITE_3'), {}, () => Date.parse('2026-11-22T12:00:00Z'));
    const tasks: Task[] = [];
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: jest.fn(async (task: any) => {
        tasks.push(task);
      }),
    });
    await scheduleSurveyTasks({
      scheduler,
      logger: mockServices.logger.mock(),
      publications: services.publications,
      admin: services.surveyAdmin,
    });
    const responses = Array.from({ length: 6 }, (_, i) => ({
      surveyId: '2026-Q3',
      userRef: `user:default/u${i}`,
      score: 9,
      submittedAt: '2026-08-01T00:00:00.000Z',
    }));
    return { services, tasks, responses };
  }

  it('schedules publication and retention with global scope', async () => {
    const { tasks } = await setup();
    expect(tasks.map(t => [t.id, t.scope])).toEqual([
      [SURVEY_PUBLICATION_TASK, 'global'],
      ['platform-metrics:survey-retention', 'global'],
    ]);
  });

  it('publishes when run, and writes nothing when the scheduler has aborted it', async () => {
    const { services, tasks, responses } = await setup();
    await services.ingest.surveyResponses(responses, 'external:history');
    const aborted = new AbortController();
    aborted.abort();
    await expect(tasks[0].fn(aborted.signal)).rejects.toThrow();
    await expect(tasks[1].fn(aborted.signal)).rejects.toThrow();
    expect(await services.stores.publications.listSurveyIds()).toEqual([]);
    await tasks[0].fn(new AbortController().signal);
    expect(await services.stores.publications.listSurveyIds()).toEqual(['2026-Q3']);
  });

  it('an import that stored answers asks for a publication run', async () => {
    const { services, responses } = await setup();
    const onImported = jest.fn();
    const ingest = new IngestService(services.stores, {
      productionEnvironments: services.settings.productionEnvironments,
      pseudonymise: services.pseudonymise,
      onImported,
    });
    await ingest.surveyResponses(responses, 'external:history');
    expect(onImported).toHaveBeenCalledTimes(1);
    // everything skipped: nothing new to publish
    await ingest.surveyResponses(responses, 'external:history');
    expect(onImported).toHaveBeenCalledTimes(1);
  });
});
