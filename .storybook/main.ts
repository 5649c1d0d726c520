import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook for designers: one stories file per element (stories/*.stories.ts), every state they
 * must see. Builds offline: no telemetry, no update notices, no addon that reaches the network.
 */
const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  // Since Storybook 9, controls, actions, viewport, backgrounds and toolbars are part of `storybook`
  // itself; only the docs pages (autodocs, built from custom-elements.json) need their addon.
  addons: ['@storybook/addon-docs'],
  // Photos of past sessions and the feed of the invalid-feed story, served as a site would serve them.
  staticDirs: [{ from: '../stories/assets', to: '/story-assets' }],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
  viteFinal: (config) => ({
    ...config,
    // Storybook's own preview bundle is larger than Vite's default warning threshold.
    build: { ...config.build, chunkSizeWarningLimit: 1500 },
  }),
};

export default config;
