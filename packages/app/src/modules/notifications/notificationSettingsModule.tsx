import { SubPageBlueprint, createFrontendModule } from '@backstage/frontend-plugin-api';

/**
 * The notification settings, as a tab of the user settings page
 * (/settings/notifications): each user turns a plugin's notifications, or
 * one of its topics, on or off there. The survey's invitations and
 * reminders come from the Platform Metrics plugin under the topic
 * platform-metrics-survey (docs/metrics.md §8c).
 */
const notificationSettings = SubPageBlueprint.make({
  name: 'notifications',
  params: {
    path: 'notifications',
    title: 'Notifications',
    loader: () =>
      import('@backstage/plugin-notifications').then(m => (
        <m.UserNotificationSettingsCard
          originNames={{ 'plugin:platform-metrics': 'Platform Metrics' }}
          topicNames={{ 'platform-metrics-survey': 'Developer survey' }}
        />
      )),
  },
});

export const notificationSettingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [notificationSettings],
});
