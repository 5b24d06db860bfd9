import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';
import { expect, it } from 'vitest';

// The checkout-react-18 project sets EXPECTED_REACT_MAJOR; the default project runs React 19.
it('runs against the React the project names, with a matching react-dom', () => {
  expect(reactVersion.split('.')[0]).toBe(process.env.EXPECTED_REACT_MAJOR ?? '19');
  expect(reactDomVersion).toBe(reactVersion);
});
