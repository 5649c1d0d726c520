import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

/**
 * package.json says `"sideEffects": false`, which lets the bundler drop `import '../src/elements.js'`
 * and the `define()` calls of src/define/*.ts: Storybook would then show bare, unregistered tags.
 * The registration modules are the side effect we want, so they are kept.
 */
const registrationModules = /[\\/]src[\\/](elements|define[\\/][^\\/]+)\.ts$/;
const keepRegistration: Plugin = {
  name: 'formacoop:keep-element-registration',
  transform(code, id) {
    return registrationModules.test(id) ? { code, map: null, moduleSideEffects: true } : undefined;
  },
};

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
    plugins: [...(config.plugins ?? []), keepRegistration],
    // Storybook's own preview bundle is larger than Vite's default warning threshold.
    build: { ...config.build, chunkSizeWarningLimit: 1500 },
  }),
};

export default config;
