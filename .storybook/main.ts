import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../packages/checkout-react/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y'],
  // msw's service worker (`pnpm exec msw init .storybook/public --save=false`), served at the root.
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
};

export default config;
