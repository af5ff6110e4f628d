import { z } from 'zod';
import { Clock, makeWindow } from '../lib/time';
import { createOpenApiRouter } from '../schema/openapi';
import { surveyErasureQuerySchema } from '../schema/surveyAdminValidation';
import {
  metricsQuerySchema,
  parseInput,
  questionIdSchema,
  surveyIdSchema,
  surveyQuestionAnswerSchema,
  surveyResponseSchema,
  surveySnoozeSchema,
  timestamp,
} from '../schema/validation';
import { SurveyAdmin } from '../surveys/SurveyAdmin';
import { SurveyService } from '../surveys/SurveyService';
import { RouterAuth } from './auth';
import { CatalogVisibility } from './visibility';

const questionResultsQuerySchema = z.strictObject({
  to: timestamp.optional(),
  group: metricsQuerySchema.shape.group,
});

/**
 * The survey's routes: the caller's own survey (user credentials; the user
 * comes from the token), the published comments and question results
 * (metrics.md §8a, §18), and the erasure of one person's answers.
 */
export function mountSurveyRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: {
    auth: Pick<RouterAuth, 'userRef' | 'surveyAdmin' | 'comments' | 'read'>;
    visibility: Pick<CatalogVisibility, 'assertVisible'>;
    surveys: SurveyService;
    surveyAdmin: SurveyAdmin;
    clock: Clock;
  },
) {
  const { auth, visibility, surveys, surveyAdmin, clock } = options;

  router.get('/surveys/current', async (req, res) => {
    res.json(await surveys.getCurrent(await auth.userRef(req)));
  });

  router.post('/surveys/current/responses', async (req, res) => {
    const user = await auth.userRef(req);
    const body = parseInput(surveyResponseSchema, req.body);
    res.json(await surveys.respond(user, body));
  });

  router.put('/surveys/current/answers/:questionId', async (req, res) => {
    const user = await auth.userRef(req);
    const { questionId } = parseInput(z.object({ questionId: questionIdSchema }), req.params);
    const body = parseInput(surveyQuestionAnswerSchema, req.body);
    res.json(await surveys.answerQuestion(user, questionId, body.value));
  });

  router.post('/surveys/current/snooze', async (req, res) => {
    const user = await auth.userRef(req);
    parseInput(surveySnoozeSchema, req.body ?? {});
    res.json(await surveys.snooze(user));
  });

  router.delete('/surveys/responses', async (req, res) => {
    await auth.surveyAdmin(req);
    const query = parseInput(surveyErasureQuerySchema, req.query);
    res.json(await surveyAdmin.erase(query.userRef));
  });

  router.get('/surveys/:surveyId/comments', async (req, res) => {
    const credentials = await auth.comments(req);
    const params = parseInput(z.object({ surveyId: surveyIdSchema }), req.params);
    const query = parseInput(metricsQuerySchema.pick({ group: true }), req.query);
    if (query.group) await visibility.assertVisible(query.group, credentials);
    res.json(await surveys.comments(params.surveyId, query.group));
  });

  router.get('/org/survey-questions', async (req, res) => {
    const credentials = await auth.read(req);
    const query = parseInput(questionResultsQuerySchema, req.query);
    if (query.group) await visibility.assertVisible(query.group, credentials);
    // as the summaries: publications as of the end of the day holding `to`
    res.json(await surveys.questionResults(makeWindow(1, query.to, clock()).to, query.group));
  });
}
